/** The facts the estimate reads, each with the clauses that read it: what a form should ask. */
import { BENEFIT_FACTS, FACT_NAMES, factBounds, type FactName, type FactUnit } from '../domain/benefit-facts.js';
import { benefitItems, factsOfFormula } from '../domain/benefit-rules.js';
import { ALL_BENEFIT_CLAUSES, type Loaders } from '../snapshot/lookups.js';
import type { Clause } from '../schema/Clause.js';

export interface BenefitFactInfo {
  name: FactName;
  nameInChinese: string;
  description: string;
  unit: FactUnit;
  least: number | null;
  most: number | null;
  whole: boolean;
  clauses: Clause[];
}

/** Every fact in CompanyProfile order; a fact no clause reads has no clauses. */
export async function benefitFacts(loaders: Loaders): Promise<BenefitFactInfo[]> {
  const ids = await loaders.benefitClauseIds.load(ALL_BENEFIT_CLAUSES);
  const clauses = (await loaders.clause.loadMany(ids)).filter((c): c is Clause => c instanceof Object && 'id' in c);
  const readers = new Map<string, Clause[]>();
  for (const clause of clauses) {
    const read = new Set(
      benefitItems(clause.benefit!).flatMap((rule) => [
        ...rule.conditions.flatMap((c) => (c.fact ? [c.fact] : [])),
        ...factsOfFormula(rule.formula),
      ]),
    );
    for (const fact of read) readers.set(fact, [...(readers.get(fact) ?? []), clause]);
  }
  return FACT_NAMES.map((name) => {
    const { name: nameInChinese, description, unit } = BENEFIT_FACTS[name];
    const flag = unit === 'flag';
    const b = factBounds(name);
    // No upper bound but the number's own (PUE, a score's maximum being its own): null.
    const bounds = flag
      ? { least: null, most: null, whole: false }
      : { ...b, most: b.most === Number.MAX_VALUE ? null : b.most };
    return { name, nameInChinese, description, unit, ...bounds, clauses: readers.get(name) ?? [] };
  });
}
