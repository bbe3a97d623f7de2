// `npm run bench`: speed and memory figures as JSON, each beside a baseline measured on the
// same machine in the same run (sqlite3's CLI), so targets are ratios rather than seconds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectSession } from '../../electron/api/session';
import { createHandlers } from '../../electron/api/handlers';
import { dispatch } from '../../electron/api/dispatch';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';

const resourcesDir = resolve(__dirname, '..', '..', 'resources');
const work = mkdtempSync(join(tmpdir(), 'sail-bench-'));
const figures: Record<string, unknown> = {};

function session() {
  const s = new ProjectSession({ configDir: null, resourcesDir });
  const handlers = createHandlers(s);
  const ok = async <N extends OperationName>(name: N, input: OperationInput<N>) => {
    const result = await dispatch(handlers, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message_en}`);
    return result.value as OperationOutput<N>;
  };
  return { s, ok };
}

const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(3));

function sqlite3Available(): boolean {
  return spawnSync('sqlite3', ['-version']).status === 0;
}

function timeSqlite3(database: string, script: string): number {
  const start = performance.now();
  execFileSync('sqlite3', [database], { input: script, stdio: ['pipe', 'ignore', 'inherit'] });
  return seconds(start);
}

const SECTORS = ['5G+工业互联网', '5G+智能矿山', '5G+智慧电力', '5G+卫生健康', '5G+数字教育', '5G+智慧文旅'];
const PROVINCES = ['江苏省', '浙江省', '广东省', '山西省', '四川省', '湖南省'];

function writeBloomCsv(path: string, rows: number): void {
  const lines = ['项目编号,项目名称,牵头申报单位,联合申报单位,所属行业,省份,城市,项目简介'];
  for (let i = 1; i <= rows; i++) {
    const id = `B${String(i).padStart(7, '0')}`;
    lines.push(
      `${id},5G+智慧应用示范项目${i},申报单位${i % 997}有限公司,中国移动通信集团分公司,${SECTORS[i % SECTORS.length]},${PROVINCES[i % PROVINCES.length]},城市${i % 50},"申报单位${i}联合运营商建设5G专网，实现生产效率提升${i % 40}%。"`,
    );
  }
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

async function benchImport(rows: number) {
  const csv = join(work, `bloom-${rows}.csv`);
  writeBloomCsv(csv, rows);
  const { s, ok } = session();
  await ok('project.create', { path: join(work, `import-${rows}.sailreview`) });
  const start = performance.now();
  const summary = await ok('entries.import', { path: csv, programme: 'bloom' });
  const ours = seconds(start);
  s.close();
  const figure: Record<string, unknown> = { rows, inserted: summary.inserted, seconds: ours };
  if (sqlite3Available()) {
    const baseline = timeSqlite3(join(work, `sqlite3-${rows}.db`), `.mode csv\n.import ${csv} entry\n`);
    figure.sqlite3_import_seconds = baseline;
    figure.ratio = Number((ours / baseline).toFixed(2));
    figure.target_ratio = 2;
  }
  figures[`import_csv_${rows}`] = figure;
}

async function benchRanking(entries: number, reviewsPerEntry: number) {
  const { s, ok } = session();
  const path = join(work, `rank-${entries}.sailreview`);
  await ok('project.create', { path });
  const csv = join(work, `rank-entries-${entries}.csv`);
  writeBloomCsv(csv, entries);
  await ok('entries.import', { path: csv, programme: 'bloom' });
  const reviewerCsv = join(work, 'reviewers.csv');
  writeFileSync(
    reviewerCsv,
    ['专家编号,姓名', ...Array.from({ length: 40 }, (_, i) => `R${String(i + 1).padStart(3, '0')},专家${i + 1}`)].join('\n'),
  );
  await ok('reviewers.import', { path: reviewerCsv });
  await ok('rounds.create', { name: 'bench', programme: 'bloom' });
  const store = s.require();
  const rubric = store.rubrics.latest('generic');
  if (!rubric) throw new Error('generic rubric missing');
  // Scores are generated in SQL: the figure of interest is ranking, not writing.
  const seed = store.db.transaction(() => {
    const now = new Date().toISOString();
    store.db
      .prepare(
        `INSERT INTO review (round_id, entry_id, reviewer_id, rubric_id, status, comment, version, updated_at, submitted_at)
         SELECT re.round_id, re.entry_id, rv.id, re.rubric_id, 'submitted', '', 1, @now, @now
         FROM round_entry re JOIN reviewer rv ON ((rv.id + re.entry_id) % 40) < @k`,
      )
      .run({ now, k: reviewsPerEntry });
    const insert = store.db.prepare(
      `INSERT INTO score (review_id, criterion_key, points)
       SELECT id, @key, ((id * 7 + @salt) % (CAST(@max * 2 AS INTEGER) + 1)) / 2.0 FROM review`,
    );
    rubric.criteria.forEach((criterion, i) => insert.run({ key: criterion.key, salt: i * 13, max: criterion.max }));
  });
  seed();
  const scores = (store.db.prepare('SELECT count(*) AS n FROM score').get() as { n: number }).n;
  const figure: Record<string, unknown> = { entries, reviews_per_entry: reviewsPerEntry, criteria: rubric.criteria.length, scores };
  for (const method of ['mean', 'trimmed', 'median', 'zscore'] as const) {
    const start = performance.now();
    await ok('ranking.rank', { round: 'bench', method });
    figure[`${method}_seconds`] = seconds(start);
  }
  const searchStart = performance.now();
  await ok('entries.list', { search: '示范项目4999', limit: 200 });
  figure.search_seconds = seconds(searchStart);
  s.close();
  if (sqlite3Available()) {
    figure.sqlite3_mean_seconds = timeSqlite3(
      path,
      `SELECT e.external_id, avg(t.total), count(*) FROM (
         SELECT r.entry_id, sum(s.points) AS total FROM review r JOIN score s ON s.review_id = r.id
         WHERE r.status = 'submitted' GROUP BY r.id) t JOIN entry e ON e.id = t.entry_id
       GROUP BY t.entry_id ORDER BY 2 DESC;\n`,
    );
    figure.mean_ratio = Number(((figure.mean_seconds as number) / (figure.sqlite3_mean_seconds as number)).toFixed(2));
    figure.target_ratio = 1.5;
  }
  figures[`rank_${entries}x${reviewsPerEntry}`] = figure;
}

async function main() {
  const quick = process.argv.includes('--quick');
  await benchImport(quick ? 10_000 : 100_000);
  await benchRanking(quick ? 5_000 : 50_000, 7);
  figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!sqlite3Available()) figures.note = 'sqlite3 CLI not found: baselines skipped (apt-get install sqlite3)';
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
