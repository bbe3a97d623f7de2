// A small 领航者 factory round for the panel (issue 12): entries with partner units (联合申报单位)
// and experts whose organisations and 回避单位 are written as real lists write them, so that the
// conflicts are known in advance from what the names mean:
//   R01 (中国移动江苏, the provincial company) — P-01, whose partner is its 苏州 city branch;
//       not P-02 (中国电信江苏: another group in the same province) nor P-06 (中国移动浙江);
//   R02 declares 中國電信股份有限公司江蘇分公司 (traditional characters) — P-02's partner;
//   R05 (华为技术有限公司) — P-04, with 华为 as a partner.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFile } from './demo-round';

export const PANEL_ROUND = '复赛';

export const PANEL_CONFLICTS = [
  { reviewer_id: 'R01', entry_id: 'P-01', source: 'detected' },
  { reviewer_id: 'R02', entry_id: 'P-02', source: 'declared' },
  { reviewer_id: 'R05', entry_id: 'P-04', source: 'detected' },
] as const;

const ENTRIES = `候选编号,领航者类别,主体名称,联合申报单位,省份,城市
P-01,5G工厂,恒安精密（苏州）有限公司,中国移动通信集团江苏有限公司苏州分公司,江苏省,苏州
P-02,5G工厂,无锡瑞丰精密制造有限公司,中国电信股份有限公司江苏分公司,江苏省,无锡
P-03,5G工厂,南京汇通汽车零部件有限公司,,江苏省,南京
P-04,5G工厂,常州华达电机有限公司,华为技术有限公司、东南大学,江苏省,常州
P-05,5G工厂,杭州锦绣纺织有限公司,,浙江省,杭州
P-06,5G工厂,宁波港城机械有限公司,中国移动通信集团浙江有限公司,浙江省,宁波
`;

const REVIEWERS = `专家编号,姓名,工作单位,所在省份,擅长领域,回避单位,电话,邮箱
R01,王一,中国移动通信集团江苏有限公司,江苏省,5G工厂,,13800000001,r01@example.cn
R02,李二,江苏大学,江苏省,5G工厂,中國電信股份有限公司江蘇分公司,,
R03,张三,南京理工大学,江苏省,工厂,,,
R04,赵四,浙江大学,浙江省,医院,,,
R05,钱五,华为技术有限公司,广东省,5G工厂,,,
`;

/** Writes the round's files into `dir`: entries.csv, reviewers.csv, and the demo rubric's path. */
export function panelFiles(dir: string): { entries: string; reviewers: string; rubric: string } {
  const entries = join(dir, 'panel-entries.csv');
  const reviewers = join(dir, 'panel-reviewers.csv');
  writeFileSync(entries, ENTRIES);
  writeFileSync(reviewers, REVIEWERS);
  return { entries, reviewers, rubric: demoFile('rubric.json') };
}

/** A scores file of these rows (entry, reviewer, criterion, score), in `dir`. */
export function scoresFile(dir: string, rows: string[][]): string {
  const path = join(dir, `scores-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(
    path,
    ['entry_id,reviewer_id,criterion,score', ...rows.map((r) => r.join(','))].join('\n'),
  );
  return path;
}

/** Every criterion of the demo rubric scored for one review (a complete, submitted review). */
export const fullReview = (entryId: string, reviewerId: string): string[][] =>
  ['net', 'level', 'app', 'impact', 'sec', 'rep'].map((key) => [entryId, reviewerId, key, '5']);
