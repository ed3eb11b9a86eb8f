/**
 * What is wrong with the policy data, file by file and field by field: each check of the corpus
 * adds its issues, and a load with any is refused whole (CorpusError).
 */
export interface CorpusIssue {
  file: string;
  /** Field path inside the file, e.g. clauses.0.amounts.1.sum */
  path: string;
  message: string;
}

/** One problem as a line: `file: path: message`, or `file: message` for the file as a whole (not YAML). */
export const issueLine = (i: CorpusIssue): string => `${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}`;

/** A refused load: lists every problem found, each with its file and field. */
export class CorpusError extends Error {
  override name = 'CorpusError';
  constructor(readonly issues: CorpusIssue[]) {
    super(`The policy data was refused; nothing was loaded:\n${issues.map((i) => `  ${issueLine(i)}`).join('\n')}`);
  }
}
