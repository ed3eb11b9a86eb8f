import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { encodeChangeCursor, parseBound, parseVersion, windowOf } from '../analytics/changes.js';
import { checkFirst } from '../repositories/pagination.js';
import { Change, ChangeConnection, ChangeKind, ClauseChange, CorpusVersionConnection } from '../schema/changes.js';
import { CorpusVersion } from '../schema/CorpusVersion.js';
import type { Context } from './context.js';

@Resolver()
export class VersionResolver {
  @Query(() => CorpusVersion, {
    nullable: true,
    description: 'A version by its id (v3); without one, the version served now. Null for a version never recorded.',
  })
  async corpusVersion(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
  ): Promise<CorpusVersion | null> {
    if (id) return ctx.versions.byNumber(parseVersion('id', id));
    // Files changed with no document changed make no version: the last one then is the data served.
    return (await ctx.versions.serving(ctx.loaders.snapshot.version.fingerprint)) ?? ctx.versions.latest();
  }

  @Query(() => CorpusVersionConnection, { description: 'Every version kept, newest first.' })
  async corpusVersions(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true, description: 'A cursor: versions older than it.' }) after?: string,
  ): Promise<CorpusVersionConnection> {
    const before = after ? parseVersion('after', after) : undefined;
    const { items, total } = await ctx.versions.page(checkFirst(first ?? 20) + 1, before);
    const shown = items.slice(0, checkFirst(first ?? 20));
    return {
      totalCount: total,
      edges: shown.map((v) => ({ cursor: v.id, node: v })),
      pageInfo: { hasNextPage: items.length > shown.length, endCursor: shown.at(-1)?.id ?? null },
    };
  }

  @Query(() => ChangeConnection, {
    description:
      'What changed after `since` up to `until` (default: now), each a version (v3: what came after it) or a day in China (YYYY-MM-DD, the whole day): documents added, amended (clause by clause) and removed by loads, and the status events the calendar brings, in order of time. Store the last cursor and pass it as `after` to resume.',
  })
  async changes(
    @Ctx() ctx: Context,
    @Arg('since', () => String) since: string,
    @Arg('until', () => String, { nullable: true }) until?: string,
    @Arg('kinds', () => [ChangeKind], { nullable: true, description: 'Only these kinds.' }) kinds?: ChangeKind[],
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ChangeConnection> {
    const window = await windowOf(
      ctx.versions,
      parseBound('since', since),
      until ? parseBound('until', until) : null,
      ctx.now,
    );
    const page = await ctx.changes.page(ctx.loaders.snapshot, window, {
      first: checkFirst(first ?? 20),
      after,
      kinds,
    });
    const edges = page.changes.map((node) => ({ cursor: encodeChangeCursor(node), node }));
    return {
      totalCount: page.totalCount,
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

/** The clauses an amendment changed, a page at a time: a query is priced by the page it asks for. */
@Resolver(() => Change)
export class ChangeResolver {
  @FieldResolver(() => [ClauseChange], {
    description: 'For DOCUMENT_AMENDED: what changed, clause by clause, in document order (the first `first`).',
  })
  clauses(
    @Root() change: Change,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
  ): ClauseChange[] {
    return change.clauses.slice(0, checkFirst(first ?? 20));
  }

  @FieldResolver(() => Int, { description: 'For DOCUMENT_AMENDED: how many clauses changed (0 otherwise).' })
  clauseCount(@Root() change: Change): number {
    return change.clauses.length;
  }
}
