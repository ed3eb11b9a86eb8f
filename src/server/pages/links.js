/**
 * Where a document's page is: /policy/<id>?asOf=<day>, and #clause-<n> for one of its clauses.
 * The anchor is the clause id after the document's (chengdu-ai-rules-2024/3.1 → clause-3.1), so a
 * link made today still finds its clause after every reload of the data, as the id does.
 */

/** The anchor of a clause on its document's page. Document ids are slugs: the first / ends one. */
export const clauseAnchor = (clauseId) => `clause-${clauseId.slice(clauseId.indexOf('/') + 1)}`;

/** A document's page on a day, at one of its clauses when one is given. */
export function policyHref(policyId, asOf, clauseId = null) {
  const day = asOf ? `?${new URLSearchParams({ asOf })}` : '';
  return `/policy/${encodeURIComponent(policyId)}${day}${clauseId ? `#${clauseAnchor(clauseId)}` : ''}`;
}
