// Known organisation groups the organiser adds to core's (core/organisations/groups.ts): the
// app's resources/organisation-groups.json, then an `organisation-groups.json` beside the project
// file for that folder's projects. Both are {"groups": [{"name", "aliases", "localAliases"?,
// "unitWords"?}]}; a file that is missing adds nothing, a malformed one is refused by name.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OrganisationGroup } from '../core/organisations';
import { SailError } from '../core/errors';
import { readJsonFile } from './rubric-library';

export const GROUPS_FILE = 'organisation-groups.json';

const texts = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

function parseGroups(json: unknown, path: string): OrganisationGroup[] {
  const groups = (json as { groups?: unknown } | null)?.groups;
  const valid =
    Array.isArray(groups) &&
    groups.every((group: unknown) => {
      const { name, aliases, localAliases, unitWords } = (group ?? {}) as Record<string, unknown>;
      return (
        typeof name === 'string' &&
        name.trim() !== '' &&
        texts(aliases) &&
        aliases.length > 0 &&
        (localAliases === undefined || texts(localAliases)) &&
        (unitWords === undefined || texts(unitWords))
      );
    });
  if (!valid) {
    throw new SailError(
      'invalid_organisation_groups',
      `单位别名文件格式不对（${path}）：应为 {"groups": [{"name": "中国移动", "aliases": ["中国移动通信集团", …]}]}，每个单位须有名称和至少一个别名。`,
      `The organisation groups file is malformed (${path}): expected {"groups": [{"name": "…", "aliases": ["…"]}]}, each group with a name and at least one alias.`,
    );
  }
  return groups as OrganisationGroup[];
}

/** The organiser's groups: the project folder's file first (it wins a shared alias), then the app's. */
export async function readOrganisationGroups(
  resourcesDir: string,
  projectPath: string,
): Promise<OrganisationGroup[]> {
  const groups: OrganisationGroup[] = [];
  for (const path of [join(dirname(projectPath), GROUPS_FILE), join(resourcesDir, GROUPS_FILE)]) {
    if (existsSync(path)) groups.push(...parseGroups(await readJsonFile(path), path));
  }
  return groups;
}
