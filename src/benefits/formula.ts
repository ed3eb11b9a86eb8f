/**
 * Evaluates a benefit formula (src/domain/benefit-rules.ts) on a company's facts and spells the
 * arithmetic with the numbers used: min(60% × 6,000,000, 5,000,000). A missing fact is never
 * read as zero: the answer is then the facts still needed.
 */
import type { CompanyFacts, FactName } from '../domain/benefit-facts.js';
import type { Formula } from '../domain/benefit-rules.js';
import { COMPARISON_SIGNS } from '../domain/benefit-rules.js';

/** The typed amounts of a clause, as the formula reads them by index. */
export interface FormulaAmount {
  kind: string;
  yuan?: number | null;
  rate?: number | null;
}

/** A tier table whose fact is below its first step: no tier pays. */
export interface NoTier {
  /** The first step's words, the fact, its value and the step's threshold. */
  text: string;
  fact: FactName;
  value: number;
  from: number;
}

export interface Computed {
  value: number;
  text: string;
  /** The tier steps chosen, each as its words and the comparison that chose it. */
  tiers: string[];
  /** Set where the sum is set by review: the clause's words saying so; `value` is then the ceiling. */
  byReview?: string;
  /** The first tier table that paid nothing because its fact was below every step. */
  noTier?: NoTier;
}

export type Evaluation = { missing: FactName[] } | Computed;

interface Term {
  value: number;
  text: string;
  /** Set for a rate: its value in millionths, so products stay exact. */
  ppm?: number;
  tiers: string[];
  noTier?: NoTier;
}

/** The first no-tier among terms, so a sum of terms still says why one of them paid nothing. */
const firstNoTier = (ts: Term[]): NoTier | undefined => ts.find((t) => t.noTier)?.noTier;

// One formatter for all: toLocaleString with options builds a new Intl.NumberFormat per call, which was
// 17 of 19 s of the estimator's own time on the 100k corpus (bench:benefits, --cpu-prof).
const DIGITS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
export const groupDigits = (n: number): string => DIGITS.format(n);
const percent = (rate: number): string => `${groupDigits(Number((rate * 100).toFixed(6)))}%`;

/** rate × x, rounded down to whole yuan: the texts pay 不超过 the share. */
function applyRate(ppm: number, x: number): number {
  return Number((BigInt(Math.round(x)) * BigInt(ppm)) / 1_000_000n);
}

/** What a term reads, and whether its words are wanted (an estimate spells only the items it shows). */
interface Reading {
  amounts: readonly FormulaAmount[];
  facts: CompanyFacts;
  missing: Set<FactName>;
  spell: boolean;
}

function term(f: Formula, r: Reading): Term | null {
  const { amounts, facts, missing, spell } = r;
  if ('amount' in f) {
    const a = amounts[f.amount];
    if (a.kind === 'RATE') {
      const rate = a.rate!;
      return { value: rate, text: spell ? percent(rate) : '', ppm: Math.round(rate * 1_000_000), tiers: [] };
    }
    return { value: a.yuan!, text: spell ? groupDigits(a.yuan!) : '', tiers: [] };
  }
  if ('fact' in f) {
    const v = facts[f.fact as FactName];
    if (v === undefined || v === null) {
      missing.add(f.fact as FactName);
      return null;
    }
    // The load refuses a formula reading a flag (it is not yuan); a boolean here is a bug.
    if (typeof v === 'boolean') throw new TypeError(`a formula read the yes/no fact ${f.fact}`);
    return { value: v, text: spell ? groupDigits(v) : '', tiers: [] };
  }
  if ('times' in f) {
    const [a, b] = f.times.map((x) => term(x, r));
    if (!a || !b) return null;
    const value =
      a.ppm !== undefined
        ? applyRate(a.ppm, b.value)
        : b.ppm !== undefined
          ? applyRate(b.ppm, a.value)
          : a.value * b.value;
    return {
      value,
      text: spell ? `${a.text} × ${b.text}` : '',
      tiers: [...a.tiers, ...b.tiers],
      noTier: firstNoTier([a, b]),
    };
  }
  if ('min' in f || 'sum' in f) {
    const terms = ('min' in f ? f.min : f.sum).map((x) => term(x, r));
    if (terms.some((t) => t === null)) return null;
    const ts = terms as Term[];
    const values = ts.map((t) => t.value);
    return {
      value: 'min' in f ? Math.min(...values) : values.reduce((x, y) => x + y, 0),
      text: !spell ? '' : 'min' in f ? `min(${ts.map((t) => t.text).join(', ')})` : ts.map((t) => t.text).join(' + '),
      tiers: ts.flatMap((t) => t.tiers),
      noTier: firstNoTier(ts),
    };
  }
  // The load allows byReview only as the whole formula; evaluateFormula takes it apart.
  if ('byReview' in f) throw new TypeError('a sum set by review inside a formula');
  return tierTerm(f.tiers, r);
}

function tierTerm(tiers: Extract<Formula, { tiers: unknown }>['tiers'], r: Reading): Term | null {
  const { facts, missing, spell } = r;
  const fact = tiers.fact as FactName;
  const v = facts[fact];
  if (v === undefined || v === null) {
    missing.add(fact);
    return null;
  }
  if (typeof v === 'boolean') throw new TypeError(`tiers read the yes/no fact ${fact}`);
  const step = tiers.steps.findLast((s) => v >= s.from);
  if (!step) {
    const first = tiers.steps[0];
    const chosen = spell ? [`${fact} ${groupDigits(v)} < ${groupDigits(first.from)}: no tier`] : [];
    return { value: 0, text: '0', tiers: chosen, noTier: { text: first.text, fact, value: v, from: first.from } };
  }
  const inner = term(step.value, r);
  if (!inner || !spell) return inner;
  const chosen = `${step.text}: ${fact} ${groupDigits(v)} ${COMPARISON_SIGNS.GTE} ${groupDigits(step.from)}`;
  return { ...inner, tiers: [chosen, ...inner.tiers] };
}

/**
 * The formula's value in whole yuan and its arithmetic, or the facts it still needs. For a sum
 * set by review the value is the ceiling, and `byReview` holds the words that say so. With
 * `spell` false the words are left empty (text '', no tiers): the numbers alone, for judging many
 * rules of which few will be shown.
 */
export function evaluateFormula(
  formula: Formula,
  amounts: readonly FormulaAmount[],
  facts: CompanyFacts,
  spell = true,
): Evaluation {
  const missing = new Set<FactName>();
  const whole = 'byReview' in formula ? formula.byReview.upTo : formula;
  const t = term(whole, { amounts, facts, missing, spell });
  if (!t || missing.size) return { missing: [...missing] };
  return {
    value: t.value,
    text: t.text,
    tiers: t.tiers,
    ...('byReview' in formula ? { byReview: formula.byReview.text } : {}),
    ...(t.noTier ? { noTier: t.noTier } : {}),
  };
}

/**
 * "min(60% × 6,000,000, 5,000,000) = 3,600,000", with the tier chosen after it; for a sum set by
 * review, the ceiling and the words: "最高2,000,000元，由评审确定（「经评审择优」）".
 */
export function spellFormula(e: Computed): string {
  const arithmetic = e.text === groupDigits(e.value) ? e.text : `${e.text} = ${groupDigits(e.value)}`;
  const spelled = e.tiers.length ? `${arithmetic} [${e.tiers.join('; ')}]` : arithmetic;
  return e.byReview === undefined ? spelled : `最高${spelled}元，由评审确定（「${e.byReview}」）`;
}
