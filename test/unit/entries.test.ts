import { describe, expect, it } from 'vitest';
import { PROGRAMMES } from '../../electron/core/domain';
import {
  detectMapping,
  ENTRY_FIELDS,
  headerKey,
  isKnownHeader,
  mapEntryRow,
  missingRequiredFields,
  type EntryField,
} from '../../electron/core/entries';

const BLOOM_CSV = [
  '项目编号',
  '届次',
  '赛道类型',
  '赛区或专题',
  '项目名称',
  '牵头申报单位',
  '联合申报单位',
  '所属行业',
  '应用领域',
  '行业类型',
  '项目阶段',
  '省份',
  '城市',
  '联系人',
  '联系电话',
  '电子邮箱',
  '项目简介',
  '5G技术要点',
  '应用成效',
  '商业模式',
];
const BLOOM_GBK = [
  '序号',
  '参赛编号',
  '案例名称',
  '申报主体',
  '联合体成员',
  '专题赛道',
  '所在省份',
  '所在城市',
  '负责人',
  '联系方式',
  '案例简介',
  '投资额',
];
const PIONEER = [
  '候选编号',
  '领航者类别',
  '主体名称',
  '统一社会信用代码',
  '推荐单位',
  '省份',
  '城市',
  '行业大类',
  '建设层级',
  '5G网络模式',
  '基站数',
  '5G终端连接数',
  '场景清单',
  '投资额（万元）',
  '投运时间',
  '成效指标',
  '联系人',
];
const PLATFORM = [
  'projectNo',
  'name',
  'leadApplicant',
  'partners',
  'track',
  'industry',
  'province',
  'city',
  'contact.name',
  'contact.phone',
  'contact.email',
  'summary',
  'stage',
];

describe('detectMapping', () => {
  it('maps every column of the standard bloom CSV', () => {
    expect(Object.values(detectMapping(BLOOM_CSV, 'bloom'))).toEqual([
      'entry_id',
      'edition',
      'track_type',
      'track',
      'title',
      'applicant',
      'partners',
      'industry',
      'application_area',
      'industry_type',
      'stage',
      'province',
      'city',
      'contact_name',
      'contact_phone',
      'contact_email',
      'summary',
      'tech_points',
      'outcomes',
      'business_model',
    ]);
  });

  it('maps the GBK platform wording; 序号 is a row counter, never the id', () => {
    expect(detectMapping(BLOOM_GBK, 'bloom')).toEqual({
      序号: null,
      参赛编号: 'entry_id',
      案例名称: 'title',
      申报主体: 'applicant',
      联合体成员: 'partners',
      专题赛道: 'track',
      所在省份: 'province',
      所在城市: 'city',
      负责人: 'contact_name',
      联系方式: 'contact_phone',
      案例简介: 'summary',
      投资额: 'investment_wan',
    });
  });

  it('maps the pioneer sheet, 主体名称 as the applicant', () => {
    expect(Object.values(detectMapping(PIONEER, 'pioneer'))).toEqual([
      'entry_id',
      'sector',
      'applicant',
      'credit_code',
      'recommender',
      'province',
      'city',
      'industry',
      'build_level',
      'network_mode',
      'base_stations',
      'terminals',
      'scenarios',
      'investment_wan',
      'in_service_date',
      'indicators',
      'contact_name',
    ]);
  });

  it('maps the English keys of the platform JSON', () => {
    expect(Object.values(detectMapping(PLATFORM, 'bloom'))).toEqual([
      'entry_id',
      'title',
      'applicant',
      'partners',
      'track',
      'industry',
      'province',
      'city',
      'contact_name',
      'contact_phone',
      'contact_email',
      'summary',
      'stage',
    ]);
  });

  it.each<[string, EntryField]>([
    ['投资额(万元)', 'investment_wan'],
    ['投资额 （ 万元 ）', 'investment_wan'],
    ['投资额万元', 'investment_wan'],
    [' 项目 名称 ', 'title'],
    ['*项目名称', 'title'],
    ['项目名称【必填】', 'title'],
    ['ＰｒｏｊｅｃｔＮｏ', 'entry_id'],
    ['project_no', 'entry_id'],
    ['Entry ID', 'entry_id'],
    ['联系人电话', 'contact_phone'],
    ['申报单位名称', 'applicant'],
    ['牵头单位名称', 'applicant'],
    ['参赛项目名称', 'title'],
    ['所在省份/直辖市', 'province'],
    ['省(区、市)', 'province'],
    ['E-mail', 'contact_email'],
    ['contact.name', 'contact_name'],
  ])('matches %s', (header, field) => {
    expect(detectMapping([header], 'bloom')[header]).toBe(field);
  });

  it('gives each field to one column: the best match, then the leftmost', () => {
    expect(detectMapping(['联系人', '联系人 (2)', '所在省份', '省份'], 'bloom')).toEqual({
      联系人: 'contact_name',
      '联系人 (2)': null,
      所在省份: 'province',
      省份: null,
    });
    expect(detectMapping(['序号', '编号', 'No.'], 'pioneer')).toEqual({
      序号: null,
      编号: 'entry_id',
      'No.': null,
    });
  });

  it('only offers the fields of the programme', () => {
    expect(detectMapping(['推荐单位', '届次'], 'bloom')).toEqual({
      推荐单位: null,
      届次: 'edition',
    });
    expect(detectMapping(['推荐单位', '届次'], 'pioneer')).toEqual({
      推荐单位: 'recommender',
      届次: null,
    });
  });

  it('has no synonym that names two fields of one programme', () => {
    for (const programme of PROGRAMMES) {
      const owner = new Map<string, EntryField>();
      for (const field of ENTRY_FIELDS.filter((f) => f.programmes.includes(programme))) {
        for (const synonym of [field.key, field.name_zh, ...field.synonyms]) {
          const key = headerKey(synonym);
          expect(owner.get(key) ?? field.key, `${programme}: ${synonym}`).toBe(field.key);
          owner.set(key, field.key);
        }
      }
    }
  });

  it('recognises header wording for finding the header row', () => {
    expect(isKnownHeader('参赛编号')).toBe(true);
    expect(isKnownHeader('序号')).toBe(true);
    expect(isKnownHeader('投资额（万元）')).toBe(true);
    expect(isKnownHeader('2025年5G应用领航者候选对象汇总表')).toBe(false);
    expect(isKnownHeader('')).toBe(false);
  });
});

function map(headers: string[], values: string[], programme: 'bloom' | 'pioneer') {
  return mapEntryRow(headers, values, detectMapping(headers, programme), programme);
}

describe('mapEntryRow, bloom', () => {
  const headers = [
    '序号',
    '参赛编号',
    '案例名称',
    '申报主体',
    '联合体成员',
    '所属行业',
    '专题赛道',
    '所在省份',
    '负责人',
    '联系方式',
    '邮箱',
    '投资额',
  ];

  it('maps and normalises', () => {
    const values = [
      '7',
      ' ＳＤ２０２５ ０００７ ',
      ' 基于5G专网的机器视觉质检 ',
      '温州通盛工程机械有限公司',
      'A公司；B公司,C公司',
      '5G+工业互联网',
      '5G+工业互联网',
      '浙江',
      '张洋',
      '１３９２２６０６４３７',
      'ZY@Example.cn',
      '５４１９万元',
    ];
    const result = map(headers, values, 'bloom');
    expect(result).toEqual({
      ok: true,
      entry: {
        entry_id: 'SD20250007',
        title: '基于5G专网的机器视觉质检',
        applicant: '温州通盛工程机械有限公司',
        partners: 'A公司、B公司、C公司',
        province: '浙江省',
        city: null,
        sector: 'factory',
        sector_label: '5G+工业互联网',
        track: '5G+工业互联网',
        summary: null,
        contact: '张洋 / 13922606437 / ZY@Example.cn',
        fields: {
          industry: '5G+工业互联网',
          contact_name: '张洋',
          contact_phone: '13922606437',
          contact_email: 'ZY@Example.cn',
          investment_wan: '5419',
        },
      },
    });
  });

  it('takes the sector from the theme track when the industry names none, and keeps an unknown label', () => {
    const h = ['编号', '名称', '申报单位', '所属行业', '赛区或专题'];
    const fromTrack = map(h, ['X', 'T', 'A', '', '5G+智慧文旅'], 'bloom');
    expect(fromTrack.ok === true && [fromTrack.entry.sector, fromTrack.entry.sector_label]).toEqual(
      ['scenic', '5G+智慧文旅'],
    );
    const unknown = map(h, ['X', 'T', 'A', '5G+车联网', '江苏赛区'], 'bloom');
    expect(unknown.ok === true && [unknown.entry.sector, unknown.entry.sector_label]).toEqual([
      null,
      '5G+车联网',
    ]);
  });

  it('names the column of each missing required value, in both languages', () => {
    const result = map(headers, ['120', '', '', '某单位', '', '', '', '', '', '', '', ''], 'bloom');
    expect(result).toEqual({
      ok: false,
      problems: [
        { column: '参赛编号', reason_zh: '编号为空', reason_en: 'ID is empty' },
        { column: '案例名称', reason_zh: '项目名称为空', reason_en: 'Title is empty' },
      ],
    });
  });

  it('says when the file has no column for a required field', () => {
    const result = map(['编号', '申报单位'], ['X', 'A'], 'bloom');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      {
        column: null,
        reason_zh: '文件中没有项目名称列（如 项目名称、案例名称、名称）',
        reason_en: 'The file has no Title column (e.g. 项目名称, 案例名称, 名称)',
      },
    ]);
  });

  it('treats a row of blanks, or of only a row counter, as blank', () => {
    expect(
      map(
        headers,
        headers.map(() => ' '),
        'bloom',
      ),
    ).toEqual({ ok: 'blank' });
    expect(map(headers, ['121'], 'bloom')).toEqual({ ok: 'blank' });
  });
});

describe('mapEntryRow, pioneer', () => {
  const headers = [
    '候选编号',
    '领航者类别',
    '主体名称',
    '省份',
    '投资额（万元）',
    '基站数',
    '投运时间',
  ];

  it('uses 主体名称 as both title and applicant', () => {
    const result = map(
      headers,
      ['P1', '5G工厂', '南京达盛钢铁集团有限公司', '江苏', '17328万元', '２１４', '2025/7/19'],
      'pioneer',
    );
    expect(result.ok).toBe(true);
    if (result.ok !== true) return;
    expect(result.entry).toMatchObject({
      entry_id: 'P1',
      title: '南京达盛钢铁集团有限公司',
      applicant: '南京达盛钢铁集团有限公司',
      sector: 'factory',
      sector_label: '5G工厂',
      province: '江苏省',
      fields: { investment_wan: '17328', base_stations: '214', in_service_date: '2025-07-19' },
    });
  });

  it.each(['工厂', '5G工厂', '工厂类', '5G+工业互联网'])(
    'reads the category %s as factory',
    (label) => {
      const result = map(headers, ['P1', label, '甲', '', '', '', ''], 'pioneer');
      expect(result.ok === true && result.entry.sector).toBe('factory');
    },
  );

  it('rejects an unknown or empty category, naming the column and the label', () => {
    const unknown = map(headers, ['P1', '5G车联网', '甲', '', '', '', ''], 'pioneer');
    expect(unknown.ok).toBe(false);
    const [problem] = unknown.ok === false ? unknown.problems : [];
    expect(problem?.column).toBe('领航者类别');
    expect(problem?.reason_zh).toContain('“5G车联网”');
    expect(problem?.reason_en).toContain('"5G车联网"');
    const empty = map(headers, ['P1', '', '甲', '', '', '', ''], 'pioneer');
    expect(empty.ok === false && empty.problems).toEqual([
      { column: '领航者类别', reason_zh: '领航者类别为空', reason_en: 'Sector is empty' },
    ]);
  });

  it('rejects a candidate without a name once, on the 主体名称 column', () => {
    const result = map(headers, ['P1', '工厂', '', '', '', '', ''], 'pioneer');
    expect(result.ok === false && result.problems).toEqual([
      {
        column: '主体名称',
        reason_zh: '主体名称为空',
        reason_en: 'The organisation name (主体名称) is empty',
      },
    ]);
  });
});

describe('missingRequiredFields', () => {
  it('lists required fields without a column; 主体名称 covers a pioneer title', () => {
    expect(missingRequiredFields(detectMapping(PIONEER, 'pioneer'), 'pioneer')).toEqual([]);
    expect(
      missingRequiredFields(detectMapping(['候选编号', '主体名称'], 'pioneer'), 'pioneer'),
    ).toEqual(['sector']);
    expect(missingRequiredFields(detectMapping(BLOOM_GBK, 'bloom'), 'bloom')).toEqual([]);
    expect(missingRequiredFields(detectMapping(['序号', '名称'], 'bloom'), 'bloom')).toEqual([
      'entry_id',
      'applicant',
    ]);
  });
});
