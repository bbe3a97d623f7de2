// Organisation names matched on a normalised key (issue 12, 回避): a labelled set of name pairs
// as organisers meet them — the sample files' applicants, partners, experts and 回避单位, written
// the other ways real lists write them — checked for misses and for false positives alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conflictBetween,
  organisationKey,
  sameOrganisation,
} from '../../../electron/core/organisations';

/** Pairs that name one organisation, or a unit and the organisation it belongs to. */
const SAME: ReadonlyArray<[string, string]> = [
  // One unit written another way: width, brackets, traditional characters, legal forms.
  ['中国电信股份有限公司北京分公司', '中國電信股份有限公司北京分公司'],
  ['中国电信股份有限公司北京分公司', '中国电信北京分公司'],
  ['中国电信股份有限公司北京分公司', '中国电信集团有限公司北京分公司'],
  ['中国电信股份有限公司北京分公司', '北京电信'],
  ['中国电信股份有限公司湖北分公司', '中国电信湖北分公司'],
  ['中国电信股份有限公司新疆分公司', '中国电信股份有限公司新疆维吾尔自治区分公司'],
  ['中国移动通信集团江苏有限公司', '江苏移动'],
  ['中国移动通信集团江苏有限公司', '中国移动江苏公司'],
  ['中国移动通信集团江苏有限公司', '中國移動通信集團江蘇有限公司'],
  ['中国移动通信集团江苏有限公司', '中国移动通信集团 江苏 有限公司'],
  ['中国移动通信集团江苏有限公司', '中国移动（江苏）'],
  ['中国移动通信集团云南有限公司', '云南移动'],
  ['中国移动通信集团云南有限公司', '中国移动通信集团云南省有限公司'],
  ['中国移动通信集团山西有限公司', '山西省移动'],
  ['中国移动通信集团内蒙古有限公司', '内蒙古移动'],
  ['中国联合网络通信有限公司上海市分公司', '上海联通'],
  ['中国联合网络通信有限公司上海市分公司', '中国联通上海分公司'],
  ['中国联合网络通信有限公司四川省分公司', '中国联合网络通信集团有限公司四川省分公司'],
  ['中国联合网络通信有限公司四川省分公司', '中國聯合網絡通信有限公司四川省分公司'],
  ['中国联合网络通信有限公司新疆维吾尔自治区分公司', '新疆联通'],
  ['中国广电重庆网络有限公司', '重庆广电'],
  ['中国广电内蒙古网络有限公司', '中国广电内蒙古网络股份有限公司'],
  ['中国广电天津网络有限公司', '中国广播电视网络集团有限公司天津分公司'],
  ['国家电网有限公司', '国网'],
  ['国网江苏省电力有限公司', '国家电网江苏省电力公司'],
  ['国网江苏省电力有限公司', '國網江蘇省電力有限公司'],
  ['华为技术有限公司', '华为'],
  ['华为技术有限公司', '華為技術有限公司'],
  ['华为技术有限公司', '华为技术（深圳）有限公司'],
  ['中兴通讯股份有限公司', '中兴通讯'],
  ['中兴通讯股份有限公司', '中興通訊股份有限公司'],
  ['中国信息通信研究院', '信通院'],
  ['中国信息通信研究院', '中國信息通信研究院'],
  ['中信科移动通信技术股份有限公司', '中国信息通信科技集团有限公司'],
  ['新华三技术有限公司', 'H3C'],
  ['新华三技术有限公司', 'Ｈ３Ｃ'],
  ['上海移远通信技术股份有限公司', '上海移远通信技术有限公司'],
  ['上海移远通信技术股份有限公司', '上海移远通信技术股份有限公司 '],
  ['克拉玛依远泰矿业集团有限公司', '克拉玛依远泰矿业有限公司'],
  ['三亚达安天然气集团有限公司', '三亚达安天然气（集团）有限公司'],
  ['三亚达安天然气集团有限公司', '三亞達安天然氣集團有限公司'],
  ['重庆交通职业技术学院', '重慶交通職業技術學院'],
  ['江苏大学', '江苏大学 '],
  ['北京市人民医院', '北京市人民医院'],
  ['恒安精密（苏州）有限公司', '恒安精密(苏州)有限公司'],
  ['恒安精密（苏州）有限公司', '恒安精密【苏州】有限公司'],
  ['恒安精密（苏州）有限公司', '恆安精密（蘇州）有限公司'],
  ['恒安精密（苏州）有限公司', '苏州恒安精密有限公司'],
  ['恒安精密（苏州）有限公司', '恒安精密（苏州市）股份有限公司'],
  ['恒安精密（苏州）有限公司', '恒安（苏州）精密有限公司'],
  ['西门子（中国）有限公司', '西门子有限公司'],
  // A unit and the organisation it belongs to.
  ['中国移动通信集团有限公司', '中国移动通信集团江苏有限公司'],
  ['中国移动', '中国移动通信集团江苏有限公司苏州分公司'],
  ['中国移动通信集团江苏有限公司', '中国移动通信集团江苏有限公司苏州分公司'],
  ['江苏移动', '苏州移动'],
  ['中国移动通信集团江苏有限公司', '中国移动苏州分公司'],
  ['中国电信股份有限公司', '中国电信股份有限公司北京分公司'],
  ['中国电信股份有限公司广东分公司', '中国电信股份有限公司深圳分公司'],
  ['中国电信股份有限公司广东分公司', '广州电信'],
  ['中国联合网络通信有限公司', '中国联合网络通信有限公司浙江省分公司'],
  ['中国联合网络通信有限公司浙江省分公司', '中国联合网络通信有限公司杭州市分公司'],
  ['国家电网有限公司', '国网江苏省电力有限公司苏州供电分公司'],
  ['国网江苏省电力有限公司', '国网江苏省电力有限公司苏州供电分公司'],
  ['中国移动通信集团有限公司', '中国移动通信研究院'],
  ['华为技术有限公司', '华为技术有限公司南京分公司'],
  ['恒安精密有限公司', '恒安精密（苏州）有限公司'],
  ['恒安精密有限公司', '恒安精密有限公司苏州分公司'],
  ['中兴通讯股份有限公司', '中兴通讯股份有限公司湖南分公司'],
];

/** Pairs that look alike but are different organisations. */
const DIFFERENT: ReadonlyArray<[string, string]> = [
  // Different groups in one province.
  ['中国移动通信集团江苏有限公司', '中国电信股份有限公司江苏分公司'],
  ['江苏移动', '江苏电信'],
  ['中国移动江苏', '中国电信江苏'],
  ['中国联合网络通信有限公司江苏省分公司', '中国广电江苏网络有限公司'],
  ['中国电信股份有限公司北京分公司', '中国联合网络通信有限公司北京市分公司'],
  ['国网江苏省电力有限公司', '江苏移动'],
  ['中国铁塔江苏分公司', '江苏移动'],
  // One group, units side by side: neither belongs to the other.
  ['中国移动通信集团江苏有限公司', '中国移动通信集团浙江有限公司'],
  ['江苏移动', '浙江移动'],
  ['中国电信股份有限公司湖北分公司', '中国电信股份有限公司湖南分公司'],
  ['中国移动苏州分公司', '中国移动无锡分公司'],
  ['中国电信股份有限公司广东分公司', '中国电信股份有限公司福建分公司'],
  ['中国联合网络通信有限公司内蒙古自治区分公司', '中国联合网络通信有限公司黑龙江省分公司'],
  ['中国广电重庆网络有限公司', '中国广电四川网络有限公司'],
  // Look-alike names.
  ['恒安精密（苏州）有限公司', '恒盛精密（苏州）有限公司'],
  ['恒安精密有限公司', '恒盛精密有限公司'],
  ['恒安精密（苏州）有限公司', '恒安精密（无锡）有限公司'],
  ['苏州恒安精密有限公司', '无锡恒安精密有限公司'],
  ['苏州恒安精密有限公司', '恒安精密有限公司'],
  ['北京远盛油田有限公司', '太原远盛油田有限公司'],
  ['克拉玛依远泰矿业集团有限公司', '克拉玛依远泰汽车零部件有限公司'],
  ['克拉玛依恒安景区管理有限公司', '常州恒安景区管理有限公司'],
  ['天津达新文化旅游股份有限公司', '天津达新精密制造股份有限公司'],
  ['上海华丰热电股份有限公司', '上海华安电力股份有限公司'],
  ['温州宏盛工程机械有限公司', '温州宏盛煤业集团有限公司'],
  ['江苏大学', '苏州大学'],
  ['北京市人民医院', '天津市人民医院'],
  ['北京市人民医院', '北京市中医院'],
  ['北京经济开发区管理委员会', '北京高新区管理委员会'],
  ['重庆交通职业技术学院', '重庆交通中学'],
  ['中国信息通信研究院', '中信科移动通信技术股份有限公司'],
  ['中兴通讯股份有限公司', '中兴建材有限公司'],
  ['华为技术有限公司', '新华三技术有限公司'],
  ['中国移动通信集团江苏有限公司', '江苏移动互联科技有限公司'],
  ['中国电信股份有限公司', '中电信科技有限公司'],
  ['上海移远通信技术股份有限公司', '上海移动'],
  ['云南大学', '云南移动'],
  ['内蒙大学', '内蒙古移动'],
  ['国家电网有限公司', '南方电网'],
];

describe('organisationKey', () => {
  it('reads group, places and unit from an operator branch written in traditional characters', () => {
    const key = organisationKey('中國移動通信集團江蘇有限公司蘇州分公司');
    expect(key).toMatchObject({ core: '中国移动', group: true, province: '江苏', city: '苏州' });
    expect(key.unit).toBe('branch');
    expect(key.places.map((place) => place.name)).toEqual(['江苏', '苏州']);
  });

  it('reads a place in brackets as where the unit is, not as part of its name', () => {
    expect(organisationKey('恒安精密（苏州）有限公司')).toMatchObject({
      core: '恒安精密',
      group: false,
      province: '江苏',
      city: '苏州',
      unit: null,
    });
  });

  it('knows autonomous regions and municipalities by their short names', () => {
    expect(organisationKey('中国联合网络通信有限公司新疆维吾尔自治区分公司')).toMatchObject({
      core: '中国联通',
      province: '新疆',
    });
    expect(organisationKey('重庆广电')).toMatchObject({ core: '中国广电', province: '重庆' });
  });

  it('takes the organiser’s own aliases', () => {
    const extra = [{ name: '移远通信', aliases: ['上海移远通信技术', 'quectel'] }];
    expect(organisationKey('Quectel', extra).core).toBe('移远通信');
    expect(sameOrganisation('Quectel', '上海移远通信技术股份有限公司', extra)).not.toBeNull();
    expect(sameOrganisation('Quectel', '上海移远通信技术股份有限公司')).toBeNull();
  });
});

describe('sameOrganisation on a labelled set of name pairs', () => {
  it('has enough pairs of each label to mean something', () => {
    expect(SAME.length + DIFFERENT.length).toBeGreaterThanOrEqual(80);
  });

  it.each(SAME)('finds %s and %s to be one organisation (no miss)', (a, b) => {
    expect(sameOrganisation(a, b)).not.toBeNull();
    expect(sameOrganisation(b, a)).not.toBeNull();
  });

  it.each(DIFFERENT)('keeps %s and %s apart (no false positive)', (a, b) => {
    expect(sameOrganisation(a, b)).toBeNull();
    expect(sameOrganisation(b, a)).toBeNull();
  });
});

describe('conflictBetween', () => {
  it('names the partner that matched, and why, in both languages', () => {
    const conflict = conflictBetween('中国电信北京分公司', [
      '北京信息中学',
      '中国电信股份有限公司北京分公司',
      '中兴通讯股份有限公司',
    ]);
    expect(conflict).toMatchObject({
      rule: 'same_unit',
      expertOrganisation: '中国电信北京分公司',
      entryOrganisation: '中国电信股份有限公司北京分公司',
    });
    expect(conflict?.zh).toContain('中国电信股份有限公司北京分公司');
    expect(conflict?.zh).toContain('同一单位');
    expect(conflict?.en).toContain('same organisation');
  });

  it('says which unit belongs to which when a province meets its city branch', () => {
    const conflict = conflictBetween('江苏移动', ['中国移动通信集团江苏有限公司苏州分公司']);
    expect(conflict?.rule).toBe('belongs_to');
    expect(conflict?.zh).toContain('「中国移动通信集团江苏有限公司苏州分公司」属于「江苏移动」');
    expect(conflict?.en).toContain('belongs to "江苏移动"');
  });

  it('says a unit belongs to the whole organisation when the other name has no place', () => {
    const match = sameOrganisation('中国移动通信集团有限公司', '苏州移动');
    expect(match?.zh).toBe(
      '「苏州移动」属于「中国移动通信集团有限公司」（同为中国移动，江苏苏州的单位属于整个中国移动）',
    );
    expect(match?.en).toBe(
      '"苏州移动" belongs to "中国移动通信集团有限公司" (both 中国移动; its 江苏 苏州 unit is part of the whole 中国移动)',
    );
  });

  it('finds nothing when no organisation of the entry matches', () => {
    expect(conflictBetween('中国电信江苏', ['江苏移动', '南京理工大学'])).toBeNull();
    expect(conflictBetween('华为技术有限公司', [])).toBeNull();
  });
});

describe('the key ignores how the name is typed', () => {
  /** Half-width ASCII and its full-width form (NFKC folds one into the other). */
  const toFullWidth = (text: string) =>
    text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
  /** A few traditional forms of characters the names use, typed the old way. */
  const TRADITIONAL: Record<string, string> = {
    国: '國',
    动: '動',
    团: '團',
    苏: '蘇',
    电: '電',
    联: '聯',
    网: '網',
    络: '絡',
    恒: '恆',
    东: '東',
    广: '廣',
    华: '華',
    为: '為',
    兴: '興',
    讯: '訊',
  };
  const toTraditional = (text: string) => text.replace(/./gu, (char) => TRADITIONAL[char] ?? char);
  const names = fc.constantFrom(...new Set([...SAME, ...DIFFERENT].flat()));
  const bracketed = (name: string, open: string, close: string) =>
    name.replace(/[（(]/g, open).replace(/[）)]/g, close);

  it('gives the same key whatever the width, brackets or traditional characters', () => {
    fc.assert(
      fc.property(
        names,
        fc.constantFrom(['（', '）'], ['(', ')'], ['【', '】'], ['[', ']']),
        fc.boolean(),
        fc.boolean(),
        (name, [open, close], fullWidth, traditional) => {
          let variant = bracketed(name, open, close);
          if (fullWidth) variant = toFullWidth(variant);
          if (traditional) variant = toTraditional(variant);
          const { name: _a, ...expected } = organisationKey(name);
          const { name: _b, ...actual } = organisationKey(variant);
          expect(actual).toEqual(expected);
        },
      ),
    );
  });
});
