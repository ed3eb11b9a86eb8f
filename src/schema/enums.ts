/**
 * Registers the domain's enums (src/domain/statuses.ts, src/domain/kinds.ts) with GraphQL,
 * described as the domain describes them. Schema classes import the enums from here, so they
 * are registered before any class names them.
 */
import { registerEnumType } from 'type-graphql';
import { AMOUNT_KIND_FACTS, AmountKind, AmountPeriod, POLICY_KIND_FACTS, PolicyKind } from '../domain/kinds.js';
import { PolicyStatus, STATUS_FACTS } from '../domain/statuses.js';
import { ConditionResult, ELIGIBILITY_FACTS, Eligibility } from '../domain/benefit-rules.js';
import { CITATION_VERDICT_FACTS, CitationVerdict, CONFIDENCE_FACTS, Confidence } from '../domain/trust.js';
import {
  AmountOrderField,
  ClauseOrderField,
  OrderDirection,
  PolicyOrderField,
  SearchSortField,
} from '../domain/ordering.js';

export {
  AmountKind,
  CitationVerdict,
  Confidence,
  AmountOrderField,
  AmountPeriod,
  ClauseOrderField,
  ConditionResult,
  Eligibility,
  OrderDirection,
  PolicyKind,
  PolicyOrderField,
  PolicyStatus,
  SearchSortField,
};

const descriptions = <K extends string>(facts: Readonly<Record<K, { description: string }>>) =>
  Object.fromEntries(
    Object.entries<{ description: string }>(facts).map(([value, f]) => [value, { description: f.description }]),
  ) as Record<K, { description: string }>;

registerEnumType(PolicyKind, {
  name: 'PolicyKind',
  description: 'What kind of document a policy record is.',
  valuesConfig: descriptions(POLICY_KIND_FACTS),
});

registerEnumType(PolicyStatus, {
  name: 'PolicyStatus',
  description: 'Legal effect of a document on a given day (时效性).',
  valuesConfig: descriptions(STATUS_FACTS),
});

registerEnumType(Confidence, {
  name: 'Confidence',
  description: 'How far the served corpus supports an answer to a question.',
  valuesConfig: descriptions(CONFIDENCE_FACTS),
});

registerEnumType(CitationVerdict, {
  name: 'CitationVerdict',
  description:
    'What one citation found in a text turned out to be. Where more than one applies, the first in this order wins: NOT_FOUND, NOT_IN_FORCE, MISQUOTED, VALID.',
  valuesConfig: descriptions(CITATION_VERDICT_FACTS),
});

registerEnumType(AmountKind, {
  name: 'AmountKind',
  valuesConfig: descriptions(AMOUNT_KIND_FACTS),
});

registerEnumType(AmountPeriod, { name: 'AmountPeriod' });

registerEnumType(PolicyOrderField, {
  name: 'PolicyOrderField',
  description: 'What documents are ordered by; documents without that date come last, ties in corpus order.',
});

registerEnumType(ClauseOrderField, {
  name: 'ClauseOrderField',
  description: 'What clauses are ordered by; clauses with no sum come last, ties in document order.',
});

registerEnumType(AmountOrderField, {
  name: 'AmountOrderField',
  description: 'What amounts are ordered by; rates (no sum) come last, ties in document order.',
});

registerEnumType(OrderDirection, { name: 'OrderDirection' });

registerEnumType(SearchSortField, {
  name: 'SearchSortField',
  description:
    'What search hits are ordered by: RELEVANCE (the default), MAX_YUAN or EFFECTIVE_FROM; ties by relevance.',
});

registerEnumType(Eligibility, {
  name: 'Eligibility',
  description: 'How a clause applies to a company on a day.',
  valuesConfig: descriptions(ELIGIBILITY_FACTS),
});

registerEnumType(ConditionResult, {
  name: 'ConditionResult',
  description: 'The outcome of one condition of a clause for this company.',
});
