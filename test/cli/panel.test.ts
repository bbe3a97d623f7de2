// `conflicts` and `assign` as organisers script them (design/CLI.md): the JSON shapes exactly,
// conflicts found from what the names mean, every entry's reviewers and those left short.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { PANEL_CONFLICTS, PANEL_ROUND, panelFiles } from '../support/panel';
import { tempDir } from '../support/paths';

let project: string;

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

beforeAll(() => {
  const dir = tempDir();
  const files = panelFiles(dir);
  project = join(dir, 'panel.sailreview');
  ok(['init', project]);
  ok(['import', project, files.entries, '--programme', 'pioneer']);
  ok(['rubric', 'import', project, files.rubric]);
  ok(['reviewers', 'import', project, files.reviewers]);
  ok([
    'round',
    'create',
    project,
    '--name',
    PANEL_ROUND,
    '--programme',
    'pioneer',
    '--sectors',
    'factory',
  ]);
});

describe('conflicts', () => {
  it('--json prints one object per (reviewer, entry) pair in the shape CLI.md gives', () => {
    const printed = JSON.parse(ok(['conflicts', project, '--json']).stdout) as {
      conflicts: Array<Record<string, unknown>>;
    };
    expect(Object.keys(printed)).toEqual(['conflicts']);
    for (const conflict of printed.conflicts) {
      expect(Object.keys(conflict)).toEqual([
        'reviewer_id',
        'entry_id',
        'source',
        'status',
        'reason_zh',
        'reason_en',
      ]);
      expect(conflict.status).toBe('potential');
      expect(conflict.reason_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(conflict.reason_en).toMatch(/[A-Za-z]{3}/);
    }
    expect(
      printed.conflicts.map(({ reviewer_id, entry_id, source }) => ({
        reviewer_id,
        entry_id,
        source,
      })),
    ).toEqual(PANEL_CONFLICTS);
    // --round: the same, limited to the round's entries and panel (here all of them).
    const inRound = JSON.parse(
      ok(['conflicts', project, '--round', PANEL_ROUND, '--json']).stdout,
    ) as { conflicts: unknown[] };
    expect(inRound.conflicts).toHaveLength(PANEL_CONFLICTS.length);
  });

  it('prints a table and the counts without --json; an unknown round is refused (exit 2)', () => {
    const run = ok(['conflicts', project]);
    expect(run.stdout.trim().split('\n')).toHaveLength(PANEL_CONFLICTS.length);
    expect(run.stdout).toMatch(/^R01\tP-01\t/);
    expect(run.stderr).toContain('待确认 3');
    const unknown = runCli(['conflicts', project, '--round', '决赛']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('决赛');
  });
});

describe('assign', () => {
  it('--json prints the new pairs and the entries left short, with reasons, in CLI.md’s shape', () => {
    ok(['conflicts', project]);
    const run = ok(['assign', project, '--round', PANEL_ROUND, '--per-entry', '5', '--json']);
    const printed = JSON.parse(run.stdout) as {
      assignments: Array<Record<string, unknown>>;
      unassigned: Array<Record<string, unknown>>;
    };
    expect(Object.keys(printed)).toEqual(['assignments', 'unassigned']);
    for (const pair of printed.assignments)
      expect(Object.keys(pair)).toEqual(['entry_id', 'reviewer_id']);
    for (const short of printed.unassigned) {
      expect(Object.keys(short)).toEqual(['entry_id', 'reason_zh', 'reason_en']);
    }
    // Five experts, one conflicted with each of P-01, P-02 and P-04: those get four.
    expect(printed.unassigned.map((u) => u.entry_id)).toEqual(['P-01', 'P-02', 'P-04']);
    expect(printed.assignments).toHaveLength(6 * 5 - 3);
    const given = printed.assignments.map((a) => `${String(a.reviewer_id)}:${String(a.entry_id)}`);
    for (const c of PANEL_CONFLICTS) expect(given).not.toContain(`${c.reviewer_id}:${c.entry_id}`);
    expect(run.stderr).toContain('相差');
    expect(run.stderr).toContain('sector expert');
    // Run again: everything kept, nothing new.
    const again = JSON.parse(
      ok(['assign', project, '--round', PANEL_ROUND, '--per-entry', '5', '--json']).stdout,
    ) as { assignments: unknown[] };
    expect(again.assignments).toEqual([]);
  });

  it('refuses a K that is not a positive integer (exit 1)', () => {
    const run = runCli(['assign', project, '--round', PANEL_ROUND, '--per-entry', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--per-entry');
  });
});
