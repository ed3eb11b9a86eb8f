import { policyStatusOn } from '../snapshot/lookups.js';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type Context, loadersOf, lookupsAt } from './context.js';
import { TopicCount } from '../schema/topics.js';
import { textHashOf, withoutSubClauses } from '../domain/clause-text.js';
import { toSimplifiedShown } from '../text/chinese.js';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { Contact } from '../schema/Contact.js';
import { Policy } from '../schema/Policy.js';
import { PolicyStatus } from '../schema/enums.js';
import { ClauseFilter, ClauseOrder } from '../schema/filters.js';
import { ClauseConnection } from '../schema/connections.js';
import { DateScalar } from '../schema/scalars.js';
import { clausePage, topicCounts } from '../snapshot/lists.js';
import { checkFirst, toConnection } from '../repositories/pagination.js';
import { ClauseLink } from '../schema/retrieval.js';

@Resolver(() => Clause)
export class ClauseResolver {
  @Query(() => Clause, { nullable: true })
  async clause(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('asOfVersion', () => ID, {
      nullable: true,
      description: 'A version (v3): the clause as that version served it, its text and sums as they were then.',
    })
    asOfVersion?: string,
  ): Promise<Clause | null> {
    return (await lookupsAt(ctx, asOfVersion)).clause.load(id);
  }

  @Query(() => ClauseConnection)
  async clauses(
    @Ctx() ctx: Context,
    @Arg('filter', () => ClauseFilter, { nullable: true }) filter?: ClauseFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => ClauseOrder, { nullable: true, description: 'Default: corpus order.' }) orderBy?: ClauseOrder,
  ): Promise<ClauseConnection> {
    const page = clausePage(
      ctx.loaders.snapshot,
      filter ?? {},
      checkFirst(first ?? 20),
      after ?? undefined,
      ctx.today,
      orderBy ?? undefined,
    );
    return toConnection(page, (ids) => ctx.loaders.clause.loadMany(ids) as Promise<(Clause | null)[]>);
  }

  @Query(() => [TopicCount], {
    description:
      'The topics clauses are tagged with, most used first, counted over the clauses the filter matches (default: all).',
  })
  topics(
    @Ctx() ctx: Context,
    @Arg('filter', () => ClauseFilter, { nullable: true }) filter?: ClauseFilter,
  ): TopicCount[] {
    return topicCounts(ctx.loaders.snapshot, filter ?? {}, ctx.today);
  }

  @FieldResolver(() => Policy)
  async policy(@Root() clause: Clause, @Ctx() ctx: Context): Promise<Policy> {
    return (await loadersOf(ctx, clause).policy.load(clause.policy.id))!;
  }

  @FieldResolver(() => String, {
    description: "SHA-256 (hex) of the clause's text as served: a citation pinned to the words it quoted.",
  })
  textHash(@Root() clause: Clause): string {
    return textHashOf(clause.text);
  }

  @FieldResolver(() => Clause, { nullable: true, description: 'The clause this one is part of.' })
  parent(@Root() clause: Clause, @Ctx() ctx: Context): Promise<Clause | null> | null {
    return clause.parent ? loadersOf(ctx, clause).clause.load(clause.parent.id) : null;
  }

  @FieldResolver(() => [Clause], { description: 'Sub-clauses in document order.' })
  children(@Root() clause: Clause, @Ctx() ctx: Context): Promise<Clause[]> {
    return loadersOf(ctx, clause).children.load(clause.id);
  }

  @FieldResolver(() => String, {
    description:
      'The text of this clause without its sub-clauses (its lead and any closing words): what a tree shows at this node, with `children` below it.',
  })
  async ownText(@Root() clause: Clause, @Ctx() ctx: Context): Promise<string> {
    const children = await loadersOf(ctx, clause).children.load(clause.id);
    return withoutSubClauses(
      clause.text,
      children.map((c) => c.text),
    );
  }

  @FieldResolver(() => String, { nullable: true, description: 'The heading in Simplified characters.' })
  headingSimplified(@Root() clause: Clause): string | null {
    return clause.heading ? toSimplifiedShown(clause.heading) : null;
  }

  @FieldResolver(() => String, { description: 'The citation in Simplified characters.' })
  citationSimplified(@Root() clause: Clause): string {
    return toSimplifiedShown(clause.citation);
  }

  @FieldResolver(() => Int, { description: 'Level in the document: 1 for a top-level clause, 2 for its items, …' })
  depth(@Root() clause: Clause): number {
    return clause.path.length;
  }

  @FieldResolver(() => [ClauseLink], {
    description: 'Older clauses this one replaces, each with the judgement behind the link.',
  })
  async supersedes(@Root() clause: Clause, @Ctx() ctx: Context): Promise<ClauseLink[]> {
    // The linked clause of the same snapshot: a past version's links lead within that version.
    return (await loadersOf(ctx, clause).supersedes.load(clause.id)).map((l) => ({
      clauseId: l.to.id,
      clause: l.to,
      note: l.note,
    }));
  }

  @FieldResolver(() => [ClauseLink], { description: 'Newer clauses that replace this one.' })
  async supersededBy(@Root() clause: Clause, @Ctx() ctx: Context): Promise<ClauseLink[]> {
    return (await loadersOf(ctx, clause).supersededBy.load(clause.id)).map((l) => ({
      clauseId: l.from.id,
      clause: l.from,
      note: l.note,
    }));
  }

  @FieldResolver(() => [Amount])
  amounts(@Root() clause: Clause, @Ctx() ctx: Context): Promise<Amount[]> {
    return loadersOf(ctx, clause).amounts.load(clause.id);
  }

  @FieldResolver(() => [Contact])
  contacts(@Root() clause: Clause, @Ctx() ctx: Context): Promise<Contact[]> {
    return loadersOf(ctx, clause).contacts.load(clause.id);
  }

  @FieldResolver(() => PolicyStatus, { description: 'The status of its policy on the day asOf (default: today).' })
  async status(
    @Root() clause: Clause,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<PolicyStatus> {
    return (await policyStatusOn(loadersOf(ctx, clause), clause.policy.id, asOf ?? ctx.today)).status;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why its policy has that status on asOf, in Chinese.' })
  async statusReason(
    @Root() clause: Clause,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<string> {
    return (await policyStatusOn(loadersOf(ctx, clause), clause.policy.id, asOf ?? ctx.today)).reason;
  }
}
