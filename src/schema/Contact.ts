import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import type { Clause } from './Clause.js';

/** A desk to ask about a clause: 政策咨询 (with phone) or the 责任单位 a policy names. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'contact' })
export class Contact {
  /** `${clauseId}#${seq}`: stable across loads. */
  @PrimaryKey({ type: 'string' })
  id!: string;

  @ManyToOne('Clause')
  clause!: Clause;

  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  department!: string;

  /** The department in Simplified script, so a filter finds 市經信局 by 市经信局. */
  @Property({ type: 'text' })
  departmentKey!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  person?: string | null;
}
