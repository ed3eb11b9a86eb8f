/**
 * How much of a curated file the parser reproduces from the raw text: clause paths, amounts
 * (kind and value at the same path) and contacts (phone and department at the same path).
 */
import type { ClauseFile, ParsedClause } from '../corpus/corpus-schema.js';
import { parseRate, parseYuan } from '../text/money.js';

export interface Agreement {
  /** Items in both. */
  matched: number;
  curated: number;
  parsed: number;
  /** Harmonic mean of precision and recall; 1 when both are empty. */
  f1: number;
}

export interface Reproduction {
  paths: Agreement;
  amounts: Agreement;
  contacts: Agreement;
}

type AnyClause = Pick<ClauseFile, 'label' | 'contacts'> & {
  amounts?: { kind: string; sum?: unknown; rate?: unknown }[];
  clauses?: AnyClause[];
};

function items(
  clauses: AnyClause[] | undefined,
  parsedUnits: boolean,
  path = '',
): { paths: string[]; amounts: string[]; contacts: string[] } {
  const out = { paths: [] as string[], amounts: [] as string[], contacts: [] as string[] };
  for (const c of clauses ?? []) {
    const p = `${path}/${c.label}`;
    out.paths.push(p);
    for (const a of c.amounts ?? []) {
      const value =
        a.kind === 'RATE'
          ? parsedUnits
            ? a.rate
            : parseRate(String(a.rate))
          : parsedUnits
            ? a.sum
            : parseYuan(String(a.sum));
      out.amounts.push(`${p}|${a.kind}|${value}`);
    }
    for (const k of c.contacts ?? []) out.contacts.push(`${p}|${k.phone ?? ''}|${k.department}`);
    const sub = items(c.clauses, parsedUnits, p);
    out.paths.push(...sub.paths);
    out.amounts.push(...sub.amounts);
    out.contacts.push(...sub.contacts);
  }
  return out;
}

function agreement(curated: string[], parsed: string[]): Agreement {
  const left = new Map<string, number>();
  for (const k of curated) left.set(k, (left.get(k) ?? 0) + 1);
  let matched = 0;
  for (const k of parsed) {
    const n = left.get(k) ?? 0;
    if (n > 0) {
      matched++;
      left.set(k, n - 1);
    }
  }
  const precision = parsed.length ? matched / parsed.length : 1;
  const recall = curated.length ? matched / curated.length : 1;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { matched, curated: curated.length, parsed: parsed.length, f1 };
}

/** Compares the parser's draft clauses with the curated (validated) clauses of one document. */
export function compareWithCurated(draft: ClauseFile[], curated: ParsedClause[]): Reproduction {
  const d = items(draft as AnyClause[], false);
  const c = items(curated as unknown as AnyClause[], true);
  return {
    paths: agreement(c.paths, d.paths),
    amounts: agreement(c.amounts, d.amounts),
    contacts: agreement(c.contacts, d.contacts),
  };
}
