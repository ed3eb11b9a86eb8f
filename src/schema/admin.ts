/** Results of admin operations; never stored. */
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class ReloadResult {
  @Field(() => String, {
    description: 'loaded: the data files changed and were loaded; unchanged: they were already served.',
  })
  outcome!: string;

  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  clauses!: number;

  @Field(() => Int)
  amounts!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Clauses indexed for search after the load; null when nothing was reindexed.',
  })
  indexed!: number | null;

  @Field(() => String, {
    description:
      'Who answers searches after the reload: meilisearch, or database-fallback (which always holds the served data).',
  })
  searchEngine!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What is served when part of the reload did not happen, e.g. the index could not be rebuilt yet.',
  })
  note!: string | null;
}

@ObjectType()
export class IndexResult {
  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  ms!: number;
}
