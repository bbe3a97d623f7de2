// Characters the report font cannot print, and where each occurs, as a warning in both languages.
import type { UserMessage } from '../../../core/errors';
import { unprintableWarning, type UnprintablePlace } from '../../../io/export/pdf';
import type { ExportPlan } from './plan';

export const warningsOf = (built: ExportPlan, unprintable: string[]): UserMessage[] => {
  const warning = unprintableWarning(unprintable, unprintablePlaces(built, unprintable));
  return warning ? [warning] : [];
};

/**
 * Where each character occurs in what the export prints — the round's name, an entry's fields or
 * its comments (by entry id), an expert's or the organiser's name — so it can be found and checked.
 */
function unprintablePlaces(
  built: ExportPlan,
  chars: readonly string[],
): Map<string, UnprintablePlace[]> {
  const places = new Map<string, UnprintablePlace[]>();
  if (chars.length === 0) return places;
  const texts: Array<[string, UnprintablePlace]> = [];
  const { round, store, spec } = built;
  texts.push([`${round.name} ${round.stage ?? ''}`, { zh: '批次名称', en: 'the round name' }]);
  if (spec.organiser) texts.push([spec.organiser, { zh: '组织单位', en: 'the organiser' }]);
  for (const member of built.panel()) {
    texts.push([member.name, { zh: `专家 ${member.name}`, en: `expert ${member.name}` }]);
  }
  const seen = new Set<string>();
  for (const ranking of built.rankings.all()) {
    for (const row of ranking.rows) {
      if (seen.has(row.entry_id)) continue;
      seen.add(row.entry_id);
      const text = `${row.entry_id} ${row.title} ${row.applicant} ${row.province ?? ''}`;
      texts.push([text, { zh: row.entry_id, en: row.entry_id }]);
    }
  }
  for (const review of store.exports.submittedReviews(round.id)) {
    if (!review.comment) continue;
    const place = { zh: `${review.entry_id} 的评语`, en: `a comment on ${review.entry_id}` };
    texts.push([review.comment, place]);
  }
  for (const char of chars) {
    const found = texts.filter(([text]) => text.includes(char)).map(([, place]) => place);
    const unique = [...new Map(found.map((place) => [place.zh, place])).values()];
    if (unique.length > 0) places.set(char, unique);
  }
  return places;
}
