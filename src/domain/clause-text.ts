import { createHash } from 'node:crypto';
/** What a clause's published text is made of: its own lead and tail, and its sub-clauses. */
export interface ClauseParts {
  lead: string;
  tail?: string | null;
  clauses: ClauseParts[];
}

/** Full text of a clause as published: its lead, its sub-clauses in order, then its tail. */
export function clauseText(clause: ClauseParts): string {
  return [clause.lead, ...clause.clauses.map(clauseText), ...(clause.tail ? [clause.tail] : [])].join('\n');
}

/**
 * A clause's own words: its full text (as clauseText joins it) less its sub-clauses' full texts,
 * each of which follows a line break.
 */
export function withoutSubClauses(text: string, subClauseTexts: string[]): string {
  let own = text;
  for (const sub of subClauseTexts) {
    const at = own.indexOf(`\n${sub}`);
    if (at !== -1) own = own.slice(0, at) + own.slice(at + sub.length + 1);
  }
  return own;
}

/** SHA-256 (hex) of a clause's text as served: what a citation pinned to its words compares. */
export function textHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
