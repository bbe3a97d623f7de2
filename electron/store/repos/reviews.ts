// Reviews: one per (round, entry, reviewer), with per-criterion scores and gate answers.
import type { ReviewStatus } from '../../core/domain';
import { damagedScore, type StoredScore } from '../../core/review';
import { scoreProblem } from '../../core/rubric';
import type { Db } from '../database';
import { rowJournal, type SqlValue } from '../row-journal';
import { rubricKeys } from '../rubric-keys';
import { gateListSql, scoreListSql } from '../migrations/0014_review_lists';

export interface ReviewRecord {
  id: number;
  round_id: number;
  entry_id: number;
  reviewer_id: number;
  rubric_id: number;
  status: ReviewStatus;
  comment: string;
  version: number;
  updated_at: string;
  submitted_at: string | null;
}

export interface ReviewContent {
  scores: Map<string, number>;
  gates: Map<string, boolean>;
  comment: string;
}

export interface SubmittedScoreRow {
  entry_id: string;
  reviewer_id: string;
  criterion_key: string;
  points: number;
}

export interface SubmittedGateRow {
  entry_id: string;
  reviewer_id: string;
  gate_key: string;
  passed: number;
}

/**
 * A score or gate row of a submitted review: row ids of the review, its entry and reviewer,
 * the criterion or gate key, and the points (for a gate 1 pass, 0 fail).
 */
export type SubmittedRowVisitor = (
  reviewId: number,
  entryId: number,
  reviewerId: number,
  key: string,
  value: number,
) => void;

/** A submitted review's lists (migration 0014): null scores for a review without lists. */
type ListVisitor = (
  reviewId: number,
  entryId: number,
  reviewerId: number,
  rubricId: number,
  scoreList: string | null,
  gateList: string,
) => void;

/**
 * Visits every value of a review's comma-separated list ('' leaves a position without one) as
 * a row keyed by `keys[position]`. Parsed by hand: splitting 350,000 lists into 2.1 million
 * strings and reading each with Number was a third of a ranking's reading, most of it garbage
 * collection; nor is a closure made per list.
 */
function visitList(
  list: string,
  reviewId: number,
  entryId: number,
  reviewerId: number,
  keys: readonly string[],
  visit: SubmittedRowVisitor,
): void {
  let position = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && list.charCodeAt(i) !== COMMA) continue;
    if (i > start) {
      visit(reviewId, entryId, reviewerId, keys[position] ?? '', listNumber(list, start, i));
    }
    position += 1;
    start = i + 1;
  }
}

const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const FIVE = 53;

/**
 * The number list[start, end) spells: digits with no fraction, .0 or .5 (a score's steps, and
 * SQLite's text of a whole REAL) read exactly by hand; anything else as Number reads it.
 */
function listNumber(list: string, start: number, end: number): number {
  let whole = 0;
  let i = start;
  for (; i < end && i - start < 15; i++) {
    const digit = list.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i > start) {
    if (i === end) return whole;
    if (i + 2 === end && list.charCodeAt(i) === DOT) {
      const fraction = list.charCodeAt(i + 1);
      if (fraction === ZERO) return whole;
      if (fraction === FIVE) return whole + 0.5;
    }
  }
  return Number(list.slice(start, end));
}

const SUBMITTED_IN_ROUND = "r.round_id = ? AND r.status = 'submitted'";
const ONLY_ENTRIES = 'r.entry_id IN (SELECT value FROM json_each(?))';
/** Reviews written before migration 13 and not since: read from their score and gate rows. */
const WITHOUT_LISTS = 'r.score_list IS NULL';

/**
 * Sets a review's score and gate lists (migration 0014) from its rows, in an UPDATE of review:
 * every write of a review's scores ends with it, so the lists a ranking reads are the rows.
 */
const KEEP_LISTS = `score_list = ${scoreListSql('review.id', 'review.rubric_id')},
  gate_list = ${gateListSql('review.id', 'review.rubric_id')}`;

/** A packet merge's INSERTs bind at most this many values: a few hundred rows each. */
const VALUES_PER_INSERT = 1_500;
const REVIEW_COLUMNS = [
  'id',
  'round_id',
  'entry_id',
  'reviewer_id',
  'rubric_id',
  'status',
  'comment',
  'version',
  'updated_at',
  'submitted_at',
  'score_list',
  'gate_list',
] as const;

/** A review row as stored, every column (the row journal hashes them all). */
type StoredReview = ReviewRecord & { score_list: string | null; gate_list: string | null } & Record<
    string,
    SqlValue
  >;

/**
 * A kept list (migration 0014) of `values` in the order of `keys`, as scoreListSql and
 * gateListSql spell it from the rows: '' where a key has no value; undefined without keys.
 */
function listOf<T>(
  keys: readonly string[] | undefined,
  values: Readonly<Record<string, T>>,
  text: (value: T) => string,
): string | undefined {
  if (!keys || keys.length === 0) return undefined;
  return keys.map((key) => (values[key] === undefined ? '' : text(values[key]))).join(',');
}

/**
 * Points as SQLite writes a REAL as text: a whole number with '.0' ("%!.15g"). Exact for any
 * score within the rules (half points below 10^15); a score outside them is refused anyway.
 */
function pointsText(points: number): string {
  return Number.isInteger(points) ? points.toFixed(1) : String(points);
}

export class ReviewRepository {
  private readonly find;
  private readonly scoresOf;
  private readonly namesOf;
  private readonly gatesOf;
  private readonly insertReview;
  private readonly updateReview;
  private readonly clearScores;
  private readonly clearGates;
  private readonly insertScore;
  private readonly insertGate;
  private readonly keepLists;
  private readonly ofReviewer;
  private readonly rewriteReview;

  constructor(private readonly db: Db) {
    this.find = db.prepare<[number, number, number], ReviewRecord>(
      'SELECT * FROM review WHERE round_id = ? AND entry_id = ? AND reviewer_id = ?',
    );
    this.scoresOf = db.prepare<
      [number],
      { criterion_key: string; points: number; max_points: number | null }
    >(
      `SELECT s.criterion_key, s.points, c.max_points
       FROM score s JOIN review r ON r.id = s.review_id
         LEFT JOIN criterion c ON c.rubric_id = r.rubric_id AND c.key = s.criterion_key
       WHERE s.review_id = ?`,
    );
    this.namesOf = db.prepare<[number, number], { entry_id: string; reviewer_id: string }>(
      `SELECT e.external_id AS entry_id, rv.external_id AS reviewer_id
       FROM entry e, reviewer rv WHERE e.id = ? AND rv.id = ?`,
    );
    this.gatesOf = db.prepare<[number], { gate_key: string; passed: number }>(
      'SELECT gate_key, passed FROM gate_answer WHERE review_id = ?',
    );
    this.insertReview = db.prepare(
      `INSERT INTO review (round_id, entry_id, reviewer_id, rubric_id, status, comment, version,
         updated_at, submitted_at)
       VALUES (@round_id, @entry_id, @reviewer_id, @rubric_id, @status, @comment, 1, @now,
         CASE WHEN @status = 'submitted' THEN @now END)`,
    );
    this.updateReview = db.prepare(
      `UPDATE review SET status = @status, comment = @comment, version = version + 1,
         updated_at = @now,
         submitted_at = CASE WHEN @status = 'submitted' THEN coalesce(submitted_at, @now) END,
         ${KEEP_LISTS}
       WHERE id = @id`,
    );
    this.keepLists = db.prepare(`UPDATE review SET ${KEEP_LISTS} WHERE id = ?`);
    this.clearScores = db.prepare('DELETE FROM score WHERE review_id = ?');
    this.clearGates = db.prepare('DELETE FROM gate_answer WHERE review_id = ?');
    this.insertScore = db.prepare(
      'INSERT INTO score (review_id, criterion_key, points) VALUES (?, ?, ?)',
    );
    this.insertGate = db.prepare(
      'INSERT INTO gate_answer (review_id, gate_key, passed) VALUES (?, ?, ?)',
    );
    this.ofReviewer = db.prepare<[number, number], StoredReview>(
      'SELECT * FROM review WHERE round_id = ? AND reviewer_id = ?',
    );
    this.rewriteReview = db.prepare(
      `UPDATE review SET status = @status, comment = @comment, version = @version,
         updated_at = @updated_at, submitted_at = @submitted_at, score_list = @score_list,
         gate_list = @gate_list
       WHERE id = @id`,
    );
    // better-sqlite3 builds a JS row per result row (about 1 µs each: seconds for a round's
    // 2.1 million scores); calling a function per row costs a fraction of that. The visits
    // below hand each row to `visitor` through this function and return no rows at all.
    db.function(
      'sail_visit_row',
      { deterministic: false, directOnly: true },
      (review: number, entry: number, reviewer: number, key: string, value: number) => {
        this.visitor(review, entry, reviewer, key, value);
        return null;
      },
    );
    db.function(
      'sail_visit_lists',
      { deterministic: false, directOnly: true },
      (
        review: number,
        entry: number,
        reviewer: number,
        rubric: number,
        scoreList: string | null,
        gateList: string | null,
      ) => {
        this.listVisitor(review, entry, reviewer, rubric, scoreList, gateList ?? '');
        return null;
      },
    );
  }

  private visitor: SubmittedRowVisitor = () => undefined;
  private listVisitor: ListVisitor = () => undefined;

  get(
    roundId: number,
    entryId: number,
    reviewerId: number,
  ): (ReviewRecord & ReviewContent) | undefined {
    const review = this.find.get(roundId, entryId, reviewerId);
    if (!review) return undefined;
    const scores = new Map<string, number>();
    for (const { criterion_key, points, max_points } of this.scoresOf.all(review.id)) {
      if (max_points === null || scoreProblem(points, max_points)) {
        const names = this.namesOf.get(entryId, reviewerId);
        throw damagedScore({
          entry_id: names?.entry_id ?? `#${entryId}`,
          reviewer_id: names?.reviewer_id ?? `#${reviewerId}`,
          criterion: criterion_key,
          points,
          max: max_points,
        });
      }
      scores.set(criterion_key, points);
    }
    return {
      ...review,
      scores,
      gates: new Map(this.gatesOf.all(review.id).map((g) => [g.gate_key, g.passed === 1])),
    };
  }

  /** The version of each review of one reviewer in a round, by entry row id (a packet's merge). */
  versionsOf(roundId: number, reviewerId: number): Map<number, number> {
    const rows = this.db
      .prepare<[number, number], [number, number]>(
        'SELECT entry_id, version FROM review WHERE round_id = ? AND reviewer_id = ?',
      )
      .raw()
      .all(roundId, reviewerId);
    return new Map(rows);
  }

  /**
   * Writes many whole reviews of one reviewer in a round at once (a packet's merge), each as
   * `put` writes one: scores and gate answers replaced, the version bumped (1 for a new review),
   * the kept lists made from the values given. Its reviews are journalled here, from the values
   * bound (row-journal.ts, `inBulk`): 45,000 reviews, each handed from a trigger to JS, cost more
   * than writing them; their lists vouch for their scores and gate answers. Rows go in many to a
   * statement: a statement that fires triggers takes a savepoint, which cost more than its row.
   */
  putMany(
    roundId: number,
    reviewerId: number,
    rows: ReadonlyArray<{
      entry_id: number;
      rubric_id: number;
      status: ReviewStatus;
      comment: string;
      scores: Record<string, number>;
      /** 1 pass, 0 fail. */
      gates: Record<string, 0 | 1>;
    }>,
    now: string,
  ): void {
    const journal = rowJournal(this.db);
    const criteria = rubricKeys(this.db, 'criterion');
    const gates = rubricKeys(this.db, 'gate');
    const stored = new Map<number, StoredReview>();
    for (const review of this.ofReviewer.all(roundId, reviewerId)) {
      stored.set(review.entry_id, review);
    }
    // New reviews get the row ids SQLite would give them (one past the highest, in turn), so
    // that they too go in many to a statement: one statement each cost a savepoint each.
    let nextId = this.maxId() + 1;
    const added: SqlValue[] = [];
    const scores: SqlValue[] = [];
    const answers: SqlValue[] = [];
    journal.inBulk(() => {
      for (const row of rows) {
        const before = stored.get(row.entry_id);
        const rubricId = before?.rubric_id ?? row.rubric_id;
        const lists = {
          score_list: listOf(criteria.get(rubricId), row.scores, pointsText) ?? null,
          gate_list: listOf(gates.get(rubricId), row.gates, String) ?? '',
        };
        let review: StoredReview;
        if (before) {
          this.clearScores.run(before.id);
          this.clearGates.run(before.id);
          review = {
            ...before,
            ...lists,
            status: row.status,
            comment: row.comment,
            version: before.version + 1,
            updated_at: now,
            submitted_at: row.status === 'submitted' ? (before.submitted_at ?? now) : null,
          };
          this.rewriteReview.run(review);
        } else {
          review = {
            id: nextId++,
            round_id: roundId,
            entry_id: row.entry_id,
            reviewer_id: reviewerId,
            rubric_id: row.rubric_id,
            status: row.status,
            comment: row.comment,
            version: 1,
            updated_at: now,
            submitted_at: row.status === 'submitted' ? now : null,
            ...lists,
          };
          for (const column of REVIEW_COLUMNS) added.push(review[column]);
        }
        journal.record('review', review);
        for (const [criterion_key, given] of Object.entries(row.scores)) {
          // A -0 (JSON.parse gives one for "-0") is stored as 0, as its list spells it.
          const points = given || 0;
          scores.push(review.id, criterion_key, points);
        }
        for (const [gate_key, passed] of Object.entries(row.gates)) {
          answers.push(review.id, gate_key, passed);
        }
      }
      this.insertMany('review', REVIEW_COLUMNS, added);
      this.insertMany('score', ['review_id', 'criterion_key', 'points'], scores);
      this.insertMany('gate_answer', ['review_id', 'gate_key', 'passed'], answers);
    });
  }

  /** Inserts rows, their values flattened in the order of `columns`, many to a statement. */
  private insertMany(table: string, columns: readonly string[], values: SqlValue[]): void {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const insert = (rows: number) =>
      this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`,
      );
    const rowsPerInsert = Math.floor(VALUES_PER_INSERT / columns.length);
    const batch = rowsPerInsert * columns.length;
    let at = 0;
    if (values.length >= batch) {
      const many = insert(rowsPerInsert);
      for (; at + batch <= values.length; at += batch) many.run(values.slice(at, at + batch));
    }
    if (at < values.length) insert((values.length - at) / columns.length).run(values.slice(at));
  }

  /**
   * Stored scores the rules refuse, the first `limit` of them by round and entry, and how many
   * there are: migration 0006 refuses new ones, so these are damage for `verify` to name.
   */
  damagedScores(limit: number): { total: number; first: Array<StoredScore & { round: string }> } {
    const damaged = `FROM score s JOIN review r ON r.id = s.review_id
      JOIN round ro ON ro.id = r.round_id JOIN entry e ON e.id = r.entry_id
      JOIN reviewer rv ON rv.id = r.reviewer_id
      LEFT JOIN criterion c ON c.rubric_id = r.rubric_id AND c.key = s.criterion_key
      WHERE NOT coalesce(s.points >= 0 AND s.points <= c.max_points
        AND s.points * 2 = round(s.points * 2), 0)`;
    const total = this.db.prepare(`SELECT count(*) ${damaged}`).pluck().get() as number;
    const first = this.db
      .prepare<[number], StoredScore & { round: string }>(
        `SELECT ro.name AS round, e.external_id AS entry_id, rv.external_id AS reviewer_id,
           s.criterion_key AS criterion, s.points, c.max_points AS max
         ${damaged} ORDER BY ro.id, e.external_id, rv.external_id, s.criterion_key LIMIT ?`,
      )
      .all(limit);
    return { total, first };
  }

  /** Writes the whole content of a review (scores replace the previous ones); bumps its version. */
  put(
    key: { round_id: number; entry_id: number; reviewer_id: number; rubric_id: number },
    content: ReviewContent,
    status: ReviewStatus,
    now: string,
  ): number {
    const existing = this.find.get(key.round_id, key.entry_id, key.reviewer_id);
    let reviewId: number;
    if (existing) {
      reviewId = existing.id;
      this.clearScores.run(reviewId);
      this.clearGates.run(reviewId);
    } else {
      reviewId = Number(
        this.insertReview.run({ ...key, status, comment: content.comment, now }).lastInsertRowid,
      );
    }
    for (const [criterion, points] of content.scores)
      this.insertScore.run(reviewId, criterion, points);
    for (const [gate, passed] of content.gates) this.insertGate.run(reviewId, gate, passed ? 1 : 0);
    // The review row is written once its scores are (its lists are made from them).
    if (existing) this.updateReview.run({ id: reviewId, status, comment: content.comment, now });
    else this.keepLists.run(reviewId);
    return reviewId;
  }

  /** Removes a review with its scores and gate answers (an expert who recused from the entry). */
  delete(reviewId: number): void {
    this.db.prepare('DELETE FROM review WHERE id = ?').run(reviewId);
  }

  /** Per reviewer: status and total of each of their reviews in a round, by entry row id. */
  statusByEntry(
    roundId: number,
    reviewerId: number,
  ): Map<number, { status: ReviewStatus; total: number }> {
    const rows = this.db
      .prepare<[number, number], { entry_id: number; status: ReviewStatus; total: number | null }>(
        `SELECT r.entry_id, r.status, (SELECT sum(points) FROM score s WHERE s.review_id = r.id) AS total
         FROM review r WHERE r.round_id = ? AND r.reviewer_id = ?`,
      )
      .all(roundId, reviewerId);
    return new Map(
      rows.map((row) => [row.entry_id, { status: row.status, total: row.total ?? 0 }]),
    );
  }

  /**
   * Calls `score` for every score and `gate` for every gate answer of the round's submitted
   * reviews (of `entryIds` only, if given): from each review's lists, in one pass over the
   * round's reviews, and from the score and gate rows of the reviews without lists (written
   * before migration 13), which that pass counts.
   */
  visitSubmitted(
    roundId: number,
    entryIds: readonly number[] | null,
    score: SubmittedRowVisitor,
    gate: SubmittedRowVisitor,
  ): void {
    const criteria = rubricKeys(this.db, 'criterion');
    const gates = rubricKeys(this.db, 'gate');
    let without = 0;
    this.listVisitor = (review, entry, reviewer, rubric, scoreList, gateList) => {
      if (scoreList === null) {
        without += 1;
        return;
      }
      const criterionKeys = criteria.get(rubric);
      const gateKeys = gates.get(rubric);
      if (!criterionKeys || !gateKeys) throw new Error(`rubric row ${rubric} has no keys`);
      visitList(scoreList, review, entry, reviewer, criterionKeys, score);
      if (gateList !== '') visitList(gateList, review, entry, reviewer, gateKeys, gate);
    };
    const statement = this.db.prepare(
      `SELECT count(sail_visit_lists(r.id, r.entry_id, r.reviewer_id, r.rubric_id, r.score_list,
         r.gate_list)) FROM review r WHERE ${this.where(entryIds)}`,
    );
    try {
      if (entryIds) statement.get(roundId, JSON.stringify(entryIds));
      else statement.get(roundId);
    } finally {
      this.listVisitor = () => undefined;
    }
    if (without === 0) return;
    if (entryIds === null && this.holdsMostReviews(without)) this.scanScores(roundId, score);
    else {
      this.visit(
        `SELECT count(sail_visit_row(r.id, r.entry_id, r.reviewer_id, s.criterion_key, s.points))
         FROM review r JOIN score s ON s.review_id = r.id`,
        roundId,
        entryIds,
        score,
        WITHOUT_LISTS,
      );
    }
    this.visit(
      `SELECT count(sail_visit_row(r.id, r.entry_id, r.reviewer_id, g.gate_key, g.passed))
       FROM review r JOIN gate_answer g ON g.review_id = r.id`,
      roundId,
      entryIds,
      gate,
      WITHOUT_LISTS,
    );
  }

  /**
   * Whether `count` reviews are at least half of all reviews: reading their scores is then
   * faster as one pass over the score table in storage order than as an index lookup per score
   * (2.1 million of them at 50,000 entries: a third of the time, measured).
   */
  private holdsMostReviews(count: number): boolean {
    const all = this.db.prepare('SELECT count(*) FROM review').pluck().get() as number;
    return count * 2 >= all;
  }

  /**
   * visitSubmittedScores as one pass over the score table: the round's submitted reviews are
   * read first (entry and reviewer by review row id), and other reviews' scores are skipped.
   */
  private scanScores(roundId: number, visit: SubmittedRowVisitor): void {
    const maxId = this.maxId();
    const entryOf = new Int32Array(maxId + 1).fill(-1);
    const reviewerOf = new Int32Array(maxId + 1);
    this.visit(
      `SELECT count(sail_visit_row(r.id, r.entry_id, r.reviewer_id, NULL, 0)) FROM review r`,
      roundId,
      null,
      (review, entry, reviewer) => {
        entryOf[review] = entry;
        reviewerOf[review] = reviewer;
      },
      WITHOUT_LISTS,
    );
    this.visitor = (review, _entry, _reviewer, key, points) => {
      const entry = entryOf[review] ?? -1;
      if (entry >= 0) visit(review, entry, reviewerOf[review] ?? 0, key, points);
    };
    try {
      this.db
        .prepare(
          'SELECT count(sail_visit_row(s.review_id, 0, 0, s.criterion_key, s.points)) FROM score s',
        )
        .get();
    } finally {
      this.visitor = () => undefined;
    }
  }

  /** The highest review row id: review row ids run from 1 to this. */
  maxId(): number {
    return this.db.prepare('SELECT coalesce(max(id), 0) FROM review').pluck().get() as number;
  }

  /** Submitted reviews in a round (of `entryIds` only, if given). */
  countSubmittedOf(roundId: number, entryIds: readonly number[] | null): number {
    const where = this.where(entryIds);
    const statement = this.db.prepare(`SELECT count(*) FROM review r WHERE ${where}`).pluck();
    return (
      entryIds ? statement.get(roundId, JSON.stringify(entryIds)) : statement.get(roundId)
    ) as number;
  }

  private where(entryIds: readonly number[] | null, also?: string): string {
    const where = entryIds ? `${SUBMITTED_IN_ROUND} AND ${ONLY_ENTRIES}` : SUBMITTED_IN_ROUND;
    return also ? `${where} AND ${also}` : where;
  }

  private visit(
    select: string,
    roundId: number,
    entryIds: readonly number[] | null,
    visit: SubmittedRowVisitor,
    also?: string,
  ): void {
    const statement = this.db.prepare(`${select} WHERE ${this.where(entryIds, also)}`);
    this.visitor = visit;
    try {
      if (entryIds) statement.get(roundId, JSON.stringify(entryIds));
      else statement.get(roundId);
    } finally {
      this.visitor = () => undefined;
    }
  }

  countSubmitted(roundId: number): number {
    return (
      this.db
        .prepare("SELECT count(*) AS n FROM review WHERE round_id = ? AND status = 'submitted'")
        .get(roundId) as { n: number }
    ).n;
  }

  submittedScores(roundId: number): IterableIterator<SubmittedScoreRow> {
    return this.db
      .prepare<[number], SubmittedScoreRow>(
        `SELECT e.external_id AS entry_id, rv.external_id AS reviewer_id, s.criterion_key, s.points
         FROM review r
           JOIN score s ON s.review_id = r.id
           JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id
         WHERE r.round_id = ? AND r.status = 'submitted'
         ORDER BY r.id`,
      )
      .iterate(roundId);
  }

  submittedGates(roundId: number): SubmittedGateRow[] {
    return this.db
      .prepare<[number], SubmittedGateRow>(
        `SELECT e.external_id AS entry_id, rv.external_id AS reviewer_id, g.gate_key, g.passed
         FROM review r
           JOIN gate_answer g ON g.review_id = r.id
           JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id
         WHERE r.round_id = ? AND r.status = 'submitted'`,
      )
      .all(roundId);
  }
}
