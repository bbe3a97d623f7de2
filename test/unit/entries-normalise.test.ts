import { describe, expect, it } from 'vitest';
import {
  normaliseAmountWan,
  normaliseCode,
  normaliseCount,
  normaliseDate,
  normaliseList,
  normaliseProvince,
  PROVINCES,
} from '../../electron/core/entries';

describe('normaliseProvince', () => {
  it('knows all 34 province-level names, by full and short name', () => {
    expect(PROVINCES).toHaveLength(34);
    for (const name of PROVINCES) {
      expect(normaliseProvince(name)).toBe(name);
      const short = name.replace(
        /(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/,
        '',
      );
      expect(normaliseProvince(short)).toBe(name);
    }
  });

  it.each([
    ['江苏', '江苏省'],
    [' 北京 ', '北京市'],
    ['内蒙', '内蒙古自治区'],
    ['内蒙古', '内蒙古自治区'],
    ['广西', '广西壮族自治区'],
    ['新疆', '新疆维吾尔自治区'],
    ['宁夏回族', '宁夏回族自治区'],
    ['西藏', '西藏自治区'],
    ['香港特区', '香港特别行政区'],
    ['黑龙江', '黑龙江省'],
    ['江苏省南京市', '江苏省'],
    ['内蒙古包头', '内蒙古自治区'],
    ['新疆生产建设兵团', '新疆维吾尔自治区'],
    ['全国', '全国'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normaliseProvince(input)).toBe(expected);
  });
});

describe('value normalisers', () => {
  it('half-width ids and codes', () => {
    expect(normaliseCode(' ＳＤ２０２５ ００１ ')).toBe('SD2025001');
  });

  it.each([
    ['１２３万元', '', '123'],
    ['1.5亿', '', '15000'],
    ['1,234', '', '1234'],
    ['500元', '', '0.05'],
    ['28320', '投资额（万元）', '28320'],
    ['1200000', '投资额（元）', '120'],
    ['3', '总投资(亿元)', '30000'],
    [' 0.1 万 ', '', '0.1'],
    ['约100万', '', '约100万'],
  ])('amount %s (header %s) → %s', (input, header, expected) => {
    expect(normaliseAmountWan(input, header)).toBe(expected);
  });

  it('counts', () => {
    expect(normaliseCount('２１４个')).toBe('214');
    expect(normaliseCount('1,024')).toBe('1024');
    expect(normaliseCount('若干')).toBe('若干');
  });

  it.each([
    ['2025/1/20', '2025-01-20'],
    ['2025年1月20日', '2025-01-20'],
    ['２０２５．０１．２０', '2025-01-20'],
    ['2025-01-20 08:30', '2025-01-20T08:30:00'],
    ['2025-01-20T00:00:00Z', '2025-01-20'],
    ['2025年3月', '2025-03'],
    ['2025-13-01', '2025-13-01'],
    ['去年', '去年'],
  ])('date %s → %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it('lists', () => {
    expect(normaliseList('A公司；B公司, C公司\n、D公司')).toBe('A公司、B公司、C公司、D公司');
  });
});
