/** Retrieval results and clause links; never stored. */
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Amount } from './Amount.js';
import { Clause } from './Clause.js';
import { Contact } from './Contact.js';
import { Confidence, PolicyStatus } from './enums.js';
import { DateScalar } from './scalars.js';

@ObjectType({ description: 'A link between a clause and one that replaced it, with the judgement behind it.' })
export class ClauseLink {
  clauseId!: string;

  @Field(() => Clause)
  clause?: Clause;

  @Field(() => String, { description: 'Why the newer clause replaces the older one, in Chinese.' })
  note!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One part of a clause, as the text states it.' })
export class PassageFocus {
  @Field(() => String, { description: 'CONTACT, MATERIALS, CONDITIONS, APPLICATION_PERIOD or AMOUNT.' })
  part!: string;

  @Field(() => String)
  text!: string;
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

  @Field(() => PassageFocus, {
    nullable: true,
    description:
      'The part of the clause the question asks for (its contacts, materials, conditions, period or sums), to put first.',
  })
  focus!: PassageFocus | null;
}

@ObjectType()
export class Retrieval {
  @Field(() => String)
  question!: string;

  @Field(() => DateScalar, { description: 'The day statuses were judged on.' })
  asOf!: string;

  @Field(() => String, {
    description: 'Where asOf came from: REQUEST (the asOf argument), QUESTION (a date in the question) or TODAY.',
  })
  asOfSource!: string;

  @Field(() => String, { nullable: true, description: 'The words of the question asOf was read from, e.g. 2024年8月.' })
  asOfWords!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The part of a clause the question asks for: CONTACT, MATERIALS, CONDITIONS, APPLICATION_PERIOD or AMOUNT.',
  })
  focus!: string | null;

  documentIds!: string[];

  @Field(() => String, { description: 'The search engine that answered.' })
  engine!: string;

  @Field(() => [Passage])
  passages!: Passage[];

  @Field(() => [Passage], {
    description:
      'Without includeHistory: clauses not in force on asOf that match the question as well (up to 3), each with its warning and in-force successor if any, so an answer can say a reward lapsed.',
  })
  outOfForce!: Passage[];

  @Field(() => String, {
    nullable: true,
    description:
      'Set when the clause that matches the question best is not in force on asOf: which clause, its status and why (e.g. lapsed on a day), and its in-force replacement or that there is none. Set too when asOf was read from the question (2025年买的…) and a passage in force then is not today: which, and what replaced it. A chatbot says this before quoting any passage.',
  })
  notice!: string | null;

  @Field(() => Passage, {
    nullable: true,
    description:
      'Set with notice when nothing in force replaced the best match: that clause, not in force on asOf (it is in outOfForce too). A chatbot quotes it first, with its warning, then the passages in force, which answer something near it.',
  })
  bestMatch!: Passage | null;

  @Field(() => Boolean, {
    description:
      'False when the corpus holds nothing that answers the question (a city or region the corpus does not cover, a kind of support no clause offers): then `passages` is empty and `coverageNote` says why. A lapsed rule that answered the question on another day still makes it answerable (the answer is that it lapsed).',
  })
  answerable!: boolean;

  @Field(() => Confidence)
  confidence!: Confidence;

  @Field(() => String, {
    nullable: true,
    description: 'Why the answer is LOW or NONE, in Chinese, one or two sentences a chatbot can pass on.',
  })
  coverageNote!: string | null;
}
