// Reviewer lists as organisers keep them (CLI.md: 专家编号, 姓名, 工作单位, 所在省份, 擅长领域, 回避单位;
// 电话 and 邮箱 optional).
import { sectorFromLabel } from './sectors';

export type ReviewerField =
  | 'reviewer_id'
  | 'name'
  | 'organisation'
  | 'title'
  | 'province'
  | 'sectors'
  | 'avoid'
  | 'phone'
  | 'email';

const SYNONYMS: Record<ReviewerField, readonly string[]> = {
  reviewer_id: ['专家编号', '专家id', '编号', '专家代码', 'reviewer_id', 'reviewerid', 'id'],
  name: ['姓名', '专家姓名', '名字', 'name'],
  organisation: ['工作单位', '单位', '所在单位', '单位名称', 'organisation', 'organization'],
  title: ['职称', '职务', '职称职务', 'title'],
  province: ['所在省份', '省份', '所在地区', 'province'],
  sectors: ['擅长领域', '专业领域', '领域', '评审领域', 'sectors', 'expertise'],
  avoid: ['回避单位', '需回避单位', '回避', 'avoid', 'conflicts'],
  phone: ['电话', '联系电话', '手机', '手机号', '手机号码', 'phone', 'mobile'],
  email: ['邮箱', '电子邮箱', '电子邮件', 'email', 'e-mail'],
};

const canonical = (header: string): string =>
  header.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

/** Column index of each known field (first matching header wins). */
export function reviewerColumns(headers: string[]): Partial<Record<ReviewerField, number>> {
  const columns: Partial<Record<ReviewerField, number>> = {};
  headers.forEach((header, index) => {
    const key = canonical(header);
    for (const field of Object.keys(SYNONYMS) as ReviewerField[]) {
      if (columns[field] === undefined && SYNONYMS[field].includes(key)) columns[field] = index;
    }
  });
  return columns;
}

/** Splits 擅长领域 / 回避单位 cells: 、 , ， ; ； and line breaks all separate items. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，;；\n\r]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Sector keys for the labels in a 擅长领域 cell; labels that name no sector are kept as written. */
export function reviewerSectors(cell: string): string[] {
  return [...new Set(splitList(cell).map((label) => sectorFromLabel(label) ?? label))];
}
