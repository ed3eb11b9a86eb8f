/**
 * What a query may cost, priced from the data served (src/snapshot/list-sizes.ts).
 *
 * In the manner of GitHub's GraphQL API: a list returns at most `first` items, or at most what the
 * data holds — a page of `policies` no more than there are documents, a document's clauses no
 * more than the longest document has, a clause's children no more than the most any clause at
 * that depth has. Within one document, nested lists can never return more clauses, amounts or
 * contacts than the richest document holds, however the tree is walked.
 *
 * Two figures, each with a limit: `nodes`, the objects returned in lists (GitHub's node limit),
 * and `cost`, every field resolved (a field under a list counts once per item). The same rules
 * count the answer's actual figures, so a client sees both in `extensions.cost`.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isListType,
  isObjectType,
  isAbstractType,
  type GraphQLNamedType,
  Kind,
} from 'graphql';
import { BadUserInputError } from '../common/errors.js';
import type { ListSizes } from '../snapshot/list-sizes.js';
import { FACT_NAMES } from '../domain/benefit-facts.js';
import { MAX_RULE_CONDITIONS } from '../domain/benefit-rules.js';
import { MAX_WEBHOOKS } from '../subscriptions/webhooks.js';

export interface Price {
  cost: number;
  nodes: number;
}

/** Largest `first` each paged field takes; out of range is BAD_USER_INPUT before any pricing. */
export type FirstLimits = Record<string, number>;

/** Kinds of object counted against one document's totals. */
type PerPolicyKind = 'clauses' | 'amounts' | 'contacts';
const KIND_OF_TYPE: Record<string, PerPolicyKind> = { Clause: 'clauses', Amount: 'amounts', Contact: 'contacts' };

interface Walk {
  /** How many times the current selection is resolved. */
  times: number;
  /** How many documents the current selection lies under (null: not under one). */
  policies: number | null;
  /** Depth of the current clause in its document's tree (1: top level); null when unknown. */
  clauseDepth: number | null;
  /** The page size a connection's `first` asked for, for its edges/hits/passages. */
  page: number | null;
}

class Pricer {
  private readonly price: Price = { cost: 0, nodes: 0 };
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly sizes: ListSizes,
    private readonly firstLimits: FirstLimits,
  ) {}

  run(operation: OperationDefinitionNode): Price {
    const root = operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getQueryType();
    if (root)
      this.selections(root, operation.selectionSet, { times: 1, policies: null, clauseDepth: null, page: null });
    return this.price;
  }

  private included(node: FieldNode | { directives?: FieldNode['directives'] }): boolean {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, this.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, this.variables);
    return include?.if !== false;
  }

  private selections(type: GraphQLNamedType, set: SelectionSetNode, walk: Walk): void {
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) this.field(type, selection, walk);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        if (on) this.selections(on, selection.selectionSet, walk);
      } else {
        const fragment = this.fragments[selection.name.value];
        const on = fragment && this.schema.getType(fragment.typeCondition.name.value);
        if (on) this.selections(on, fragment.selectionSet, walk);
      }
    }
  }

  private field(parent: GraphQLNamedType, node: FieldNode, walk: Walk): void {
    this.price.cost += walk.times;
    if (!isObjectType(parent) && !isAbstractType(parent)) return;
    const def = isObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!def || !node.selectionSet) return;
    const args = getArgumentValues(def as GraphQLField<unknown, unknown>, node, this.variables);
    const key = `${parent.name}.${def.name}`;
    let page = walk.page;
    if (typeof args.first === 'number') {
      const max = this.firstLimits[key];
      if (max !== undefined && (!Number.isInteger(args.first) || args.first < 0 || args.first > max))
        throw new BadUserInputError('first', `an integer from 0 to ${max}`, args.first);
      page = Math.min(args.first, this.rowsFor(key));
    }
    const child = getNamedType(def.type);
    const next: Walk = { ...walk, page };
    if (isListType(getNullableType(def.type))) {
      const size = this.listSize(key, args, walk);
      let times = walk.times * size;
      const kind = KIND_OF_TYPE[child.name];
      if (kind && walk.policies !== null) times = Math.min(times, walk.policies * this.sizes.perPolicy[kind]);
      this.price.nodes += times;
      next.times = times;
      next.page = null;
    }
    if (child.name === 'Policy') next.policies = next.times;
    if (child.name === 'Clause') next.clauseDepth = this.clauseDepthAfter(key, args, walk);
    this.selections(child, node.selectionSet, next);
  }

  /** The most rows a paged field's whole list holds. */
  private rowsFor(key: string): number {
    if (key === 'Query.policies') return this.sizes.policies;
    if (key === 'Query.clauses') return this.sizes.clauses;
    if (key === 'Query.amounts') return this.sizes.amounts;
    if (key === 'Query.search') return this.sizes.searchableClauses;
    return Number.MAX_SAFE_INTEGER;
  }

  private listSize(key: string, args: Record<string, unknown>, walk: Walk): number {
    const { perPolicy, perClause } = this.sizes;
    switch (key) {
      case 'PolicyConnection.edges':
      case 'ClauseConnection.edges':
      case 'AmountConnection.edges':
      case 'SearchResults.hits':
      case 'Retrieval.passages':
      case 'ChangeConnection.edges':
      case 'CorpusVersionConnection.edges':
      case 'WebhookDeliveryConnection.edges':
        return walk.page ?? 0;
      case 'Change.clauses':
        // A page of an amendment's clauses, no more than the largest document has.
        return Math.min(typeof args.first === 'number' ? args.first : 20, perPolicy.clauses);
      case 'ClauseChange.amounts':
        return 2 * perClause.amounts;
      case 'CorpusVersion.added':
      case 'CorpusVersion.amended':
      case 'CorpusVersion.removed':
        return this.sizes.policies;
      case 'Policy.clauses':
        return args.topLevel === true ? perPolicy.topLevelClauses : perPolicy.clauses;
      case 'Clause.children': {
        const depth = walk.clauseDepth;
        return depth === null ? perClause.children : (this.sizes.childrenByDepth[depth - 1] ?? 0);
      }
      case 'Clause.amounts':
      case 'Passage.amounts':
        return perClause.amounts;
      case 'Clause.contacts':
      case 'Passage.contacts':
        return perClause.contacts;
      case 'Clause.supersedes':
      case 'Clause.supersededBy':
        return perClause.supersessions;
      case 'Policy.repeals':
      case 'Policy.repealedBy':
      case 'Policy.references':
      case 'Policy.implementedBy':
      case 'Policy.interpretedBy':
        return perPolicy.related;
      case 'Policy.statusTimeline':
        return perPolicy.statusPeriods;
      case 'Retrieval.outOfForce':
        // Up to 3 (src/retrieval/retrieval.service.ts).
        return 3;
      case 'Retrieval.documents':
        return this.sizes.policies;
      case 'Query.topics':
        return this.sizes.topics;
      case 'Query.webhooks':
        return MAX_WEBHOOKS;
      case 'PolicyDifferences.pairs':
      case 'PolicyDifferences.dropped':
      case 'PolicyDifferences.added':
        return perPolicy.clauses;
      case 'ClausePair.amounts':
        return 2 * perClause.amounts;
      case 'ClauseStats.groups':
      case 'PolicyStats.groups':
        // One group per document, topic, department, status or amount kind at most.
        return Math.max(this.sizes.policies, this.sizes.topics, this.sizes.departments, 6);
      case 'BenefitEstimate.items':
      case 'BenefitFact.clauses':
        // One item per award of a clause with a benefit rule (BenefitFact.clauses: fewer).
        return this.sizes.benefitItems;
      case 'BenefitItem.conditions':
        return MAX_RULE_CONDITIONS;
      case 'BenefitItem.missingFacts':
      case 'ConditionCheck.facts':
      case 'Query.benefitFacts':
        return FACT_NAMES.length;
      default:
        // A list not measured: as long as the longest list there is.
        return Math.max(this.sizes.policies, this.sizes.clauses, 100);
    }
  }

  private clauseDepthAfter(key: string, args: Record<string, unknown>, walk: Walk): number | null {
    if (key === 'Policy.clauses') return args.topLevel === true ? 1 : null;
    if (key === 'Clause.children') return walk.clauseDepth === null ? null : walk.clauseDepth + 1;
    if (key === 'Clause.parent') return walk.clauseDepth === null ? null : walk.clauseDepth - 1;
    return null;
  }
}

/**
 * The price of one operation with these variables. Throws BadUserInputError for a `first` out of
 * range, and whatever graphql-js throws for variables that do not fit their types.
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  sizes: ListSizes,
  firstLimits: FirstLimits,
): Price {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return new Pricer(schema, fragments, variables, sizes, firstLimits).run(operation);
}

/** The same figures counted on an answer's data: every field present, every object in a list. */
export function priceOfAnswer(data: unknown): Price {
  const price: Price = { cost: 0, nodes: 0 };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item !== null && typeof item === 'object') price.nodes++;
        visit(item);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) {
        price.cost++;
        visit(child);
      }
    }
  };
  visit(data);
  return price;
}
