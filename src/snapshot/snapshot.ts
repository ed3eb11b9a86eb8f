/**
 * The corpus of one loaded version, in memory and never changed: its documents, clauses,
 * amounts, contacts, links, status timelines and clause successions, joined to each other, with
 * the indexes the queries read. Built once from the rows of a load (src/corpus/corpus-rows.ts)
 * or, at a restart or on a replica, from the same rows read back from the store of record
 * (./store.ts); swapped whole when another version is served (src/corpus/served-data.ts).
 *
 * Whatever is derived from a snapshot and kept (answers, lists, counts) hangs off it in
 * `memo` and is dropped with it: nothing is invalidated by hand.
 */
import { stepEnds, Turns } from '../common/turns.js';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { ClauseSupersession } from '../schema/ClauseSupersession.js';
import { Contact } from '../schema/Contact.js';
import { Policy } from '../schema/Policy.js';
import { type LinkKind, PolicyLink } from '../schema/PolicyLink.js';
import { StatusSegmentRow } from '../schema/StatusSegmentRow.js';
import type { CorpusRows } from '../repositories/corpus.repository.js';
import { DocumentSums, type DocumentBrief } from '../domain/document-sums.js';
import { statusOn, type StatusSegment } from '../legal-status/timeline.js';

/** Which load a snapshot is of. */
export interface SnapshotVersion {
  /** The fingerprint of the data files loaded. */
  fingerprint: string;
  /**
   * A version read again as it was (asOfVersion), not the one served: its documents, clauses and
   * amounts know their snapshot (ownerOf), so what a client asks of them is read from it too.
   */
  past?: number;
}

const OWNER = Symbol('snapshot');

/** The past snapshot an entity belongs to; undefined for the snapshot served. */
export function ownerOf(entity: object): Snapshot | undefined {
  return (entity as { [OWNER]?: Snapshot })[OWNER];
}

type Row = Record<string, unknown>;

/**
 * What a snapshot's entities of `type` are made from: `type`'s prototype (so `instanceof` and
 * the class's own getters and methods hold) with MikroORM's accessors hidden. The ORM puts a
 * setter alone on the prototype for each mapped scalar and relation (not the primary key) that
 * it tracks; the first assignment of such a field to an instance then defines a getter and a
 * setter on that instance, reading through a wrapper object made for it. For entities that are
 * only read, that cost seconds to build at 100k clauses, four times the heap, and a getter call
 * on every field read. Here each field is a plain data property.
 */
function plainPrototype(type: { prototype: object }): object {
  const plain = Object.create(type.prototype) as object;
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(type.prototype)))
    if (d.set && !d.get) Object.defineProperty(plain, name, { value: undefined, writable: true, configurable: true });
  return plain;
}

/** Appends `value` to the list under `key`. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const NONE: readonly never[] = Object.freeze([]);

export class Snapshot {
  /** Documents in corpus order (by id). */
  policies!: readonly Policy[];
  /** Clauses in corpus order: documents by id, clauses as printed. */
  clauses!: readonly Clause[];
  /** Amounts in corpus order: by clause, then as the clause states them. */
  amounts!: readonly Amount[];
  contacts!: readonly Contact[];
  links!: readonly PolicyLink[];
  segments!: readonly StatusSegmentRow[];
  supersessions!: readonly ClauseSupersession[];

  private readonly policyById = new Map<string, Policy>();
  private readonly clauseById = new Map<string, Clause>();
  private readonly amountById = new Map<string, Amount>();
  private readonly clausesByPolicy = new Map<string, Clause[]>();
  private readonly childrenByClause = new Map<string, Clause[]>();
  private readonly amountsByClause = new Map<string, Amount[]>();
  private readonly contactsByClause = new Map<string, Contact[]>();
  private readonly segmentsByPolicy = new Map<string, StatusSegmentRow[]>();
  private readonly timelines = new Map<string, StatusSegment[]>();
  private readonly linked = new Map<string, Policy[]>();
  private readonly supersedesByClause = new Map<string, ClauseSupersession[]>();
  private readonly supersededByClause = new Map<string, ClauseSupersession[]>();
  private readonly implementers = new Map<string, Policy[]>();
  private readonly interpreters = new Map<string, Policy[]>();
  /** Clauses with a benefit rule, in corpus order. */
  benefitClauses!: readonly Clause[];
  /** The corpus in brief: documents' status spans and their clauses' sums. */
  sums!: DocumentSums;
  /** Each entity type's plain prototype, made on first use by this snapshot (so after the ORM set up its classes, if it is open). */
  private readonly prototypes = new Map<object, object>();
  /** What is derived from this snapshot and kept, by name: dies with the snapshot. */
  readonly memo = new Map<string, unknown>();

  /** The snapshot of `rows`, built at once (tests, scripts); the server uses `build`. */
  constructor(
    readonly version: SnapshotVersion,
    rows?: CorpusRows,
  ) {
    if (rows) for (const _ of this.fill(rows));
  }

  /**
   * The snapshot of `rows`, built a step at a time, giving turns of the event loop: building
   * 100k clauses' snapshot at once would hold every request for most of a second.
   */
  static async build(version: SnapshotVersion, rows: CorpusRows): Promise<Snapshot> {
    const snapshot = new Snapshot(version);
    await new Turns().through(snapshot.fill(rows));
    return snapshot;
  }

  /** An entity of this snapshot; one of a past snapshot carries its owner, unseen by GraphQL and JSON. */
  private make<T extends object>(type: new () => T, fields: Row): T {
    let prototype = this.prototypes.get(type);
    if (!prototype) {
      prototype = plainPrototype(type);
      this.prototypes.set(type, prototype);
    }
    const made = Object.assign(Object.create(prototype) as T, fields);
    if (this.version.past !== undefined) Object.defineProperty(made, OWNER, { value: this });
    return made;
  }

  /** Fills the snapshot from `rows`, yielding where a turn may be given to other work. */
  private *fill(rows: CorpusRows): Generator<void> {
    const policies: Policy[] = [];
    for (let i = 0; i < rows.policies.length; i++) {
      policies.push(this.make(Policy, { ...rows.policies[i], implementsPolicy: null, interpretsPolicy: null }));
      if (stepEnds(i)) yield;
    }
    policies.sort((a, b) => a.ordinal - b.ordinal);
    for (const p of policies) this.policyById.set(p.id, p);
    // References between documents once all of them exist.
    rows.policies.forEach((r) => {
      const p = this.policyById.get(r.id as string)!;
      p.implementsPolicy = r.implementsPolicy ? this.refPolicy(r.implementsPolicy) : null;
      p.interpretsPolicy = r.interpretsPolicy ? this.refPolicy(r.interpretsPolicy) : null;
      if (p.implementsPolicy) push(this.implementers, p.implementsPolicy.id, p);
      if (p.interpretsPolicy) push(this.interpreters, p.interpretsPolicy.id, p);
    });
    for (const list of [...this.implementers.values(), ...this.interpreters.values()])
      list.sort((a, b) => a.ordinal - b.ordinal);
    this.policies = policies;
    yield;

    const clauses: Clause[] = [];
    for (let i = 0; i < rows.clauses.length; i++) {
      const r = rows.clauses[i];
      clauses.push(this.make(Clause, { ...r, policy: this.refPolicy(r.policy), parent: null }));
      if (stepEnds(i)) yield;
    }
    clauses.sort((a, b) => a.ordinal - b.ordinal);
    yield;
    for (let i = 0; i < clauses.length; i++) {
      this.clauseById.set(clauses[i].id, clauses[i]);
      if (stepEnds(i)) yield;
    }
    for (let i = 0; i < rows.clauses.length; i++) {
      const r = rows.clauses[i];
      if (r.parent) this.clauseById.get(r.id as string)!.parent = this.refClause(r.parent);
      if (stepEnds(i)) yield;
    }
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i];
      push(this.clausesByPolicy, c.policy.id, c);
      if (c.parent) push(this.childrenByClause, c.parent.id, c);
      if (stepEnds(i)) yield;
    }
    this.clauses = clauses;

    const amounts: Amount[] = [];
    for (let i = 0; i < rows.amounts.length; i++) {
      amounts.push(this.make(Amount, { ...rows.amounts[i], clause: this.refClause(rows.amounts[i].clause) }));
      if (stepEnds(i)) yield;
    }
    amounts.sort((a, b) => a.clause.ordinal - b.clause.ordinal || a.seq - b.seq);
    yield;
    for (let i = 0; i < amounts.length; i++) {
      this.amountById.set(amounts[i].id, amounts[i]);
      push(this.amountsByClause, amounts[i].clause.id, amounts[i]);
      if (stepEnds(i)) yield;
    }
    this.amounts = amounts;
    yield;

    const contacts: Contact[] = [];
    for (let i = 0; i < rows.contacts.length; i++) {
      contacts.push(this.make(Contact, { ...rows.contacts[i], clause: this.refClause(rows.contacts[i].clause) }));
      if (stepEnds(i)) yield;
    }
    contacts.sort((a, b) => a.clause.ordinal - b.clause.ordinal || a.seq - b.seq);
    for (const k of contacts) push(this.contactsByClause, k.clause.id, k);
    this.contacts = contacts;
    yield;

    const links = rows.links.map((r) =>
      this.make(PolicyLink, { ...r, from: this.refPolicy(r.from), to: this.refPolicy(r.to) }),
    );
    links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const l of links) {
      push(this.linked, `${l.kind}:from:${l.from.id}`, l.to);
      push(this.linked, `${l.kind}:to:${l.to.id}`, l.from);
    }
    this.links = links;
    yield;

    const segments = rows.segments.map((r) => this.make(StatusSegmentRow, { ...r, policy: this.refPolicy(r.policy) }));
    segments.sort((a, b) => a.policy.ordinal - b.policy.ordinal || a.seq - b.seq);
    for (const s of segments) push(this.segmentsByPolicy, s.policy.id, s);
    for (const [id, list] of this.segmentsByPolicy)
      this.timelines.set(
        id,
        list.map((s) => ({ from: s.from ?? null, to: s.to ?? null, status: s.status, reason: s.reason })),
      );
    this.segments = segments;
    yield;

    const supersessions = rows.supersessions.map((r) =>
      this.make(ClauseSupersession, { ...r, from: this.refClause(r.from), to: this.refClause(r.to) }),
    );
    supersessions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const l of supersessions) {
      push(this.supersedesByClause, l.from.id, l);
      push(this.supersededByClause, l.to.id, l);
    }
    this.supersessions = supersessions;
    yield;
    this.benefitClauses = clauses.filter((c) => c.benefit);
    yield;

    const briefs = yield* this.briefs();
    yield;
    this.sums = new DocumentSums(briefs);
  }

  private refPolicy(id: unknown): Policy {
    const p = this.policyById.get(id as string);
    if (!p) throw new Error(`The rows name a document that is not among them: ${String(id)}.`);
    return p;
  }

  private refClause(id: unknown): Clause {
    const c = this.clauseById.get(id as string);
    if (!c) throw new Error(`The rows name a clause that is not among them: ${String(id)}.`);
    return c;
  }

  /** Each document in brief, for DocumentSums: a pass over every clause (20-30 ms at 100k), in slices. */
  private *briefs(): Generator<void, DocumentBrief[]> {
    const briefs: DocumentBrief[] = [];
    for (const p of this.policies) {
      const clauses = this.clausesOf(p.id);
      briefs.push({
        id: p.id,
        firstOrdinal: clauses.length ? clauses[0].ordinal : null,
        lastOrdinal: clauses.length ? clauses[clauses.length - 1].ordinal : null,
        clauses: clauses.length,
        sums: clauses
          .flatMap((c) => (c.maxYuan === null || c.maxYuan === undefined ? [] : [c.maxYuan]))
          .sort((a, b) => a - b),
        spans: (this.timelines.get(p.id) ?? []).map(({ from, to, status }) => ({ from, to, status })),
      });
      if (stepEnds(briefs.length - 1)) yield;
    }
    return briefs;
  }

  policy(id: string): Policy | null {
    return this.policyById.get(id) ?? null;
  }

  clause(id: string): Clause | null {
    return this.clauseById.get(id) ?? null;
  }

  amount(id: string): Amount | null {
    return this.amountById.get(id) ?? null;
  }

  /** A document's clauses in document order. */
  clausesOf(policyId: string): readonly Clause[] {
    return this.clausesByPolicy.get(policyId) ?? NONE;
  }

  /** A clause's sub-clauses in document order. */
  childrenOf(clauseId: string): readonly Clause[] {
    return this.childrenByClause.get(clauseId) ?? NONE;
  }

  amountsOf(clauseId: string): readonly Amount[] {
    return this.amountsByClause.get(clauseId) ?? NONE;
  }

  contactsOf(clauseId: string): readonly Contact[] {
    return this.contactsByClause.get(clauseId) ?? NONE;
  }

  /** A document's stored status timeline, in order. */
  segmentsOf(policyId: string): readonly StatusSegmentRow[] {
    return this.segmentsByPolicy.get(policyId) ?? NONE;
  }

  /** A document's status and its reason on `day`. */
  statusOn(policyId: string, day: string): StatusSegment {
    return statusOn(this.timelines.get(policyId) ?? [], day);
  }

  /** The documents linked to `policyId` by `kind`, on the side named (`from`: those it links to). */
  linkedTo(kind: LinkKind, side: 'from' | 'to', policyId: string): readonly Policy[] {
    return this.linked.get(`${kind}:${side}:${policyId}`) ?? NONE;
  }

  implementedBy(policyId: string): readonly Policy[] {
    return this.implementers.get(policyId) ?? NONE;
  }

  interpretedBy(policyId: string): readonly Policy[] {
    return this.interpreters.get(policyId) ?? NONE;
  }

  /** Older clauses this one replaces. */
  supersedesOf(clauseId: string): readonly ClauseSupersession[] {
    return this.supersedesByClause.get(clauseId) ?? NONE;
  }

  /** Newer clauses replacing this one. */
  supersededByOf(clauseId: string): readonly ClauseSupersession[] {
    return this.supersededByClause.get(clauseId) ?? NONE;
  }

  /** The value kept under `name`, made by `make` on first use. */
  kept<T>(name: string, make: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, make());
    return this.memo.get(name) as T;
  }
}
