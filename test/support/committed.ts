/** Ids of the committed documents' part of a list, for tests of an app with an added file too. */
import { COMMITTED } from './db.js';

export { COMMITTED };

/** The ids (documents, or clauses "document/1.2") that belong to committed documents, in order. */
export function committed(ids: string[]): string[] {
  return ids.filter((id) => COMMITTED.includes(id.split('/')[0]));
}
