/**
 * What changed in a window of time, as one ordered list: the documents each load (a version)
 * added, amended and removed — an amended one clause by clause — and the status events the
 * calendar brings (a document coming into force, repealed, lapsing with the policy it implements,
 * reaching its own end), read from the served snapshot's timelines. Ordered by when, then by key;
 * a cursor names the last change seen, so a client resumes after it now or a month later.
 */
import { LRUCache } from 'lru-cache';
import { BadUserInputError } from '../common/errors.js';
import { addDays, chineseDate, isIsoDate, todayInChina } from '../domain/dates.js';
import type { Amount } from '../schema/Amount.js';
import { ChangeKind, ClauseChangeKind, type Change, type ClauseChange } from '../schema/changes.js';
import type { CorpusVersion } from '../schema/CorpusVersion.js';
import type { AmountChangeKind } from '../schema/differences.js';
import type { AmountKind, PolicyStatus } from '../schema/enums.js';
import { AMOUNT_KIND_FACTS } from '../domain/kinds.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { writtenRate, writtenYuan } from '../text/money.js';
import type { DocumentRows } from '../versions/revisions.js';
import type { VersionStore } from '../versions/store.js';
import { compareAmounts, compareConditions } from './differences.js';

/** Where a window starts or ends: after a version, or a day in China. */
export type Bound = { version: number } | { day: string };

/** `v12` or `2025-09-18`; anything else is refused naming the argument. */
export function parseBound(argument: string, text: string): Bound {
  const version = versionNumber(text);
  if (version !== null) return { version };
  if (isIsoDate(text)) return { day: text };
  throw new BadUserInputError(
    argument,
    'a version such as "v3" or a day written YYYY-MM-DD',
    text,
    `${argument} 须为版本号（如 v3）或日期（YYYY-MM-DD），收到的是 ${text}。`,
  );
}

const versionNumber = (text: string): number | null => {
  const version = /^v([1-9]\d{0,9})$/.exec(text);
  return version ? Number(version[1]) : null;
};

/** `v3` → 3: a version alone (asOfVersion, a version's id, a versions cursor). */
export function parseVersion(argument: string, text: string): number {
  const version = versionNumber(text);
  // A day is no version here: the message says so whatever was given (not "or a day" for one text and not for another).
  if (version === null) throw new BadUserInputError(argument, 'a version such as "v3" (see corpusVersions)', text);
  return version;
}

/** 00:00 of `day` in China, as an ISO instant in UTC (what `at` holds for a status event). */
export const startOfDay = (day: string) => `${addDays(day, -1)}T16:00:00.000Z`;

/** The window as ISO instants: changes after `from`, up to and including `to`. */
export interface Window {
  from: string;
  to: string;
}

const ONE_MS_BEFORE = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

async function instantOf(store: VersionStore, argument: string, bound: Bound, edge: 'from' | 'to'): Promise<string> {
  if ('day' in bound)
    return edge === 'from' ? ONE_MS_BEFORE(startOfDay(bound.day)) : ONE_MS_BEFORE(startOfDay(addDays(bound.day, 1)));
  const version = await store.byNumber(bound.version);
  if (!version)
    throw new BadUserInputError(
      argument,
      'a version that exists (see corpusVersions)',
      `v${bound.version}`,
      `没有 v${bound.version} 这个版本（现有的版本见 corpusVersions）。`,
    );
  return version.loadedAt;
}

/** The window `since` (exclusive for a version: what came after it) to `until` (default: now). */
export async function windowOf(store: VersionStore, since: Bound, until: Bound | null, now: Date): Promise<Window> {
  const from = await instantOf(store, 'since', since, 'from');
  const to = until ? await instantOf(store, 'until', until, 'to') : now.toISOString();
  // until before since is asked wrongly, not a window with nothing in it.
  // By days, until the day before since leaves the window empty, not reversed, so the days are compared too.
  const daysReversed = until && 'day' in until && 'day' in since && until.day < since.day;
  if (until && (to < from || daysReversed)) {
    const given = 'version' in until ? `v${until.version}` : until.day;
    throw new BadUserInputError(
      'until',
      'a day or version not before since',
      given,
      `until 不能早于 since，收到的是 ${given}。`,
    );
  }
  return { from, to };
}

/** A change before its clause-level detail is read (that is read for the page shown only). */
type Pending = Omit<Change, 'clauses' | 'otherParts' | 'summary'> & {
  revisions?: { before: string | null; after: string | null };
};

const DOCUMENT_KIND = {
  ADDED: ChangeKind.DOCUMENT_ADDED,
  AMENDED: ChangeKind.DOCUMENT_AMENDED,
  REMOVED: ChangeKind.DOCUMENT_REMOVED,
} as const;

function versionChanges(version: CorpusVersion): Pending[] {
  return version.documentChanges.map((c) => ({
    key: `v${version.number}:${c.policyId}`,
    kind: DOCUMENT_KIND[c.change],
    at: version.loadedAt,
    day: todayInChina(new Date(version.loadedAt)),
    version: `v${version.number}`,
    policyId: c.policyId,
    title: c.title,
    status: null,
    reason: null,
    revisions: { before: c.before, after: c.after },
  }));
}

/** The status events of the served timelines that fall in the window, by the calendar. */
function statusEvents(snapshot: Snapshot, window: Window): Pending[] {
  return snapshot
    .kept('changes:statusEvents', () => allStatusEvents(snapshot))
    .filter((e) => e.at > window.from && e.at <= window.to);
}

function allStatusEvents(snapshot: Snapshot): Pending[] {
  const events: Pending[] = [];
  for (const policy of snapshot.policies) {
    let previous: string | null = null;
    for (const segment of snapshot.segmentsOf(policy.id)) {
      const kind = segment.from ? eventKind(segment.status, previous, segment.from, policy.effectiveTo ?? null) : null;
      previous = segment.status;
      if (!kind || !segment.from) continue;
      events.push({
        key: `${segment.from}:${policy.id}:${kind}`,
        kind,
        at: startOfDay(segment.from),
        day: segment.from,
        version: null,
        policyId: policy.id,
        title: policy.title,
        status: segment.status as PolicyStatus,
        reason: segment.reason,
      });
    }
  }
  return events.sort(byWhen);
}

function eventKind(
  status: string,
  previous: string | null,
  from: string,
  effectiveTo: string | null,
): ChangeKind | null {
  if (status === previous) return null;
  if (status === 'IN_FORCE') return ChangeKind.ENTERED_INTO_FORCE;
  if (status === 'REPEALED') return ChangeKind.REPEALED;
  if (status === 'EXPIRED')
    return effectiveTo && addDays(effectiveTo, 1) === from ? ChangeKind.REACHED_END : ChangeKind.LAPSED_WITH_PARENT;
  return null;
}

const byWhen = (a: { at: string; key: string }, b: { at: string; key: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

export function encodeChangeCursor(change: { at: string; key: string }): string {
  return Buffer.from(JSON.stringify([change.at, change.key])).toString('base64url');
}

function decodeChangeCursor(cursor: string): { at: string; key: string } {
  try {
    const [at, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof key === 'string') return { at, key };
  } catch {
    // refused below
  }
  throw new BadUserInputError('after', 'a cursor from changes', cursor);
}

export interface ChangePage {
  totalCount: number;
  changes: Change[];
  hasNextPage: boolean;
}

export class Changes {
  /** Differences of a document between two revisions, clause by clause and besides: they never change. */
  private readonly details = new LRUCache<string, Differences>({ max: 500 });
  /** The feed's changes, and what they hold for. */
  private feed: { key: string; changes: Change[] } | null = null;

  constructor(private readonly store: VersionStore) {}

  /** The changes in `window`, `kinds` only if given, `first` of them after the cursor `after`. */
  async page(
    snapshot: Snapshot,
    window: Window,
    options: { first: number; after?: string; kinds?: ChangeKind[] },
  ): Promise<ChangePage> {
    const versions = await this.store.inWindow(window.from, window.to);
    const kinds = options.kinds?.length ? new Set(options.kinds) : null;
    const all = [...versions.flatMap(versionChanges), ...statusEvents(snapshot, window)]
      .filter((c) => !kinds || kinds.has(c.kind))
      .sort(byWhen);
    const after = options.after ? decodeChangeCursor(options.after) : null;
    const rest = after ? all.filter((c) => byWhen(c, after) > 0) : all;
    const shown = rest.slice(0, options.first);
    return {
      totalCount: all.length,
      changes: await Promise.all(shown.map((c) => this.complete(c))),
      hasNextPage: rest.length > shown.length,
    };
  }

  /**
   * The last `count` changes up to `now`, newest first (the feed): from the newest `count`
   * versions at most, kept until another version is served or the day changes.
   */
  async latest(snapshot: Snapshot, now: Date, count: number): Promise<Change[]> {
    const versions = await this.store.newest(count);
    const key = `${versions[0]?.number ?? 0}|${snapshot.version.fingerprint}|${todayInChina(now)}|${count}`;
    if (this.feed?.key === key) return this.feed.changes;
    const window = { from: '', to: now.toISOString() };
    const all = [...versions.flatMap(versionChanges), ...statusEvents(snapshot, window)].sort(byWhen);
    const changes = await Promise.all(
      all
        .slice(-count)
        .reverse()
        .map((c) => this.complete(c)),
    );
    this.feed = { key, changes };
    return changes;
  }

  /** What one version changed, each document complete with its clause-level differences. */
  ofVersion(version: CorpusVersion): Promise<Change[]> {
    return Promise.all(versionChanges(version).map((c) => this.complete(c)));
  }

  /** The status events of days after `afterDay` up to and including `throughDay`. */
  eventsOfDays(snapshot: Snapshot, afterDay: string, throughDay: string): Promise<Change[]> {
    const window = { from: ONE_MS_BEFORE(startOfDay(addDays(afterDay, 1))), to: startOfDay(throughDay) };
    return Promise.all(statusEvents(snapshot, window).map((c) => this.complete(c)));
  }

  private async complete(pending: Pending): Promise<Change> {
    const { revisions, ...change } = pending;
    const { clauses, otherParts } =
      change.kind === ChangeKind.DOCUMENT_AMENDED && revisions?.before && revisions.after
        ? await this.differences(revisions.before, revisions.after)
        : NO_DIFFERENCES;
    return { ...change, clauses, otherParts, summary: summaryOf(change, clauses, otherParts) };
  }

  private async differences(before: string, after: string): Promise<Differences> {
    const key = `${before}>${after}`;
    const kept = this.details.get(key);
    if (kept) return kept;
    const rows = await this.store.revisions([before, after]);
    const old = rows.get(before);
    const next = rows.get(after);
    const found =
      old && next ? { clauses: compareRevisions(old, next), otherParts: otherPartsChanged(old, next) } : NO_DIFFERENCES;
    this.details.set(key, found);
    return found;
  }
}

type Row = Record<string, unknown>;

const amountsByClause = (doc: DocumentRows) => groupBy(doc.amounts, 'clause');
const supersedesByClause = (doc: DocumentRows) => groupBy(doc.supersessions, 'from');

function groupBy(rows: Row[], field: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) map.set(String(r[field]), [...(map.get(String(r[field])) ?? []), r]);
  return map;
}

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** Clause by clause, what an amendment changed: clauses are matched by id (document and numbering). */
export function compareRevisions(old: DocumentRows, next: DocumentRows): ClauseChange[] {
  const before = new Map(old.clauses.map((c) => [String(c.id), c]));
  const after = new Map(next.clauses.map((c) => [String(c.id), c]));
  const [oldAmounts, newAmounts] = [amountsByClause(old), amountsByClause(next)];
  const [oldLinks, newLinks] = [supersedesByClause(old), supersedesByClause(next)];
  const changes: ClauseChange[] = [];
  const ids = [
    ...next.clauses.map((c) => String(c.id)),
    ...old.clauses.map((c) => String(c.id)).filter((id) => !after.has(id)),
  ];
  for (const id of ids) {
    const o = before.get(id);
    const n = after.get(id);
    const amounts = compareAmounts(
      (oldAmounts.get(id) ?? []) as unknown as Amount[],
      (newAmounts.get(id) ?? []) as unknown as Amount[],
    )
      .filter((a) => a.change !== 'SAME')
      .map((a) => ({
        change: a.change as AmountChangeKind,
        kind: a.kind as AmountKind,
        oldYuan: (a.old?.yuan as number | null | undefined) ?? null,
        newYuan: (a.new?.yuan as number | null | undefined) ?? null,
        oldRate: (a.old?.rate as number | null | undefined) ?? null,
        newRate: (a.new?.rate as number | null | undefined) ?? null,
        oldText: a.old?.text ?? null,
        newText: a.new?.text ?? null,
      }));
    const conditions = compareConditions(strings(o?.conditions), strings(n?.conditions));
    const linksBefore = (oldLinks.get(id) ?? []).map((l) => String(l.to));
    const linksAfter = (newLinks.get(id) ?? []).map((l) => String(l.to));
    const textChanged = o?.text !== n?.text;
    const change: ClauseChange = {
      clauseId: id,
      citation: String((n ?? o)!.citation),
      change: !o ? ClauseChangeKind.ADDED : !n ? ClauseChangeKind.DROPPED : ClauseChangeKind.AMENDED,
      textChanged,
      oldText: o && textChanged ? String(o.text) : null,
      newText: n && textChanged ? String(n.text) : null,
      amounts,
      conditionsAdded: conditions.added,
      conditionsDropped: conditions.dropped,
      supersedesAdded: linksAfter.filter((l) => !linksBefore.includes(l)),
      supersedesDropped: linksBefore.filter((l) => !linksAfter.includes(l)),
    };
    const changed =
      change.change !== ClauseChangeKind.AMENDED ||
      textChanged ||
      amounts.length > 0 ||
      conditions.added.length + conditions.dropped.length > 0 ||
      change.supersedesAdded.length + change.supersedesDropped.length > 0;
    if (changed) changes.push(change);
  }
  return changes;
}

/** What an amendment changed: clause by clause, and the other parts of the document by name. */
interface Differences {
  clauses: ClauseChange[];
  otherParts: string[];
}

const NO_DIFFERENCES: Differences = { clauses: [], otherParts: [] };

/** A clause's fields that ClauseChange does not follow, by the name a reader knows them by. */
const CLAUSE_PARTS: [field: string, name: string][] = [
  ['topics', '条款主题'],
  ['materials', '申报材料'],
  ['applicationPeriod', '申报时间'],
  ['heading', '条款标题'],
  ['everyday', '常用说法'],
  ['benefit', '测算规则'],
];
/** The fields ClauseChange follows itself, or that follow from the others (a citation from the path, the searched text). */
const FOLLOWED = new Set([
  'text',
  'conditions',
  'maxYuan',
  'citation',
  'ordinal',
  'searchText',
  'searchable',
  ...CLAUSE_PARTS.map(([f]) => f),
]);

/** Rows as one string each, sorted: two lists hold the same rows whatever their order. */
const asSet = (rows: readonly Row[]) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());

/**
 * The parts of a document besides its clauses' text, sums, conditions and replacements that
 * differ between two revisions, in Chinese (联系方式, 条款主题…): a contact's new phone is a change
 * a subscriber is told of by name, not an amendment of "0 clauses".
 */
export function otherPartsChanged(old: DocumentRows, next: DocumentRows): string[] {
  const parts: string[] = [];
  if (JSON.stringify(old.policy) !== JSON.stringify(next.policy)) parts.push('文件信息');
  const before = new Map(old.clauses.map((c) => [String(c.id), c]));
  const both = next.clauses.flatMap((c) => {
    const o = before.get(String(c.id));
    return o ? [[o, c] as const] : [];
  });
  for (const [field, name] of CLAUSE_PARTS)
    if (both.some(([o, n]) => JSON.stringify(o[field]) !== JSON.stringify(n[field]))) parts.push(name);
  const rest = (r: Row) => Object.entries(r).filter(([k]) => !FOLLOWED.has(k));
  if (both.some(([o, n]) => JSON.stringify(rest(o)) !== JSON.stringify(rest(n)))) parts.push('条款其他信息');
  if (asSet(old.contacts) !== asSet(next.contacts)) parts.push('联系方式');
  if (asSet(old.links) !== asSet(next.links)) parts.push('关联文件');
  if (asSet(old.segments) !== asSet(next.segments)) parts.push('效力时段');
  return parts;
}

const EVENT_WORDS: Partial<Record<ChangeKind, string>> = {
  [ChangeKind.ENTERED_INTO_FORCE]: '起生效',
  [ChangeKind.REPEALED]: '起废止',
  [ChangeKind.LAPSED_WITH_PARENT]: '起随所实施的政策失效',
  [ChangeKind.REACHED_END]: '起期满失效',
};

/** The change in one Chinese sentence, for feeds, webhooks and chat. */
export function summaryOf(
  change: Omit<Change, 'clauses' | 'otherParts' | 'summary'>,
  clauses: ClauseChange[],
  otherParts: readonly string[] = [],
): string {
  const name = `《${change.title}》`;
  switch (change.kind) {
    case ChangeKind.DOCUMENT_ADDED:
      return `新增${name}（${change.version}）。`;
    case ChangeKind.DOCUMENT_REMOVED:
      return `删除${name}（${change.version}）。`;
    case ChangeKind.DOCUMENT_AMENDED: {
      const count = (k: ClauseChangeKind) => clauses.filter((c) => c.change === k).length;
      const others = otherParts.join('、');
      if (!clauses.length) return `${name}修订（${change.version}）：条款未变，${others || '内容'}有改动。`;
      return `${name}修订（${change.version}）：新增${count(ClauseChangeKind.ADDED)}条、删除${count(ClauseChangeKind.DROPPED)}条、修改${count(ClauseChangeKind.AMENDED)}条条款${others ? `；另有${others}的改动` : ''}。`;
    }
    default:
      return `${name}自${chineseDate(change.day)}${EVENT_WORDS[change.kind]}。${change.reason ?? ''}`;
  }
}

const CLAUSE_WORDS: Record<ClauseChangeKind, string> = { ADDED: '新增', DROPPED: '删除', AMENDED: '修改' };

/** A changed clause in one Chinese line: 一（二）：修改（文字有改动；上限 300万元→500万元）. */
export function clauseChangeLine(k: ClauseChange): string {
  const written = (yuan?: number | null, rate?: number | null) =>
    yuan != null ? writtenYuan(yuan) : rate != null ? writtenRate(rate) : '无';
  const notes = [
    // An added or dropped clause's text is new or gone, not changed.
    ...(k.change === ClauseChangeKind.AMENDED && k.textChanged ? ['文字有改动'] : []),
    ...k.amounts.map(
      (a) => `${AMOUNT_KIND_FACTS[a.kind].chinese} ${written(a.oldYuan, a.oldRate)}→${written(a.newYuan, a.newRate)}`,
    ),
  ];
  return `${k.citation}：${CLAUSE_WORDS[k.change]}${notes.length ? `（${notes.join('；')}）` : ''}`;
}
