/**
 * The checks of a document's benefit rules at load: computable (facts that exist, units that end
 * in yuan, src/domain/benefit-rules.ts ruleProblems), in the clause's own words as amounts are,
 * and stacking groups that can be weighed.
 */
import type { ParsedClause, ParsedPolicy } from './corpus-schema.js';
import type { CorpusIssue } from './corpus-issues.js';
import { clauseText } from '../domain/clause-text.js';
import {
  benefitItems,
  factsOfFormula,
  ruleProblems,
  type ClauseBenefit,
  type Formula,
} from '../domain/benefit-rules.js';

/** Words of a formula with their paths (tier steps, the words that put a sum to review). */
function formulaWords(f: Formula, path: string): { path: string; text: string }[] {
  if ('times' in f) return f.times.flatMap((x, i) => formulaWords(x, `${path}.times.${i}`));
  if ('min' in f) return f.min.flatMap((x, i) => formulaWords(x, `${path}.min.${i}`));
  if ('sum' in f) return f.sum.flatMap((x, i) => formulaWords(x, `${path}.sum.${i}`));
  if ('byReview' in f)
    return [
      { path: `${path}.byReview.text`, text: f.byReview.text },
      ...formulaWords(f.byReview.upTo, `${path}.byReview.upTo`),
    ];
  if ('tiers' in f)
    return f.tiers.steps.flatMap((s, i) => [
      { path: `${path}.tiers.steps.${i}.text`, text: s.text },
      ...formulaWords(s.value, `${path}.tiers.steps.${i}.value`),
    ]);
  return [];
}

/** Every text of a benefit that must be the clause's, with its path under `benefit`. */
function benefitWords(benefit: ClauseBenefit): { path: string; text: string }[] {
  const conditions = (list: { text: string }[], path: string) =>
    list.map((c, i) => ({ path: `${path}conditions.${i}.text`, text: c.text }));
  if (!('items' in benefit))
    return [...conditions(benefit.conditions, ''), ...formulaWords(benefit.formula, 'formula')];
  return [
    ...conditions(benefit.conditions, ''),
    ...benefit.items.flatMap((item, i) => [
      ...(item.award ? [{ path: `items.${i}.award`, text: item.award }] : []),
      ...conditions(item.conditions, `items.${i}.`),
      ...formulaWords(item.formula, `items.${i}.formula`),
    ]),
  ];
}

/**
 * A clause's benefit must be computable and its words must be the clause's; the words of a
 * stacking rule may be anywhere in the document (its 其他事项 clause, usually).
 */
function checkBenefit(
  file: string,
  benefit: ClauseBenefit,
  clause: ParsedClause,
  path: string,
  documentText: string,
  issues: CorpusIssue[],
): void {
  const at = (p: string, message: string) => issues.push({ file, path: `${path}.benefit.${p}`, message });
  for (const p of ruleProblems(
    benefit,
    clause.amounts.map((a) => a.kind),
  ))
    at(p.path, p.message);
  const full = clauseText(clause);
  for (const w of benefitWords(benefit))
    if (!full.includes(w.text)) at(w.path, `does not occur in the clause's text: "${w.text}"`);
  benefitItems(benefit).forEach((rule, i) => {
    const item = 'items' in benefit ? `items.${i}.` : '';
    if (rule.exclusive && !documentText.includes(rule.exclusive.text))
      at(`${item}exclusive.text`, `does not occur in the document's text: "${rule.exclusive.text}"`);
    if (factsOfFormula(rule.formula).length === 0 && rule.conditions.every((c) => c.fact === undefined))
      at(`${item}formula`, 'reads no fact of the company, so it says nothing about this company');
  });
}

interface GroupMember {
  path: string;
  byReview: boolean;
  ifSameProject: boolean;
}

/**
 * A stacking group pays its largest member; a ceiling set by review cannot be weighed against
 * a computed sum (review may pay less), so one group holds one kind. A group binding one project
 * only (ifSameProject) pays every member, so it may hold both; its members all say so.
 */
function checkGroups(file: string, members: Map<string, GroupMember[]>, issues: CorpusIssue[]) {
  for (const [group, list] of members) {
    if (new Set(list.map((m) => m.ifSameProject)).size > 1) {
      for (const m of list.filter((x) => !x.ifSameProject))
        issues.push({
          file,
          path: `${m.path}exclusive.ifSameProject`,
          message: `"${group}" binds one project only elsewhere; every member must say so`,
        });
      continue;
    }
    if (list[0].ifSameProject || new Set(list.map((m) => m.byReview)).size < 2) continue;
    for (const m of list.filter((x) => x.byReview))
      issues.push({
        file,
        path: `${m.path}exclusive.group`,
        message: `"${group}" also holds computed sums; a sum set by review cannot be weighed against them`,
      });
  }
}

/** Every benefit of a parsed document: its own checks, then its stacking groups across clauses. */
export function checkBenefits(file: string, p: ParsedPolicy, issues: CorpusIssue[]): void {
  const texts: string[] = [p.preamble ?? '', p.closing ?? ''];
  const collect = (clauses: ParsedClause[]) =>
    clauses.forEach((c) => {
      texts.push(clauseText(c));
      collect(c.clauses);
    });
  collect(p.clauses);
  const documentText = texts.join('\n');
  const groups = new Map<string, GroupMember[]>();
  const walk = (clauses: ParsedClause[], prefix: string) =>
    clauses.forEach((c, i) => {
      if (c.benefit) {
        checkBenefit(file, c.benefit, c, `${prefix}${i}`, documentText, issues);
        benefitItems(c.benefit).forEach((rule, j) => {
          if (!rule.exclusive) return;
          const path = `${prefix}${i}.benefit.${'items' in c.benefit! ? `items.${j}.` : ''}`;
          const list = groups.get(rule.exclusive.group) ?? [];
          const member = {
            path,
            byReview: 'byReview' in rule.formula,
            ifSameProject: rule.exclusive.ifSameProject === true,
          };
          groups.set(rule.exclusive.group, [...list, member]);
        });
      }
      walk(c.clauses, `${prefix}${i}.clauses.`);
    });
  walk(p.clauses, 'clauses.');
  checkGroups(file, groups, issues);
}
