/** What verifyCitations answers: one check per citation found in a text. Never stored. */
import { Field, ObjectType } from 'type-graphql';
import { Clause } from './Clause.js';
import { CitationVerdict } from './enums.js';
import { Policy } from './Policy.js';

@ObjectType({ description: 'What one citation found in a text turned out to be.' })
export class CitationCheck {
  @Field(() => String, {
    description: 'The citation as it stands in the text: 《title》 with its numbering, or a 文号',
  })
  cited!: string;

  @Field(() => CitationVerdict)
  verdict!: CitationVerdict;

  @Field(() => Clause, { nullable: true, description: 'The clause it resolves to, where it names one' })
  clause!: Clause | null;

  @Field(() => Policy, { nullable: true, description: 'The document it resolves to' })
  policy!: Policy | null;

  @Field(() => Clause, {
    nullable: true,
    description: 'The clause in force on asOf that replaced it, for NOT_IN_FORCE',
  })
  successor!: Clause | null;

  @Field(() => [String], {
    description:
      'The sums or rates the text gives for this citation that the clause does not state, as written in the text (e.g. 80%, 1000万元)',
  })
  wrongFigures!: string[];

  @Field(() => String, { description: 'Why, in Chinese, one sentence' })
  reason!: string;
}
