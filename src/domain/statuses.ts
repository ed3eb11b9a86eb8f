/**
 * The legal statuses (时效性) a document can have on a day: the one list every layer reads —
 * the status timelines, the stored rows, both search backends' filters, the citation warnings
 * and the GraphQL enum (src/schema/enums.ts only registers it).
 */

export const PolicyStatus = {
  DRAFT: 'DRAFT',
  NOT_YET_EFFECTIVE: 'NOT_YET_EFFECTIVE',
  IN_FORCE: 'IN_FORCE',
  EXPIRED: 'EXPIRED',
  REPEALED: 'REPEALED',
  UNKNOWN: 'UNKNOWN',
  INFORMATIONAL: 'INFORMATIONAL',
} as const;
export type PolicyStatus = (typeof PolicyStatus)[keyof typeof PolicyStatus];

/** Every status, in the order above. */
export const POLICY_STATUSES: readonly PolicyStatus[] = Object.values(PolicyStatus);

export function isPolicyStatus(value: unknown): value is PolicyStatus {
  return (POLICY_STATUSES as readonly unknown[]).includes(value);
}

export interface StatusFacts {
  /** How a warning names the status: 《…》已废止，不得作为现行规定引用. */
  chinese: string;
  /** What the status means, as the API describes it. */
  description: string;
}

export const STATUS_FACTS: Readonly<Record<PolicyStatus, StatusFacts>> = {
  DRAFT: { chinese: '征求意见稿（从未生效）', description: '征求意见稿: published for comment, never in force' },
  NOT_YET_EFFECTIVE: { chinese: '尚未生效', description: '尚未生效' },
  IN_FORCE: { chinese: '现行有效', description: '现行有效' },
  EXPIRED: {
    chinese: '已失效',
    description: '失效: its validity period has ended, or the policy it implements is no longer in force',
  },
  REPEALED: { chinese: '已废止', description: '已废止: expressly repealed by another document' },
  UNKNOWN: {
    chinese: '效力不明',
    description: 'The data holds too little to tell, e.g. a document known only by its 文号',
  },
  INFORMATIONAL: {
    chinese: '解读或新闻报道（本身不具效力）',
    description:
      '解读、新闻报道: describes another document and has no force of its own, so it is never counted in force; statusReason gives the status of the document it describes',
  },
};

/** The status in Chinese, as a warning says it: REPEALED → 已废止. */
export const statusInChinese = (status: PolicyStatus): string => STATUS_FACTS[status].chinese;
