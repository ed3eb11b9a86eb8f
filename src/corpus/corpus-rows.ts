/**
 * Turns a validated corpus into the rows the database holds: ids, document order, full
 * clause texts, citations, maxYuan and status timelines are all derived here, once per load.
 */
import type { ParsedClause, ParsedPolicy } from './corpus-schema.js';
import type { Corpus } from './read-corpus.js';
import { clauseIdOf } from '../domain/clause-id.js';
import { clauseText } from '../domain/clause-text.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { deriveTimelines, nameOf, type StatusInput } from '../legal-status/timeline.js';
import { toSimplified } from '../text/chinese.js';
import { normaliseText } from '../text/normalise.js';
import { LinkKind } from '../schema/PolicyLink.js';
import type { CorpusRows } from '../repositories/corpus.repository.js';

export type { CorpusRows };

/** Largest sum one applicant can receive: caps and fixed sums, not budgets, rates or unit prices. */
export function maxYuanOf(clause: ParsedClause): number | null {
  const sums = clause.amounts.filter((a) => a.kind === 'CAP' || a.kind === 'FIXED').map((a) => a.sum!);
  return sums.length ? Math.max(...sums) : null;
}

/** Support items and paragraphs: not a facet, and not a container of other items. */
function isSearchable(c: ParsedClause): boolean {
  return !c.facet && c.clauses.every((child) => child.facet);
}

function statusInputs(policies: ParsedPolicy[]): StatusInput[] {
  const repealedBy = new Map<string, { id: string; effectiveOn: string }[]>();
  for (const p of policies)
    for (const r of p.repeals)
      repealedBy.set(r.id, [...(repealedBy.get(r.id) ?? []), { id: p.id, effectiveOn: r.effectiveOn }]);
  return policies.map((p) => ({ ...p, repealedBy: repealedBy.get(p.id) ?? [] }));
}

function clauseRows(policy: ParsedPolicy, rows: CorpusRows, next: () => number): void {
  const name = nameOf({
    title: policy.title,
    docNumber: policy.docNumber ? normaliseDocNumber(policy.docNumber) : null,
  });
  const walk = (clauses: ParsedClause[], path: string[], parent: string | null, headings: string[]) => {
    for (const c of clauses) {
      const p = [...path, c.label];
      const text = clauseText(c);
      const id = clauseIdOf(policy.id, p);
      rows.clauses.push({
        id,
        ordinal: next(),
        policy: policy.id,
        parent,
        path: p,
        heading: c.heading ?? null,
        facet: c.facet ?? null,
        text,
        citation: `${name}${p.join('')}`,
        caseByCase: c.caseByCase,
        maxYuan: maxYuanOf(c),
        conditions: c.conditions,
        materials: c.materials,
        applicationPeriod: c.applicationPeriod ?? null,
        topics: c.topics,
        everyday: c.everyday,
        benefit: c.benefit ?? null,
        searchable: isSearchable(c),
        searchText: normaliseText([policy.title, ...headings, text, ...c.everyday, ...c.topics].join('\n')),
      });
      c.amounts.forEach((a, seq) => {
        rows.amounts.push({
          id: `${id}#${seq}`,
          clause: id,
          seq,
          kind: a.kind,
          yuan: a.sum ?? null,
          rate: a.rate ?? null,
          base: a.base ?? null,
          period: a.period ?? null,
          condition: a.condition ?? null,
          text: a.text,
        });
      });
      c.contacts.forEach((k, seq) => {
        rows.contacts.push({
          id: `${id}#${seq}`,
          clause: id,
          seq,
          department: k.department,
          departmentKey: toSimplified(k.department),
          phone: k.phone ?? null,
          person: k.person ?? null,
        });
      });
      c.supersedes.forEach((link) => {
        rows.supersessions.push({ id: `${id}>${link.clause}`, from: id, to: link.clause, note: link.note });
      });
      walk(c.clauses, p, id, c.heading ? [...headings, c.heading] : headings);
    }
  };
  walk(policy.clauses, [], null, []);
}

/** A row set with every table empty, to be filled in insertion order. */
export function emptyCorpusRows(): CorpusRows {
  return { policies: [], clauses: [], amounts: [], contacts: [], links: [], segments: [], supersessions: [] };
}

/** All rows of a corpus, in insertion order. */
export function corpusRows(corpus: Corpus): CorpusRows {
  const rows = emptyCorpusRows();
  const policies = [...corpus.policies].sort((a, b) => a.id.localeCompare(b.id));
  const timelines = deriveTimelines(statusInputs(policies));
  let ordinal = 0;
  policies.forEach((p, i) => {
    rows.policies.push({
      id: p.id,
      ordinal: i,
      title: p.title,
      docNumber: p.docNumber ? normaliseDocNumber(p.docNumber) : null,
      kind: p.kind,
      draft: p.draft,
      script: p.script,
      issuers: p.issuers,
      publishedOn: p.publishedOn ?? null,
      effectiveFrom: p.effectiveFrom ?? null,
      effectiveTo: p.effectiveTo ?? null,
      sourceFile: p.source?.file ?? null,
      sourceUrl: p.source?.url ?? null,
      sourcePublisher: p.source?.publisher ?? null,
      note: p.note ?? null,
      preamble: p.preamble ?? null,
      closing: p.closing ?? null,
      implementsPolicy: p.implements ?? null,
      interpretsPolicy: p.interprets ?? null,
    });
    for (const r of p.repeals)
      rows.links.push({
        id: `${p.id}>REPEALS>${r.id}`,
        kind: LinkKind.REPEALS,
        from: p.id,
        to: r.id,
        effectiveOn: r.effectiveOn,
      });
    for (const r of p.references)
      rows.links.push({
        id: `${p.id}>REFERENCES>${r}`,
        kind: LinkKind.REFERENCES,
        from: p.id,
        to: r,
        effectiveOn: null,
      });
    timelines.get(p.id)!.forEach((s, seq) => {
      rows.segments.push({
        id: `${p.id}#${seq}`,
        policy: p.id,
        seq,
        from: s.from,
        to: s.to,
        status: s.status,
        reason: s.reason,
        inferred: s.inferred === true,
      });
    });
    clauseRows(p, rows, () => ordinal++);
  });
  return rows;
}
