import { policyStatusOn } from '../snapshot/lookups.js';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type Context, loadersOf, lookupsAt } from './context.js';
import { StatusPeriod } from '../schema/timeline.js';
import { timelineOf } from '../analytics/timeline.js';
import { toSimplifiedShown } from '../text/chinese.js';
import { Policy } from '../schema/Policy.js';
import { Clause } from '../schema/Clause.js';
import { PolicyStatus } from '../schema/enums.js';
import { PolicyFilter, PolicyOrder } from '../schema/filters.js';
import { PolicyConnection } from '../schema/connections.js';
import { DateScalar } from '../schema/scalars.js';
import { policyByDocNumber, policyPage } from '../snapshot/lists.js';
import { checkFirst, toConnection } from '../repositories/pagination.js';

@Resolver(() => Policy)
export class PolicyResolver {
  @Query(() => Policy, { nullable: true })
  async policy(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('asOfVersion', () => ID, {
      nullable: true,
      description: 'A version (v3): the document as that version served it, its text and sums as they were then.',
    })
    asOfVersion?: string,
  ): Promise<Policy | null> {
    return (await lookupsAt(ctx, asOfVersion)).policy.load(id);
  }

  @Query(() => Policy, {
    nullable: true,
    description: 'A document by its 文号, written with any brackets: 成经信办[2024]16号 finds 成经信办〔2024〕16号.',
  })
  policyByDocNumber(@Arg('docNumber', () => String) docNumber: string, @Ctx() ctx: Context): Policy | null {
    return policyByDocNumber(ctx.loaders.snapshot, docNumber);
  }

  @Query(() => PolicyConnection)
  async policies(
    @Ctx() ctx: Context,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => PolicyOrder, { nullable: true, description: 'Default: corpus order.' }) orderBy?: PolicyOrder,
  ): Promise<PolicyConnection> {
    const page = policyPage(
      ctx.loaders.snapshot,
      filter ?? {},
      checkFirst(first ?? 20),
      after ?? undefined,
      ctx.today,
      orderBy ?? undefined,
    );
    return toConnection(page, (ids) => ctx.loaders.policy.loadMany(ids) as Promise<(Policy | null)[]>);
  }

  @FieldResolver(() => PolicyStatus, {
    description:
      'Status on the day asOf (default: today), derived from the dates and from the relations to other documents.',
  })
  async status(
    @Root() policy: Policy,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<PolicyStatus> {
    return (await policyStatusOn(loadersOf(ctx, policy), policy.id, asOf ?? ctx.today)).status;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why that status holds on that day, in Chinese, naming the responsible document where there is one.',
  })
  async statusReason(
    @Root() policy: Policy,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<string> {
    return (await policyStatusOn(loadersOf(ctx, policy), policy.id, asOf ?? ctx.today)).reason;
  }

  @FieldResolver(() => [StatusPeriod], {
    description: 'Its status over time, period by period from the beginning: what was in force when, and why.',
  })
  async statusTimeline(@Root() policy: Policy, @Ctx() ctx: Context): Promise<StatusPeriod[]> {
    return (await timelineOf(loadersOf(ctx, policy), policy.id)).periods;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      'The real last day in force (as `effectiveTo` is the last day as written): the end of its last IN_FORCE period, which a repeal or its policy’s end may bring forward. Null when never in force or in force with no end.',
  })
  async inForceUntil(@Root() policy: Policy, @Ctx() ctx: Context): Promise<string | null> {
    return (await timelineOf(loadersOf(ctx, policy), policy.id)).inForceUntil;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The first day it was in force (stated, or inferred from its 实施细则); null when never in force.',
  })
  async inForceFrom(@Root() policy: Policy, @Ctx() ctx: Context): Promise<string | null> {
    return (await timelineOf(loadersOf(ctx, policy), policy.id)).inForceFrom;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The day it stopped being in force (expired, repealed or lapsed): the day after inForceUntil.',
  })
  async endedOn(@Root() policy: Policy, @Ctx() ctx: Context): Promise<string | null> {
    return (await timelineOf(loadersOf(ctx, policy), policy.id)).endedOn;
  }

  @FieldResolver(() => [Policy], { description: 'Documents this one expressly repeals.' })
  repeals(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy[]> {
    return loadersOf(ctx, policy).repeals.load(policy.id);
  }

  @FieldResolver(() => [Policy], { description: 'Documents that expressly repeal this one.' })
  repealedBy(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy[]> {
    return loadersOf(ctx, policy).repealedBy.load(policy.id);
  }

  @FieldResolver(() => [Policy], {
    description: 'Documents this one refers to without implementing or repealing them.',
  })
  references(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy[]> {
    return loadersOf(ctx, policy).references.load(policy.id);
  }

  @FieldResolver(() => Policy, {
    name: 'implements',
    nullable: true,
    description: 'The policy these rules put into effect (for IMPLEMENTATION_RULES).',
  })
  implementsField(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy | null> | null {
    return policy.implementsPolicy ? loadersOf(ctx, policy).policy.load(policy.implementsPolicy.id) : null;
  }

  @FieldResolver(() => [Policy])
  implementedBy(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy[]> {
    return loadersOf(ctx, policy).implementedBy.load(policy.id);
  }

  @FieldResolver(() => Policy, { nullable: true, description: 'The policy this text describes (for INTERPRETATION).' })
  interprets(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy | null> | null {
    return policy.interpretsPolicy ? loadersOf(ctx, policy).policy.load(policy.interpretsPolicy.id) : null;
  }

  @FieldResolver(() => [Policy], { description: 'Texts that describe this document.' })
  interpretedBy(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Policy[]> {
    return loadersOf(ctx, policy).interpretedBy.load(policy.id);
  }

  @FieldResolver(() => [Clause], {
    description:
      'Clauses in document order, every level included; with topLevel: true only the top level, for a tree built down through `children`.',
  })
  async clauses(
    @Root() policy: Policy,
    @Ctx() ctx: Context,
    @Arg('topLevel', () => Boolean, { nullable: true, defaultValue: false }) topLevel: boolean | null = false,
  ): Promise<Clause[]> {
    const clauses = await loadersOf(ctx, policy).clausesOfPolicy.load(policy.id);
    return topLevel ? clauses.filter((c) => c.path.length === 1) : clauses;
  }

  @FieldResolver(() => String, {
    description:
      'The title in Simplified characters, converted from `title`, which stays as published (the same for a Simplified text).',
  })
  titleSimplified(@Root() policy: Policy): string {
    return toSimplifiedShown(policy.title);
  }

  @FieldResolver(() => [String], { description: 'Issuing bodies in Simplified characters.' })
  issuersSimplified(@Root() policy: Policy): string[] {
    return policy.issuers.map(toSimplifiedShown);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where the text was taken from: a URL or a source file name.',
  })
  source(@Root() policy: Policy): string | null {
    return policy.sourceUrl ?? policy.sourceFile ?? null;
  }
}
