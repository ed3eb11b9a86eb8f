/**
 * Evaluates a benefit formula (src/domain/benefit-rules.ts) on a company's facts and spells the
 * arithmetic with the numbers used: min(60% × 6,000,000, 5,000,000). A missing fact is never
 * read as zero: the answer is then the facts still needed.
 */
import type { CompanyFacts, FactName, Formula } from '../domain/benefit-rules.js';
import { COMPARISON_SIGNS } from '../domain/benefit-rules.js';

/** The typed amounts of a clause, as the formula reads them by index. */
export interface FormulaAmount {
  kind: string;
  yuan?: number | null;
  rate?: number | null;
}

export type Evaluation =
  | { missing: FactName[] }
  | {
      value: number;
      text: string;
      /** The tier steps chosen, each as its words and the comparison that chose it. */
      tiers: string[];
    };

interface Term {
  value: number;
  text: string;
  /** Set for a rate: its value in millionths, so products stay exact. */
  ppm?: number;
  tiers: string[];
}

// One formatter for all: toLocaleString with options builds a new Intl.NumberFormat per call, which was
// 17 of 19 s of the estimator's own time on the 100k corpus (bench:benefits, --cpu-prof).
const DIGITS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
export const groupDigits = (n: number): string => DIGITS.format(n);
const percent = (rate: number): string => `${groupDigits(Number((rate * 100).toFixed(6)))}%`;

/** rate × x, rounded down to whole yuan: the texts pay 不超过 the share. */
function applyRate(ppm: number, x: number): number {
  return Number((BigInt(Math.round(x)) * BigInt(ppm)) / 1_000_000n);
}

function term(f: Formula, amounts: FormulaAmount[], facts: CompanyFacts, missing: Set<FactName>): Term | null {
  if ('amount' in f) {
    const a = amounts[f.amount];
    if (a.kind === 'RATE') {
      const rate = a.rate!;
      return { value: rate, text: percent(rate), ppm: Math.round(rate * 1_000_000), tiers: [] };
    }
    return { value: a.yuan!, text: groupDigits(a.yuan!), tiers: [] };
  }
  if ('fact' in f) {
    const v = facts[f.fact as FactName];
    if (v === undefined || v === null) {
      missing.add(f.fact as FactName);
      return null;
    }
    // The load refuses a formula reading a flag (it is not yuan); a boolean here is a bug.
    if (typeof v === 'boolean') throw new TypeError(`a formula read the yes/no fact ${f.fact}`);
    return { value: v, text: groupDigits(v), tiers: [] };
  }
  if ('times' in f) {
    const [a, b] = f.times.map((x) => term(x, amounts, facts, missing));
    if (!a || !b) return null;
    const value =
      a.ppm !== undefined
        ? applyRate(a.ppm, b.value)
        : b.ppm !== undefined
          ? applyRate(b.ppm, a.value)
          : a.value * b.value;
    return { value, text: `${a.text} × ${b.text}`, tiers: [...a.tiers, ...b.tiers] };
  }
  if ('min' in f) {
    const terms = f.min.map((x) => term(x, amounts, facts, missing));
    if (terms.some((t) => t === null)) return null;
    const ts = terms as Term[];
    return {
      value: Math.min(...ts.map((t) => t.value)),
      text: `min(${ts.map((t) => t.text).join(', ')})`,
      tiers: ts.flatMap((t) => t.tiers),
    };
  }
  return tierTerm(f.tiers, amounts, facts, missing);
}

function tierTerm(
  tiers: Extract<Formula, { tiers: unknown }>['tiers'],
  amounts: FormulaAmount[],
  facts: CompanyFacts,
  missing: Set<FactName>,
): Term | null {
  const fact = tiers.fact as FactName;
  const v = facts[fact];
  if (v === undefined || v === null) {
    missing.add(fact);
    return null;
  }
  if (typeof v === 'boolean') throw new TypeError(`tiers read the yes/no fact ${fact}`);
  const step = tiers.steps.findLast((s) => v >= s.from);
  if (!step) {
    const chosen = `${fact} ${groupDigits(v)} < ${groupDigits(tiers.steps[0].from)}: no tier`;
    return { value: 0, text: '0', tiers: [chosen] };
  }
  const inner = term(step.value, amounts, facts, missing);
  if (!inner) return null;
  const chosen = `${step.text}: ${fact} ${groupDigits(v)} ${COMPARISON_SIGNS.GTE} ${groupDigits(step.from)}`;
  return { ...inner, tiers: [chosen, ...inner.tiers] };
}

/** The formula's value in whole yuan and its arithmetic, or the facts it still needs. */
export function evaluateFormula(formula: Formula, amounts: FormulaAmount[], facts: CompanyFacts): Evaluation {
  const missing = new Set<FactName>();
  const t = term(formula, amounts, facts, missing);
  if (!t || missing.size) return { missing: [...missing] };
  return { value: t.value, text: t.text, tiers: t.tiers };
}

/** "min(60% × 6,000,000, 5,000,000) = 3,600,000", with the tier chosen after it. */
export function spellFormula(e: { value: number; text: string; tiers: string[] }): string {
  const arithmetic = e.text === groupDigits(e.value) ? e.text : `${e.text} = ${groupDigits(e.value)}`;
  return e.tiers.length ? `${arithmetic} [${e.tiers.join('; ')}]` : arithmetic;
}
