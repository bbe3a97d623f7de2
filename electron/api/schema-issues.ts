// Schema problems as an organiser reads them: where in the document ("criteria[2].max") and
// what is wrong, in Chinese and English. Zod's own messages are English only and name types,
// not the fields of the file.
import type { core } from 'zod';

/** A text in Chinese and English. */
export interface IssueText {
  zh: string;
  en: string;
}

export interface IssueVocabulary {
  /** Chinese names of fields by property name, shown after the path: max → 满分. */
  fieldNames?: Readonly<Record<string, string>>;
  /** What a field's text format requires, by property name (for regex checks). */
  formats?: Readonly<Record<string, IssueText>>;
}

/** Issues named one by one before the rest are only counted. */
const SHOWN_ISSUES = 10;

const TYPE_NAMES: Record<string, IssueText> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  object: { zh: '对象（{…}）', en: 'an object ({…})' },
  array: { zh: '列表（[…]）', en: 'a list ([…])' },
  null: { zh: '空值 null', en: 'null' },
};

function typeName(type: string): IssueText {
  return TYPE_NAMES[type] ?? { zh: type, en: type };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** The path as it reads in the JSON file: criteria[2].max. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${String(part)}]`;
      return index === 0 ? String(part) : `.${String(part)}`;
    })
    .join('');
}

function bound(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): IssueText {
  const small = issue.code === 'too_small';
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string' && small && limit === '1') {
    return { zh: '不能为空', en: 'must not be empty' };
  }
  if (issue.origin === 'string' || issue.origin === 'array') {
    const unit =
      issue.origin === 'string' ? { zh: '个字符', en: 'characters' } : { zh: '项', en: 'items' };
    return small
      ? { zh: `至少需要 ${limit} ${unit.zh}`, en: `needs at least ${limit} ${unit.en}` }
      : { zh: `最多 ${limit} ${unit.zh}`, en: `allows at most ${limit} ${unit.en}` };
  }
  if (small) {
    return issue.inclusive
      ? { zh: `不能小于 ${limit}`, en: `must be at least ${limit}` }
      : { zh: `应大于 ${limit}`, en: `must be greater than ${limit}` };
  }
  return issue.inclusive
    ? { zh: `不能大于 ${limit}`, en: `must be at most ${limit}` }
    : { zh: `应小于 ${limit}`, en: `must be less than ${limit}` };
}

function problem(issue: core.$ZodIssue, input: unknown, vocabulary: IssueVocabulary): IssueText {
  const field = issue.path.at(-1);
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined) return { zh: '缺少此项', en: 'is missing' };
      const want = typeName(issue.expected);
      const got = typeName(typeOf(value));
      return { zh: `应为${want.zh}，实为${got.zh}`, en: `expected ${want.en}, got ${got.en}` };
    }
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_format': {
      const format = typeof field === 'string' ? vocabulary.formats?.[field] : undefined;
      const value = JSON.stringify(valueAt(input, issue.path));
      return format
        ? { zh: `${value} 不符合要求：${format.zh}`, en: `${value}: ${format.en}` }
        : { zh: `${value} 格式不正确（${issue.message}）`, en: `${value}: ${issue.message}` };
    }
    case 'unrecognized_keys':
      return {
        zh: `有不认识的字段：${issue.keys.join('、')}`,
        en: `unknown fields: ${issue.keys.join(', ')}`,
      };
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      return {
        zh: `应为 ${values.join('、')} 之一`,
        en: `must be one of ${values.join(', ')}`,
      };
    }
    default:
      return { zh: `不符合要求（${issue.message}）`, en: issue.message };
  }
}

/** Every issue in both languages ("criteria[2].max（满分）：应为数字，实为文本"), joined. */
export function describeIssues(
  issues: readonly core.$ZodIssue[],
  input: unknown,
  vocabulary: IssueVocabulary = {},
): IssueText {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const text = problem(issue, input, vocabulary);
    const field = issue.path.at(-1);
    const name = typeof field === 'string' ? vocabulary.fieldNames?.[field] : undefined;
    const path = issuePath(issue.path);
    return {
      zh: `${path ? `${path}${name ? `（${name}）` : ''}` : '整个文件'}：${text.zh}`,
      en: `${path || 'the document'}: ${text.en}`,
    };
  });
  const more = issues.length - lines.length;
  if (more > 0) lines.push({ zh: `……另有 ${more} 处问题`, en: `… and ${more} more` });
  return {
    zh: lines.map((line) => line.zh).join('；'),
    en: lines.map((line) => line.en).join('; '),
  };
}
