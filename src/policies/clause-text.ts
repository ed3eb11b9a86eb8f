import type { ParsedClause } from '../ingest/corpus-schema.js';

/** Full text of a clause as published: its lead, its sub-clauses in order, then its tail. */
export function clauseText(clause: Pick<ParsedClause, 'lead' | 'tail' | 'clauses'>): string {
  return [clause.lead, ...clause.clauses.map(clauseText), ...(clause.tail ? [clause.tail] : [])].join('\n');
}
