// The words people read for the product's terms of art — aggregation methods, flags, statuses,
// discussion reasons — in Chinese and English, once. The window's message files, the CLI and
// the signed PDF all take them from here, so a method or flag is called the same everywhere.
import type { AggregationMethod, Programme, RankFlag, ReviewStatus, RoundStatus } from './domain';
import type { DiscussionReason } from './scoring/discussion';
import type { ShortlistFlag } from './scoring/shortlist';
import type { ReviewerFlag } from './scoring/types';

export interface Words {
  zh: string;
  en: string;
}

export const PROGRAMME_NAMES: Record<Programme, Words> = {
  bloom: { zh: '绽放杯5G应用征集大赛', en: 'Bloom Cup 5G application contest' },
  pioneer: { zh: '5G应用领航者', en: '5G application pioneers' },
};

export const ROUND_STATUS_NAMES: Record<RoundStatus, Words> = {
  setup: { zh: '筹备中', en: 'in setup' },
  scoring: { zh: '评分中', en: 'scoring' },
  locked: { zh: '已锁定', en: 'locked' },
};

export const REVIEW_STATUS_NAMES: Record<ReviewStatus, Words> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
};

/** A method's short name, as a choice in a list or a column of a table. */
export const METHOD_NAMES: Record<AggregationMethod, Words> = {
  mean: { zh: '算术平均', en: 'mean' },
  trimmed: { zh: '去掉最高分和最低分后平均', en: 'trimmed mean' },
  median: { zh: '中位数', en: 'median' },
  zscore: { zh: '专家标准化（Z 分数）', en: 'per-expert z-score' },
};

/** A method with its setting, as a document states it: 去掉最高、最低各 2 个后平均. */
export function methodDescription(method: AggregationMethod, trimK: number | string): Words {
  if (method !== 'trimmed') return METHOD_NAMES[method];
  return {
    zh: `去掉最高、最低各 ${trimK} 个后平均`,
    en: `trimmed mean (the ${trimK} highest and ${trimK} lowest totals dropped)`,
  };
}

/** Flags of SCORING.md and of a shortlist. */
export const FLAG_NAMES: Record<ShortlistFlag, Words> = {
  too_few_to_trim: { zh: '评审数不足，未去掉最高最低分', en: 'too few reviews to trim' },
  insufficient_reviews: { zh: '评审数不足', en: 'too few reviews' },
  disagreement: { zh: '分歧较大', en: 'disagreement' },
  tie: { zh: '并列', en: 'tie' },
  tie_at_cut: { zh: '入围线上并列', en: 'tied at the cut' },
  borderline: { zh: '临界（随方法变化）', en: 'borderline (depends on method)' },
} satisfies Record<RankFlag, Words> & Record<ShortlistFlag, Words>;

/** Why an entry is on the panel's discussion queue. */
export const DISCUSSION_REASON_NAMES: Record<DiscussionReason, Words> = {
  disagreement: FLAG_NAMES.disagreement,
  gate_split: { zh: '门槛项意见不一', en: 'split on a gate' },
  near_cut: { zh: '接近入围线', en: 'near the cut' },
  insufficient_reviews: FLAG_NAMES.insufficient_reviews,
};

/** Why z-score standardisation takes an expert's totals as they are (SCORING.md). */
export const ZSCORE_REVIEWER_FLAG_NAMES: Record<ReviewerFlag, Words> = {
  too_few_totals: { zh: '评审少于 3 份，原样使用', en: 'fewer than 3 reviews: used as is' },
  zero_spread: { zh: '所给总分全部相同，原样使用', en: 'all totals equal: used as is' },
};

/** Operations that take a while, as the user started them, to say what is running. */
export const TASK_NAMES: Record<string, Words> = {
  'entries.import': { zh: '导入申报项目', en: 'importing entries' },
  'entries.preview': { zh: '读取申报文件', en: 'reading an entries file' },
  'imports.rejectedCsv': { zh: '保存被拒绝的行', en: 'saving rejected rows' },
  'attachments.link': { zh: '关联附件', en: 'linking attachments' },
  'attachments.read': { zh: '读取附件', en: 'reading an attachment' },
  'reviewers.import': { zh: '导入评审专家', en: 'importing experts' },
  'scores.import': { zh: '导入评分', en: 'importing scores' },
  'export.ranking': { zh: '导出排名', en: 'exporting the ranking' },
  'export.verify': { zh: '核验导出文件', en: 'verifying an exported file' },
  'project.backup': { zh: '备份项目', en: 'backing the project up' },
  'project.checkIntegrity': { zh: '检查项目文件完整性', en: 'checking the project file' },
};

/** What an operation under way is called: its task name, or "saving" for any other write. */
export function operationWords(operation: string): Words {
  return TASK_NAMES[operation] ?? { zh: '保存修改', en: 'saving a change' };
}
