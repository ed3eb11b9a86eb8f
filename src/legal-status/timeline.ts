/**
 * Legal status (时效性) of each document as a timeline: consecutive segments of days, each with
 * a status and the reason in Chinese. Derived once per load from dates and relations, so that
 * `status(asOf)`, the inForceOn filters and the search index all read the same answer.
 */
import { addDays, chineseDate } from '../domain/dates.js';
import type { PolicyKind } from '../domain/kinds.js';
import type { PolicyStatus } from '../domain/statuses.js';

export interface StatusSegment {
  /** First day of the segment; null: from the beginning of time. */
  from: string | null;
  /** Last day of the segment; null: open-ended. */
  to: string | null;
  status: PolicyStatus;
  reason: string;
  /**
   * Not stated by the document but inferred: a policy whose 实施细则 are in force is itself in
   * force at least as long (the reason says so).
   */
  inferred?: boolean;
}

export interface StatusInput {
  id: string;
  title: string;
  docNumber?: string | null;
  kind: PolicyKind;
  draft: boolean;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  implements?: string | null;
  interprets?: string | null;
  /** Repeals of this document by others, with the day each takes effect. */
  repealedBy: { id: string; effectiveOn: string }[];
}

/** 《title》（文号）, how reasons and citations name a document. */
export function nameOf(p: Pick<StatusInput, 'title' | 'docNumber'>): string {
  return `《${p.title}》${p.docNumber ? `（${p.docNumber}）` : ''}`;
}

interface End {
  on: string;
  status: 'EXPIRED' | 'REPEALED';
  /** A phrase naming why it ended, e.g. 自2025年9月18日起被《…》废止 */
  why: string;
  rank: number;
}

/** The status segment covering `date`. */
export function statusOn(timeline: StatusSegment[], date: string): StatusSegment {
  const found = timeline.find((s) => (s.from === null || s.from <= date) && (s.to === null || date <= s.to));
  if (!found) throw new Error(`A status timeline must cover every day, but none covers: ${date}.`);
  return found;
}

/** Derives the timeline of every document; throws if `implements`/`interprets` form a cycle. */
export function deriveTimelines(policies: StatusInput[]): Map<string, StatusSegment[]> {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const done = new Map<string, StatusSegment[]>();
  const visiting = new Set<string>();

  const timelineOf = (id: string): StatusSegment[] => {
    const cached = done.get(id);
    if (cached) return cached;
    if (visiting.has(id))
      throw new Error(`Documents must not implement or interpret each other in a cycle, but one runs through: ${id}.`);
    visiting.add(id);
    const p = byId.get(id);
    if (!p) throw new Error(`A relation must name a document in the corpus, but got: ${id}.`);
    const timeline = derive(p);
    visiting.delete(id);
    done.set(id, timeline);
    return timeline;
  };

  /** Documents whose end is being worked out: guards the walk up through `implements`. */
  const ending = new Set<string>();
  const endsOf = (p: StatusInput): End[] => {
    const ends: End[] = [];
    for (const r of p.repealedBy) {
      ends.push({
        on: r.effectiveOn,
        status: 'REPEALED',
        why: `自${chineseDate(r.effectiveOn)}起被${nameOf(byId.get(r.id)!)}废止`,
        rank: 0,
      });
    }
    if (p.effectiveTo)
      ends.push({
        on: addDays(p.effectiveTo, 1),
        status: 'EXPIRED',
        why: `有效期至${chineseDate(p.effectiveTo)}止`,
        rank: 1,
      });
    if (p.kind === 'IMPLEMENTATION_RULES' && p.implements) {
      // The parent's own end (repeal or expiry), not its timeline: the parent's timeline is
      // inferred in part from these rules (see inferFromRules).
      const parent = byId.get(p.implements);
      if (!parent) throw new Error(`A relation must name a document in the corpus, but got: ${p.implements}.`);
      if (ending.has(parent.id))
        throw new Error(
          `Documents must not implement or interpret each other in a cycle, but one runs through: ${parent.id}.`,
        );
      ending.add(parent.id);
      const parentEnd = parent.draft ? undefined : endsOf(parent)[0];
      ending.delete(parent.id);
      if (parentEnd) {
        ends.push({
          on: parentEnd.on,
          status: 'EXPIRED',
          why: `所实施的${nameOf(parent)}${parentEnd.why}，本细则随之失效`,
          rank: 2,
        });
      }
    }
    return ends.sort((a, b) => a.on.localeCompare(b.on) || a.rank - b.rank);
  };

  const derive = (p: StatusInput): StatusSegment[] => {
    if (p.draft) return [{ from: null, to: null, status: 'DRAFT', reason: '征求意见稿，仅公开征求意见，从未生效。' }];
    // A 解读 or news report grants nothing and binds no one: it is never in force itself. Its
    // reason follows the status of the document it describes, day by day.
    if (p.kind === 'INTERPRETATION') {
      if (!p.interprets)
        return [{ from: null, to: null, status: 'INFORMATIONAL', reason: '解读或新闻报道，本身不具效力。' }];
      const target = byId.get(p.interprets)!;
      return timelineOf(target.id).map((s) => ({
        ...s,
        status: 'INFORMATIONAL',
        reason: `本文为解读或新闻报道，本身不具效力；所解读的${nameOf(target)}：${s.reason}`,
      }));
    }
    const end = endsOf(p)[0];
    const segments: StatusSegment[] = [];
    const start = p.effectiveFrom ?? null;
    const last = end ? addDays(end.on, -1) : null;
    if (start && (!end || start < end.on)) {
      segments.push({
        from: null,
        to: addDays(start, -1),
        status: 'NOT_YET_EFFECTIVE',
        reason: `自${chineseDate(start)}起施行，此前尚未生效。`,
      });
      const until = end ? `，至${chineseDate(last!)}有效（${end.why}）` : '，现行有效';
      segments.push({ from: start, to: last, status: 'IN_FORCE', reason: `自${chineseDate(start)}起施行${until}。` });
    } else if (start) {
      segments.push({
        from: null,
        to: last,
        status: 'NOT_YET_EFFECTIVE',
        reason: `定于${chineseDate(start)}起施行，但施行前即已终止。`,
      });
    } else {
      segments.push({ from: null, to: last, status: 'UNKNOWN', reason: '数据未载明其生效日期，无法判断此时的效力。' });
    }
    if (end) segments.push({ from: end.on, to: null, status: end.status, reason: `${end.why}。` });
    return inferFromRules(p, segments);
  };

  const rulesOf = new Map<string, StatusInput[]>();
  for (const q of policies)
    if (q.kind === 'IMPLEMENTATION_RULES' && q.implements)
      rulesOf.set(q.implements, [...(rulesOf.get(q.implements) ?? []), q]);

  /**
   * Days a document's status is UNKNOWN but 实施细则 of it are in force: it was in force then
   * too (rules cannot be in force without the policy they implement). Those days become
   * IN_FORCE, marked inferred, the reason naming the rules.
   */
  const inferFromRules = (p: StatusInput, segments: StatusSegment[]): StatusSegment[] => {
    const inForce = (rulesOf.get(p.id) ?? [])
      .flatMap((rules) =>
        timelineOf(rules.id)
          .filter((s) => s.status === 'IN_FORCE' && !s.inferred && s.from !== null)
          .map((s) => ({ rules, from: s.from!, to: s.to })),
      )
      .sort((a, b) => a.from.localeCompare(b.from));
    if (!inForce.length) return segments;
    const out: StatusSegment[] = [];
    for (const segment of segments) {
      if (segment.status !== 'UNKNOWN') {
        out.push(segment);
        continue;
      }
      let rest: StatusSegment | null = segment;
      for (const r of inForce) {
        if (!rest) break;
        // The overlap of [rest.from, rest.to] and [r.from, r.to].
        const from = rest.from === null || rest.from < r.from ? r.from : rest.from;
        const to: string | null = rest.to === null ? r.to : r.to === null || rest.to < r.to ? rest.to : r.to;
        if (to !== null && from > to) continue;
        if (rest.from === null || rest.from < from) out.push({ ...rest, to: addDays(from, -1) });
        const until = to === null ? '' : `至${chineseDate(to)}`;
        out.push({
          from,
          to,
          status: 'IN_FORCE',
          inferred: true,
          reason: `据其实施细则${nameOf(r.rules)}推定：细则施行期间本文件必然有效，即自${chineseDate(from)}起${until}有效（文件本身未载明生效日期）。`,
        });
        rest = to === null || (rest.to !== null && to >= rest.to) ? null : { ...rest, from: addDays(to, 1) };
      }
      if (rest) out.push(rest);
    }
    return out;
  };

  for (const p of policies) timelineOf(p.id);
  return done;
}
