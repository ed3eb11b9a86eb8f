import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { PolicyKind } from './enums.js';
import { DateScalar } from './scalars.js';

/** A document: a policy, its implementation rules, or a text interpreting it. */
@ObjectType({
  description: 'A policy document, its implementation rules, or a text interpreting it.',
  simpleResolvers: true,
})
@Entity({ tableName: 'policy' })
export class Policy {
  @Field(() => ID, { description: 'Stable identifier: the same after every reload of the data.' })
  @PrimaryKey({ type: 'string' })
  id!: string;

  /** Order of documents in lists (by id), also the key of list cursors. */
  @Property({ type: 'integer', unique: true })
  ordinal!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: '文号, e.g. 成经信办〔2024〕16号; null where the document has none or it is not known.',
  })
  @Property({ type: 'string', nullable: true, unique: true })
  docNumber?: string | null;

  @Field(() => PolicyKind)
  @Enum({ items: () => PolicyKind, type: 'string' })
  kind!: PolicyKind;

  @Field(() => Boolean, { description: 'A draft published for comment (征求意见稿).' })
  @Property({ type: 'boolean' })
  draft!: boolean;

  @Field(() => String, { description: 'Script the text was published in: Hans (Simplified) or Hant (Traditional).' })
  @Property({ type: 'string' })
  script!: string;

  @Field(() => [String], { description: 'Issuing bodies, as printed.' })
  @Property({ type: 'json' })
  issuers!: string[];

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'string', nullable: true })
  publishedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day in force as written; null where not known.' })
  @Property({ type: 'string', nullable: true })
  effectiveFrom?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day in force as written; null where open-ended or not known.',
  })
  @Property({ type: 'string', nullable: true })
  effectiveTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Source file name in data/policies/sources.' })
  @Property({ type: 'string', nullable: true })
  sourceFile?: string | null;

  @Field(() => String, { nullable: true, description: 'Original address of the text, where known.' })
  @Property({ type: 'text', nullable: true })
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published the text the record was taken from.' })
  @Property({ type: 'text', nullable: true })
  sourcePublisher?: string | null;

  @Field(() => String, { nullable: true, description: 'What is known of the document and how, in Chinese.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Unnumbered text before the first clause.' })
  @Property({ type: 'text', nullable: true })
  preamble?: string | null;

  @Field(() => String, { nullable: true, description: 'Unnumbered text after the last clause.' })
  @Property({ type: 'text', nullable: true })
  closing?: string | null;

  @ManyToOne(() => Policy, { nullable: true, fieldName: 'implements_id' })
  implementsPolicy?: Policy | null;

  @ManyToOne(() => Policy, { nullable: true, fieldName: 'interprets_id' })
  interpretsPolicy?: Policy | null;
}
