import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Policy } from './Policy.js';
import { SafeIntScalar } from './scalars.js';
import type { ClauseBenefit } from '../domain/benefit-rules.js';

/**
 * A numbered clause (一 / （一） / 1． / 第一条) or an unnumbered paragraph (第N段) of a document.
 * Facet sub-clauses (申报条件, 支持标准, 申报材料, 政策咨询 …) keep their own text; what they
 * state is recorded on the support item they belong to.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'clause' })
export class Clause {
  @Field(() => ID, { description: 'Stable identifier: the same after every reload of the data.' })
  @PrimaryKey({ type: 'string' })
  id!: string;

  /** Position in the whole corpus: documents by id, clauses in document order. Cursor key. */
  @Property({ type: 'integer', unique: true })
  ordinal!: number;

  @ManyToOne(() => Policy)
  policy!: Policy;

  @ManyToOne(() => Clause, { nullable: true })
  parent?: Clause | null;

  @Field(() => [String], { description: 'Numbering as printed, outermost first, e.g. ["七", "（二）"].' })
  @Property({ type: 'json' })
  path!: string[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  heading?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a sub-clause that describes its item: 申报条件, 支持标准, 申报材料, 申报时间, 政策咨询 …',
  })
  @Property({ type: 'string', nullable: true })
  facet?: string | null;

  @Field(() => String, { description: 'Full text of the clause as published, its sub-items included.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { description: 'A citation a reader can check, e.g. 《成都市…实施细则》七（二）.' })
  @Property({ type: 'text' })
  citation!: string;

  @Field(() => Boolean, { description: 'Support decided case by case (一事一议): the text sets no sum.' })
  @Property({ type: 'boolean' })
  caseByCase!: boolean;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'Largest sum one applicant can receive under this clause, in yuan, where the text sets one.',
  })
  @Index()
  @Property({ type: 'integer', nullable: true })
  maxYuan?: number | null;

  @Field(() => [String], { description: '申报条件, one item each.' })
  @Property({ type: 'json' })
  conditions!: string[];

  @Field(() => [String], { description: '申报材料, one item each.' })
  @Property({ type: 'json' })
  materials!: string[];

  @Field(() => String, { nullable: true, description: '申报时间 as the text states it.' })
  @Property({ type: 'text', nullable: true })
  applicationPeriod?: string | null;

  @Field(() => [String])
  @Property({ type: 'json' })
  topics!: string[];

  @Field(() => [String], {
    description:
      'Everyday words for what the clause grants or asks and whom it is for (curated with the data, Simplified; not the text), searched with the clause.',
  })
  @Property({ type: 'json' })
  everyday!: string[];

  /** What the clause pays a company, as data (src/domain/benefit-rules.ts); read by src/benefits. */
  @Property({ type: 'json', nullable: true })
  benefit?: ClauseBenefit | null;

  /**
   * Whether search returns this clause: support items and paragraphs, not the containers
   * above them nor the facets below them, whose texts they would repeat.
   */
  @Property({ type: 'boolean' })
  searchable!: boolean;

  /** Document title, headings above and the clause, normalised for search (src/text/normalise.ts). */
  @Property({ type: 'text', lazy: true })
  searchText!: string;
}
