// The fields of 绽放杯 submissions and 领航者 candidates (docs: PROGRAMMES.md) and the header
// wordings organisers' files use for them. Pure: no I/O.

import type { Programme } from '../domain';

export type EntryField =
  | 'entry_id'
  | 'edition'
  | 'track_type'
  | 'track'
  | 'title'
  | 'applicant'
  | 'partners'
  | 'sector'
  | 'industry'
  | 'application_area'
  | 'industry_type'
  | 'stage'
  | 'province'
  | 'city'
  | 'contact_name'
  | 'contact_phone'
  | 'contact_email'
  | 'summary'
  | 'tech_points'
  | 'outcomes'
  | 'business_model'
  | 'attachments'
  | 'credit_code'
  | 'recommender'
  | 'build_level'
  | 'network_mode'
  | 'base_stations'
  | 'terminals'
  | 'scenarios'
  | 'investment_wan'
  | 'in_service_date'
  | 'indicators'
  | 'certifications';

export interface EntryFieldDef {
  key: EntryField;
  name_zh: string;
  name_en: string;
  programmes: Programme[];
  synonyms: string[];
}

const BOTH: Programme[] = ['bloom', 'pioneer'];
const BLOOM: Programme[] = ['bloom'];
const PIONEER: Programme[] = ['pioneer'];

export const ENTRY_FIELDS: readonly EntryFieldDef[] = [
  {
    key: 'entry_id',
    name_zh: '编号',
    name_en: 'ID',
    programmes: BOTH,
    synonyms: [
      '项目编号',
      '参赛编号',
      '候选编号',
      '申报编号',
      '编号',
      '案例编号',
      '作品编号',
      '报名编号',
      '参赛号',
      '候选对象编号',
      '项目代码',
      '项目ID',
      'projectNo',
      'projectId',
      'projectCode',
      'entryId',
      'entryNo',
      'candidateNo',
      'candidateId',
      'caseNo',
      'caseId',
      'id',
    ],
  },
  {
    key: 'edition',
    name_zh: '届次',
    name_en: 'Edition',
    programmes: BLOOM,
    synonyms: ['届次', '届别', '大赛届次', '赛事届次', 'edition', 'session'],
  },
  {
    key: 'track_type',
    name_zh: '赛道类型',
    name_en: 'Track type',
    programmes: BLOOM,
    synonyms: [
      '赛道类型',
      '赛事类型',
      '赛道类别',
      '参赛类型',
      '比赛类型',
      'trackType',
      'competitionType',
      'contestType',
    ],
  },
  {
    key: 'track',
    name_zh: '赛区或专题',
    name_en: 'Region or theme',
    programmes: BLOOM,
    synonyms: [
      '赛区或专题',
      '赛区/专题',
      '赛区或专题赛',
      '专题赛道',
      '赛道',
      '赛区',
      '专题',
      '专题赛',
      '所属赛区',
      '参赛赛区',
      '所属赛道',
      '所属专题',
      'track',
      'division',
    ],
  },
  {
    key: 'title',
    name_zh: '项目名称',
    name_en: 'Title',
    programmes: BOTH,
    synonyms: [
      '项目名称',
      '案例名称',
      '名称',
      '项目',
      '作品名称',
      '参赛项目名称',
      '参赛项目',
      '案例',
      '应用案例名称',
      '项目全称',
      '申报项目名称',
      '参赛作品',
      'name',
      'title',
      'projectName',
      'caseName',
      'project',
    ],
  },
  {
    key: 'applicant',
    name_zh: '牵头申报单位',
    name_en: 'Applicant',
    programmes: BOTH,
    synonyms: [
      '牵头申报单位',
      '申报主体',
      '申报单位',
      '主体名称',
      '牵头单位',
      '申报企业',
      '企业名称',
      '单位名称',
      '申报单位名称',
      '牵头申报单位名称',
      '牵头申报主体',
      '申报主体名称',
      '候选主体',
      '候选主体名称',
      '候选对象',
      '候选对象名称',
      '主体',
      '申报方',
      '参赛单位',
      '参赛主体',
      'leadApplicant',
      'applicant',
      'lead',
      'organization',
      'organisation',
      'company',
      'entity',
      'entityName',
    ],
  },
  {
    key: 'partners',
    name_zh: '联合申报单位',
    name_en: 'Partners',
    programmes: BOTH,
    synonyms: [
      '联合申报单位',
      '联合体成员',
      '联合单位',
      '合作单位',
      '参与单位',
      '联合申报方',
      '联合申报主体',
      '联合体单位',
      '合作伙伴',
      'partners',
      'coApplicants',
      'members',
      'consortium',
    ],
  },
  {
    key: 'sector',
    name_zh: '领航者类别',
    name_en: 'Sector',
    programmes: BOTH,
    synonyms: [
      '领航者类别',
      '领航者类型',
      '领航者方向',
      '候选类别',
      '申报类别',
      '申报方向',
      '场景类别',
      '类别',
      '类型',
      'sector',
      'category',
    ],
  },
  {
    key: 'industry',
    name_zh: '所属行业',
    name_en: 'Industry',
    programmes: BOTH,
    synonyms: [
      '所属行业',
      '行业',
      '行业大类',
      '行业领域',
      '行业分类',
      '所属行业领域',
      '所属行业大类',
      'industry',
      'industryName',
    ],
  },
  {
    key: 'application_area',
    name_zh: '应用领域',
    name_en: 'Application area',
    programmes: BLOOM,
    synonyms: [
      '应用领域',
      '应用方向',
      '细分领域',
      '应用场景',
      'applicationArea',
      'applicationField',
      'area',
    ],
  },
  {
    key: 'industry_type',
    name_zh: '行业类型',
    name_en: 'Industry type (mature/emerging)',
    programmes: BLOOM,
    synonyms: ['行业类型', '行业性质', 'industryType', 'maturity'],
  },
  {
    key: 'stage',
    name_zh: '项目阶段',
    name_en: 'Project stage',
    programmes: BLOOM,
    synonyms: ['项目阶段', '阶段', '发展阶段', '应用阶段', '建设阶段', 'stage', 'phase'],
  },
  {
    key: 'province',
    name_zh: '省份',
    name_en: 'Province',
    programmes: BOTH,
    synonyms: [
      '省份',
      '所在省份',
      '省',
      '所在省',
      '省市',
      '省区市',
      '所在地区',
      '地区',
      'province',
      'provinceName',
      'prov',
    ],
  },
  {
    key: 'city',
    name_zh: '城市',
    name_en: 'City',
    programmes: BOTH,
    synonyms: [
      '城市',
      '所在城市',
      '市',
      '地市',
      '所在地市',
      '所在市',
      '城市名称',
      'city',
      'cityName',
    ],
  },
  {
    key: 'contact_name',
    name_zh: '联系人',
    name_en: 'Contact',
    programmes: BOTH,
    synonyms: [
      '联系人',
      '负责人',
      '联系人姓名',
      '项目负责人',
      '联系人员',
      '姓名',
      '申报联系人',
      '项目联系人',
      'contact',
      'contactName',
      'contactPerson',
    ],
  },
  {
    key: 'contact_phone',
    name_zh: '联系电话',
    name_en: 'Phone',
    programmes: BOTH,
    synonyms: [
      '电话',
      '联系电话',
      '联系方式',
      '手机',
      '手机号',
      '手机号码',
      '联系手机',
      '电话号码',
      '联系人电话',
      '联系人手机',
      '座机',
      'phone',
      'mobile',
      'tel',
      'telephone',
      'contactPhone',
    ],
  },
  {
    key: 'contact_email',
    name_zh: '电子邮箱',
    name_en: 'Email',
    programmes: BOTH,
    synonyms: [
      '邮箱',
      '电子邮箱',
      '电子邮件',
      '邮件',
      '联系邮箱',
      '联系人邮箱',
      'email',
      'mail',
      'contactEmail',
    ],
  },
  {
    key: 'summary',
    name_zh: '项目简介',
    name_en: 'Summary',
    programmes: BOTH,
    synonyms: [
      '项目简介',
      '案例简介',
      '简介',
      '项目概述',
      '概述',
      '项目介绍',
      '案例介绍',
      '主体简介',
      '基本情况',
      '项目摘要',
      '摘要',
      'summary',
      'description',
      'abstract',
      'intro',
      'introduction',
      'brief',
    ],
  },
  {
    key: 'tech_points',
    name_zh: '5G技术要点',
    name_en: '5G technology',
    programmes: BLOOM,
    synonyms: [
      '5G技术要点',
      '技术要点',
      '关键技术',
      '技术亮点',
      '5G技术',
      '技术方案',
      'techPoints',
      'technology',
      'tech',
    ],
  },
  {
    key: 'outcomes',
    name_zh: '应用成效',
    name_en: 'Outcomes',
    programmes: BLOOM,
    synonyms: [
      '应用成效',
      '成效',
      '项目成效',
      '实施成效',
      '应用效果',
      '效益',
      'outcomes',
      'results',
      'benefits',
    ],
  },
  {
    key: 'business_model',
    name_zh: '商业模式',
    name_en: 'Business model',
    programmes: BLOOM,
    synonyms: ['商业模式', '商业模式与推广', '盈利模式', '运营模式', 'businessModel'],
  },
  {
    key: 'attachments',
    name_zh: '附件',
    name_en: 'Attachments',
    programmes: BLOOM,
    synonyms: ['附件', '附件链接', '附件材料', '证明材料', 'attachments', 'attachment', 'files'],
  },
  {
    key: 'credit_code',
    name_zh: '统一社会信用代码',
    name_en: 'Unified social credit code',
    programmes: PIONEER,
    synonyms: [
      '统一社会信用代码',
      '信用代码',
      '社会信用代码',
      '组织机构代码',
      '统一代码',
      'creditCode',
      'uscc',
      'unifiedSocialCreditCode',
    ],
  },
  {
    key: 'recommender',
    name_zh: '推荐单位',
    name_en: 'Recommended by',
    programmes: PIONEER,
    synonyms: ['推荐单位', '推荐部门', '推荐机构', '推荐方', 'recommender', 'recommendedBy'],
  },
  {
    key: 'build_level',
    name_zh: '建设层级',
    name_en: 'Build level',
    programmes: PIONEER,
    synonyms: ['建设层级', '层级', '建设级别', '建设等级', 'buildLevel', 'level'],
  },
  {
    key: 'network_mode',
    name_zh: '5G网络模式',
    name_en: '5G network mode',
    programmes: PIONEER,
    synonyms: [
      '5G网络模式',
      '网络模式',
      '组网模式',
      '网络类型',
      '组网方式',
      '5G组网模式',
      'networkMode',
      'network',
    ],
  },
  {
    key: 'base_stations',
    name_zh: '基站数',
    name_en: 'Base stations',
    programmes: PIONEER,
    synonyms: ['基站数', '5G基站数', '基站数量', '5G基站数量', '基站', 'baseStations'],
  },
  {
    key: 'terminals',
    name_zh: '5G终端连接数',
    name_en: '5G terminal connections',
    programmes: PIONEER,
    synonyms: [
      '5G终端连接数',
      '终端连接数',
      '终端数',
      '终端数量',
      '连接数',
      '5G终端数',
      '5G连接数',
      'terminals',
      'connections',
    ],
  },
  {
    key: 'scenarios',
    name_zh: '场景清单',
    name_en: 'Scenarios',
    programmes: PIONEER,
    synonyms: ['场景清单', '应用场景', '场景', '应用场景清单', '主要场景', 'scenarios', 'scenes'],
  },
  {
    key: 'investment_wan',
    name_zh: '投资额（万元）',
    name_en: 'Investment (10k CNY)',
    programmes: BOTH,
    synonyms: [
      '投资额',
      '投资金额',
      '总投资',
      '项目投资',
      '投资',
      '投资总额',
      '总投资额',
      'investment',
      'investmentWan',
    ],
  },
  {
    key: 'in_service_date',
    name_zh: '投运时间',
    name_en: 'In service since',
    programmes: PIONEER,
    synonyms: [
      '投运时间',
      '投运日期',
      '投产时间',
      '上线时间',
      '投入运行时间',
      '运行时间',
      '建成时间',
      '投用时间',
      'inServiceDate',
      'serviceDate',
      'launchDate',
    ],
  },
  {
    key: 'indicators',
    name_zh: '成效指标',
    name_en: 'Indicators',
    programmes: PIONEER,
    synonyms: ['成效指标', '指标', '关键指标', '效益指标', '成效数据', 'indicators', 'kpi', 'kpis'],
  },
  {
    key: 'certifications',
    name_zh: '既有认定',
    name_en: 'Existing recognitions',
    programmes: PIONEER,
    synonyms: [
      '既有认定',
      '已获认定',
      '获得认定',
      '已有认定',
      '荣誉资质',
      '获奖情况',
      '既有荣誉',
      'certifications',
      'awards',
      'honors',
    ],
  },
];

/** Headers that count rows (序号): never an entry's id, and ignored when deciding a row is blank. */
const ROW_COUNTERS = new Set(['序号', '行号', '顺序号', 'no', 'rowno', 'index', '#']);

/** Header text reduced for matching: NFKC, lower case, no spaces, separators or required-markers. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:*/\\、,;'"‘’“”]/g, '');
}

/** Like headerKey, but also without bracketed notes: 投资额（万元） → 投资额, 项目名称【必填】 → 项目名称. */
function bareKey(text: string): string {
  return headerKey(
    text.normalize('NFKC').replace(/[([{【〔<《][^)\]}】〕>》]*[)\]}】〕>》]?/g, ''),
  );
}

export function isRowCounterHeader(header: string): boolean {
  const key = headerKey(header);
  return ROW_COUNTERS.has(key) || (key !== '' && ROW_COUNTERS.has(bareKey(header)));
}

interface FieldKeys {
  def: EntryFieldDef;
  exact: Set<string>;
  bare: string[];
}

const FIELD_KEYS: FieldKeys[] = ENTRY_FIELDS.map((def) => {
  const words = [def.key, def.name_zh, def.name_en, ...def.synonyms];
  return {
    def,
    exact: new Set(words.map(headerKey)),
    bare: [...new Set(words.map(bareKey).filter((k) => k !== ''))],
  };
});

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * How well a header names a field: 3 exact, 2 without bracketed notes, 1 a Chinese synonym the
 * header ends with (联系人电话 → 电话), 0.5 one it starts with (所在省份直辖市 → 所在省份); 0 no match.
 * Longer synonyms win among affix matches so 申报单位名称 is the applicant, not a 名称 (title).
 */
function matchQuality(header: string, keys: FieldKeys): number {
  const exact = headerKey(header);
  if (exact === '') return 0;
  if (keys.exact.has(exact)) return 3;
  const bare = bareKey(header);
  if (bare === '') return 0;
  if (keys.bare.includes(bare)) return 2;
  if (!HAS_CJK.test(bare)) return 0;
  let best = 0;
  for (const syn of keys.bare) {
    if (syn.length < 2 || !HAS_CJK.test(syn)) continue;
    // Longer affixes score higher within the same kind (tenths stay below the next kind).
    const bonus = Math.min(syn.length, 9) / 100;
    if (bare.endsWith(syn)) best = Math.max(best, 1 + bonus);
    else if (bare.startsWith(syn)) best = Math.max(best, 0.5 + bonus);
  }
  return best;
}

/** Whether a header reads like one of the known column names (used to find the header row). */
export function isKnownHeader(header: string): boolean {
  if (isRowCounterHeader(header)) return true;
  const exact = headerKey(header);
  const bare = bareKey(header);
  if (exact === '') return false;
  return FIELD_KEYS.some((k) => k.exact.has(exact) || (bare !== '' && k.bare.includes(bare)));
}

/**
 * Header → field for one programme's file. Each field goes to at most one column: the best
 * match, and among equals the leftmost. 序号 and unknown headers map to null.
 */
export function detectMapping(
  headers: string[],
  programme: Programme,
): Record<string, EntryField | null> {
  const mapping: Record<string, EntryField | null> = {};
  const candidates: { header: number; field: EntryField; quality: number }[] = [];
  headers.forEach((header, index) => {
    mapping[header] = null;
    if (isRowCounterHeader(header)) return;
    for (const keys of FIELD_KEYS) {
      if (!keys.def.programmes.includes(programme)) continue;
      const quality = matchQuality(header, keys);
      if (quality > 0) candidates.push({ header: index, field: keys.def.key, quality });
    }
  });
  candidates.sort((a, b) => b.quality - a.quality || a.header - b.header);
  const taken = new Set<EntryField>();
  const assigned = new Set<number>();
  for (const c of candidates) {
    if (taken.has(c.field) || assigned.has(c.header)) continue;
    const header = headers[c.header];
    if (header === undefined) continue;
    mapping[header] = c.field;
    taken.add(c.field);
    assigned.add(c.header);
  }
  return mapping;
}

export function fieldDef(key: EntryField): EntryFieldDef {
  const def = ENTRY_FIELDS.find((f) => f.key === key);
  if (!def) throw new Error(`unknown entry field ${key}`);
  return def;
}
