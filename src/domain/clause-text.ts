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
