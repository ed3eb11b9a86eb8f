/** What changed, load by load and day by day: versions' document changes and status events. Never stored. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from './connections.js';
import { CorpusVersion } from './CorpusVersion.js';
import { AmountChangeKind } from './differences.js';
import { AmountKind, PolicyStatus } from './enums.js';
import { DateScalar } from './scalars.js';

export enum ChangeKind {
  DOCUMENT_ADDED = 'DOCUMENT_ADDED',
  DOCUMENT_AMENDED = 'DOCUMENT_AMENDED',
  DOCUMENT_REMOVED = 'DOCUMENT_REMOVED',
  ENTERED_INTO_FORCE = 'ENTERED_INTO_FORCE',
  REPEALED = 'REPEALED',
  LAPSED_WITH_PARENT = 'LAPSED_WITH_PARENT',
  REACHED_END = 'REACHED_END',
}

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description:
    'DOCUMENT_*: a load (a version) added, amended or removed a document. The others fall on a day by the calendar: a document comes into force, is repealed, lapses with the policy it implements, or reaches its own end.',
});

export enum ClauseChangeKind {
  ADDED = 'ADDED',
  DROPPED = 'DROPPED',
  AMENDED = 'AMENDED',
}

registerEnumType(ClauseChangeKind, { name: 'ClauseChangeKind' });

@ObjectType({ simpleResolvers: true, description: 'An amount of one kind, before and after.' })
export class AmountDelta {
  @Field(() => AmountChangeKind)
  change!: AmountChangeKind;

  @Field(() => AmountKind)
  kind!: AmountKind;

  @Field(() => Number, { nullable: true })
  oldYuan!: number | null;

  @Field(() => Number, { nullable: true })
  newYuan!: number | null;

  @Field(() => Number, { nullable: true })
  oldRate!: number | null;

  @Field(() => Number, { nullable: true })
  newRate!: number | null;

  @Field(() => String, { nullable: true, description: 'The words the old amount was read from.' })
  oldText!: string | null;

  @Field(() => String, { nullable: true })
  newText!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A clause of an amended document: added, dropped, or changed.' })
export class ClauseChange {
  @Field(() => String)
  clauseId!: string;

  @Field(() => String, { description: 'As cited after the change (before it, for a dropped clause).' })
  citation!: string;

  @Field(() => ClauseChangeKind)
  change!: ClauseChangeKind;

  @Field(() => Boolean)
  textChanged!: boolean;

  @Field(() => String, { nullable: true, description: 'The text before, when it changed or the clause was dropped.' })
  oldText!: string | null;

  @Field(() => String, { nullable: true, description: 'The text after, when it changed or the clause was added.' })
  newText!: string | null;

  @Field(() => [AmountDelta], { description: 'Amounts paired by kind, old → new; the same ones left out.' })
  amounts!: AmountDelta[];

  @Field(() => [String])
  conditionsAdded!: string[];

  @Field(() => [String])
  conditionsDropped!: string[];

  @Field(() => [String], { description: 'Clauses it now names as replaced (supersedes).' })
  supersedesAdded!: string[];

  @Field(() => [String], { description: 'Clauses it no longer names as replaced.' })
  supersedesDropped!: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One change: a document a load changed, or a status that began on a day.',
})
export class Change {
  @Field(() => ID, { description: 'Stable: the same change has the same key in every answer, feed and webhook.' })
  key!: string;

  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => String, {
    description: 'When: the load (ISO 8601, UTC), or the start of the day in China (00:00 +08:00) for a status event.',
  })
  at!: string;

  @Field(() => DateScalar, { description: 'The day in China.' })
  day!: string;

  @Field(() => String, { nullable: true, description: 'The version that made it (v3); null for a status event.' })
  version!: string | null;

  @Field(() => String)
  policyId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => PolicyStatus, { nullable: true, description: 'For a status event: the status from that day.' })
  status!: PolicyStatus | null;

  @Field(() => String, { nullable: true, description: 'For a status event: why, in Chinese.' })
  reason!: string | null;

  /** For DOCUMENT_AMENDED: what changed, clause by clause (served a page at a time: ChangeResolver). */
  clauses!: ClauseChange[];

  @Field(() => [String], {
    description:
      'For DOCUMENT_AMENDED: the other parts that changed, in Chinese (文件信息, 条款主题, 申报材料, 申报时间, 条款标题, 常用说法, 条款其他信息, 联系方式, 关联文件, 效力时段); empty otherwise.',
  })
  otherParts!: string[];

  @Field(() => String, { description: 'The change in one sentence, in Chinese.' })
  summary!: string;
}

@ObjectType({ simpleResolvers: true })
export class ChangeEdge {
  @Field(() => String, { description: 'Store it: `changes(after:)` resumes after this change, now or later.' })
  cursor!: string;

  @Field(() => Change)
  node!: Change;
}

@ObjectType({ simpleResolvers: true })
export class ChangeConnection {
  @Field(() => Int, { description: 'Changes in the window, from the first (not only after the cursor).' })
  totalCount!: number;

  @Field(() => [ChangeEdge])
  edges!: ChangeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true })
export class CorpusVersionEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => CorpusVersion)
  node!: CorpusVersion;
}

@ObjectType({ simpleResolvers: true, description: 'Versions, newest first.' })
export class CorpusVersionConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [CorpusVersionEdge])
  edges!: CorpusVersionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
