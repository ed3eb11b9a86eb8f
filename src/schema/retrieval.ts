/** Retrieval results and clause links; never stored. */
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Amount } from './Amount.js';
import { Clause } from './Clause.js';
import { Contact } from './Contact.js';
import { PolicyStatus } from './enums.js';
import { DateScalar } from './scalars.js';

@ObjectType({ description: 'A link between a clause and one that replaced it, with the judgement behind it.' })
export class ClauseLink {
  clauseId!: string;

  @Field(() => Clause)
  clause?: Clause;

  @Field(() => String, { description: 'Why the newer clause replaces the older one, in Chinese.' })
  note!: string;
}

@ObjectType({ description: 'A passage a chatbot may quote, with what it needs to cite it safely.' })
export class Passage {
  @Field(() => ID)
  clauseId!: string;

  @Field(() => Clause)
  clause?: Clause;

  @Field(() => String, { description: 'Verbatim text of the clause as published.' })
  text!: string;

  @Field(() => String, {
    description: '《title》（文号）numbering, e.g. 《成都市…实施细则》（成经信办〔2024〕16号）八（二）.',
  })
  citation!: string;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => PolicyStatus, { description: 'Status of its document on asOf.' })
  status!: PolicyStatus;

  @Field(() => String)
  statusReason!: string;

  @Field(() => Boolean)
  inForce!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Set when the passage is not in force on asOf: say so before quoting it.',
  })
  warning!: string | null;

  successorRef!: { clauseId: string; citation: string } | null;

  @Field(() => Clause, {
    nullable: true,
    description: 'The clause in force on asOf that replaced this one, where the data records one.',
  })
  successor?: Clause | null;

  @Field(() => [Amount])
  amounts!: Amount[];

  @Field(() => [Contact])
  contacts!: Contact[];

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => String, { nullable: true })
  snippet!: string | null;
}

@ObjectType()
export class Retrieval {
  @Field(() => String)
  question!: string;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => String, { description: 'The search engine that answered.' })
  engine!: string;

  @Field(() => [Passage])
  passages!: Passage[];
}
