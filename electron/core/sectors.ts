// Sector keys and the labels organisers' files use for them.

export const SECTOR_KEYS = [
  'factory',
  'power',
  'mine',
  'oilgas',
  'campus',
  'scenic',
  'hospital',
  'park',
  'port',
] as const;
export type SectorKey = (typeof SECTOR_KEYS)[number];

/** The rubric key of the 绽放杯 generic rubric, used for entries whose sector has no rubric pinned. */
export const GENERIC_RUBRIC_KEY = 'generic';

export const SECTOR_NAMES: Record<SectorKey, { zh: string; en: string }> = {
  factory: { zh: '工厂', en: 'Factory' },
  power: { zh: '电厂', en: 'Power plant' },
  mine: { zh: '矿山', en: 'Mine' },
  oilgas: { zh: '油气园区', en: 'Oil and gas park' },
  campus: { zh: '校园', en: 'Campus' },
  scenic: { zh: '景区', en: 'Scenic area' },
  hospital: { zh: '医院', en: 'Hospital' },
  park: { zh: '产业园区', en: 'Industrial park' },
  port: { zh: '港口', en: 'Port' },
};

/**
 * Labels seen in 领航者 category columns and 绽放杯 industry/track columns, by sector.
 * Matching strips a leading "5G" / "5G+" and a trailing "类", so 工厂 / 5G工厂 / 工厂类 all match.
 */
const SECTOR_LABELS: Record<SectorKey, readonly string[]> = {
  factory: ['工厂', '全连接工厂', '智能工厂', '工业互联网', '智能制造', '制造业', '工业'],
  power: ['电厂', '电力', '智慧电力', '智能电网', '电网', '能源', '发电厂'],
  mine: ['矿山', '智能矿山', '智慧矿山', '煤矿', '矿业'],
  oilgas: ['油气园区', '油气', '智能油气', '智慧油气', '石化', '石油化工', '化工园区'],
  campus: ['校园', '数字教育', '智慧教育', '教育', '学校', '高校'],
  scenic: ['景区', '智慧文旅', '文旅', '智慧旅游', '旅游', '文化旅游'],
  hospital: ['医院', '卫生健康', '医疗健康', '智慧医疗', '医疗', '智慧医院'],
  park: ['产业园区', '园区', '工业园区', '智慧园区', '经济开发区'],
  port: ['港口', '智慧港口', '码头', '港航'],
};

const LABEL_TO_SECTOR = new Map<string, SectorKey>();
for (const key of SECTOR_KEYS) {
  LABEL_TO_SECTOR.set(key, key);
  for (const label of SECTOR_LABELS[key]) LABEL_TO_SECTOR.set(label, key);
}

function canonicalLabel(label: string): string {
  return label
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^5g[+＋]?/, '')
    .replace(/类$/, '');
}

/** The sector key for a label such as 工厂, 5G工厂, 工厂类, 5G+工业互联网 or factory; null if unknown. */
export function sectorFromLabel(label: string | null | undefined): SectorKey | null {
  if (!label) return null;
  return LABEL_TO_SECTOR.get(canonicalLabel(label)) ?? null;
}

export function isSectorKey(value: string): value is SectorKey {
  return (SECTOR_KEYS as readonly string[]).includes(value);
}

/** A sector key, or the generic rubric's, as people read it (工厂 / Factory); null reads as ''. */
export function sectorName(sector: string | null): { zh: string; en: string } {
  if (sector === null) return { zh: '', en: '' };
  if (isSectorKey(sector)) return SECTOR_NAMES[sector];
  if (sector === GENERIC_RUBRIC_KEY) return { zh: '通用', en: 'generic' };
  return { zh: sector, en: sector };
}
