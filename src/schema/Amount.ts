import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { AmountKind, AmountPeriod } from './enums.js';
import { SafeIntScalar } from './scalars.js';
import type { Clause } from './Clause.js';

/** A sum or share a clause states, typed so analysts can filter and compute. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'amount' })
export class Amount {
  /** `${clauseId}#${seq}`: stable across loads. */
  @PrimaryKey({ type: 'string' })
  id!: string;

  @ManyToOne('Clause')
  clause!: Clause;

  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => AmountKind)
  @Enum({ items: () => AmountKind, type: 'string' })
  kind!: AmountKind;

  @Field(() => SafeIntScalar, { nullable: true, description: 'The sum in yuan, for CAP, FIXED, PER_UNIT and BUDGET.' })
  @Property({ type: 'integer', nullable: true })
  yuan?: number | null;

  @Field(() => Float, { nullable: true, description: 'The share between 0 and 1, for RATE.' })
  @Property({ type: 'double', nullable: true })
  rate?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What a RATE is a share of (e.g. 算力成本), or the unit of a PER_UNIT sum (e.g. 机架).',
  })
  @Property({ type: 'text', nullable: true })
  base?: string | null;

  @Field(() => AmountPeriod, { nullable: true })
  @Enum({ items: () => AmountPeriod, type: 'string', nullable: true })
  period?: AmountPeriod | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who or what this amount is limited to, where it is (e.g. 国家级, 第1名).',
  })
  @Property({ type: 'text', nullable: true })
  condition?: string | null;

  @Field(() => String, { description: 'The words of the text this amount was read from.' })
  @Property({ type: 'text' })
  text!: string;
}
