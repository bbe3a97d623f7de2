// Value clean-up for imported entries: provinces, full-width digits, amounts with units, dates.

/** The 34 province-level divisions by their official names. */
export const PROVINCES = [
  '北京市',
  '天津市',
  '上海市',
  '重庆市',
  '河北省',
  '山西省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '海南省',
  '四川省',
  '贵州省',
  '云南省',
  '陕西省',
  '甘肃省',
  '青海省',
  '台湾省',
  '内蒙古自治区',
  '广西壮族自治区',
  '西藏自治区',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '香港特别行政区',
  '澳门特别行政区',
] as const;

const PROVINCE_ALIASES = new Map<string, string>();
for (const name of PROVINCES) {
  PROVINCE_ALIASES.set(name, name);
  const short = name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/, '');
  PROVINCE_ALIASES.set(short, name);
}
for (const [alias, name] of [
  ['内蒙', '内蒙古自治区'],
  ['广西壮族', '广西壮族自治区'],
  ['宁夏回族', '宁夏回族自治区'],
  ['新疆维吾尔', '新疆维吾尔自治区'],
  ['香港特区', '香港特别行政区'],
  ['澳门特区', '澳门特别行政区'],
] as const) {
  PROVINCE_ALIASES.set(alias, name);
}
/** Longest first, so 内蒙古 matches before 内蒙 when a value starts with a province name. */
const ALIASES_BY_LENGTH = [...PROVINCE_ALIASES.keys()].sort((a, b) => b.length - a.length);

/**
 * The official name for 江苏 / 江苏省 / 内蒙 / 广西 / 北京 / 江苏省南京市 …; other text is returned
 * trimmed (an unknown province is not an error).
 */
export function normaliseProvince(value: string): string {
  const compact = value.normalize('NFKC').replace(/\s+/g, '');
  const exact = PROVINCE_ALIASES.get(compact);
  if (exact) return exact;
  const prefix = ALIASES_BY_LENGTH.find((alias) => alias.length >= 2 && compact.startsWith(alias));
  return prefix ? (PROVINCE_ALIASES.get(prefix) ?? value.trim()) : value.trim();
}

/** Full-width digits and letters to half-width (NFKC) and no whitespace: for ids and codes. */
export function normaliseCode(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '');
}

/** A number without float noise (0.1 + 0.2 → '0.3'). */
export function formatDecimal(value: number): string {
  return String(Number(value.toPrecision(15)));
}

const UNIT_FACTORS_WAN: Record<string, number> = {
  亿元: 10000,
  亿: 10000,
  万元: 1,
  万: 1,
  千元: 0.1,
  元: 0.0001,
};

/** The unit a header announces, e.g. 投资额（元） → 元; null if none. */
function headerUnit(header: string): string | null {
  const m = /(亿元|万元|千元|元)/.exec(header.normalize('NFKC'));
  return m?.[1] ?? null;
}

/**
 * An amount in 万元: '１２３万元' → '123', '1.5亿' → '15000', '1,234' → '1234'. A bare number takes
 * the unit of its header (投资额（元）) and is 万元 otherwise. Unparseable text comes back NFKC-trimmed.
 */
export function normaliseAmountWan(value: string, header = ''): string {
  const compact = value.normalize('NFKC').replace(/[\s,]/g, '');
  const m = /^([-+]?\d+(?:\.\d+)?)(亿元|亿|万元|万|千元|元)?(?:人民币|rmb)?$/i.exec(compact);
  if (!m?.[1]) return compact;
  const unit = m[2] ?? headerUnit(header) ?? '万元';
  return formatDecimal(Number(m[1]) * (UNIT_FACTORS_WAN[unit] ?? 1));
}

/** A count such as 基站数: '２１４' / '214个' / '1,024' → '1024'; other text NFKC-trimmed. */
export function normaliseCount(value: string): string {
  const compact = value.normalize('NFKC').replace(/[\s,]/g, '');
  const m = /^(\d+(?:\.\d+)?)(?:个|台|座|站|套|部|家|户|路)?$/.exec(compact);
  return m?.[1] ? formatDecimal(Number(m[1])) : compact;
}

const pad = (n: string): string => n.padStart(2, '0');

/**
 * A date as ISO text: 2025/1/20, 2025.01.20, 2025年1月20日 → 2025-01-20; 2025年1月 → 2025-01;
 * a time other than midnight is kept (2025-01-20T08:30:00). Other text NFKC-trimmed.
 */
export function normaliseDate(value: string): string {
  const text = value.normalize('NFKC').trim();
  const full =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/.exec(
      text,
    );
  if (full) {
    const [, y, mo, d, h, mi, s] = full;
    if (!y || !mo || !d || !validMonthDay(mo, d)) return text;
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    if (!h || !mi) return date;
    const time = `${pad(h)}:${mi}:${s ?? '00'}`;
    return time === '00:00:00' ? date : `${date}T${time}`;
  }
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (month?.[1] && month[2] && validMonthDay(month[2], '1')) {
    return `${month[1]}-${pad(month[2])}`;
  }
  return text;
}

function validMonthDay(month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** A list cell (A、B；C / A,B / one per line) as 'A、B、C'. */
export function normaliseList(value: string): string {
  return value
    .split(/[、;；,，\r\n|]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('、');
}
