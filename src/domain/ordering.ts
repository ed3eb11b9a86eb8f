/** How lists may be ordered. Ties, and the default, fall back to corpus order. */

export enum PolicyOrderField {
  /** Corpus order (documents by id): the default. */
  CORPUS = 'CORPUS',
  PUBLISHED_ON = 'PUBLISHED_ON',
  EFFECTIVE_FROM = 'EFFECTIVE_FROM',
  TITLE = 'TITLE',
}

export enum ClauseOrderField {
  /** Documents by id, clauses as printed: the default. */
  DOCUMENT = 'DOCUMENT',
  MAX_YUAN = 'MAX_YUAN',
}

export enum AmountOrderField {
  /** Documents by id, clauses as printed, amounts as written: the default. */
  DOCUMENT = 'DOCUMENT',
  /** The sum in yuan; rates (no sum) last. */
  YUAN = 'YUAN',
}

export enum SearchSortField {
  /** Best match first, clauses in force on the day ahead at similar relevance: the default. */
  RELEVANCE = 'RELEVANCE',
  /** The clause's largest sum; clauses with none last. */
  MAX_YUAN = 'MAX_YUAN',
  /** The day its document took effect; documents with none last. */
  EFFECTIVE_FROM = 'EFFECTIVE_FROM',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface Ordering<F extends string> {
  field: F;
  direction: OrderDirection;
}
