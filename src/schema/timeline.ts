/** A period of a document's status timeline, as the API shows it; never stored (see StatusSegmentRow). */
import { Field, ObjectType } from 'type-graphql';
import { PolicyStatus } from './enums.js';
import { DateScalar } from './scalars.js';

@ObjectType({ simpleResolvers: true, description: 'A period over which a document had one status.' })
export class StatusPeriod {
  @Field(() => DateScalar, { nullable: true, description: 'First day; null: from the beginning.' })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; null: open-ended.' })
  to!: string | null;

  @Field(() => PolicyStatus)
  status!: PolicyStatus;

  @Field(() => String, { description: 'Why, in Chinese, naming the responsible document where there is one.' })
  reason!: string;

  @Field(() => Boolean, {
    description: 'Inferred, not stated by the document: in force because its 实施细则 were (the reason says so).',
  })
  inferred!: boolean;
}
