/** A topic of the vocabulary (data/policies/topics.yaml) as the data uses it; never stored. */
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A topic and how many clauses and documents carry it.' })
export class TopicCount {
  @Field(() => String, { description: 'The topic as clauses are tagged with it (its label), e.g. 算力券.' })
  topic!: string;

  @Field(() => Int, { description: 'Clauses tagged with it, every level (a sub-item repeats its article’s topic).' })
  clauses!: number;

  @Field(() => Int, { description: 'Clauses tagged with it whose parent is not: each passage counted once.' })
  distinctPassages!: number;

  @Field(() => Int, { description: 'Documents with at least one such clause.' })
  documents!: number;
}
