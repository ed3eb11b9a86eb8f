/**
 * What the document page asks the public GraphQL API, as a portal built on it would: two
 * queries, each one request, every value in variables.
 *
 * 1. `PolicyPage`: one document as on one day — what it is, its status that day and why, its
 *    whole status timeline, the documents it is related to, and its clauses with their amounts,
 *    conditions, materials, contacts and the clauses they replace or were replaced by.
 * 2. `PolicyDifferences`: what changed against each document it replaced (those whose clauses
 *    its clauses supersede, and those it repeals that have clauses), one alias per document.
 */
import { gql } from './api.js';

/**
 * The clauses come as one flat list in document order, each naming its parent, and the page
 * builds the tree from it: that holds a document of any depth, where `clauses(topLevel: true)`
 * with `children` nested in the query would have to guess how deep the deepest one goes.
 */
export const POLICY_PAGE = `query PolicyPage($id: ID!, $asOf: Date) {
  policy(id: $id) {
    id title titleSimplified docNumber kind draft script issuers
    publishedOn effectiveFrom effectiveTo inForceFrom inForceUntil endedOn
    note preamble closing source
    status(asOf: $asOf) statusReason(asOf: $asOf)
    statusTimeline { from to status reason inferred }
    implements { ...Related } implementedBy { ...Related }
    repeals { ...Related clauses(topLevel: true) { id } } repealedBy { ...Related }
    interprets { ...Related } interpretedBy { ...Related }
    references { ...Related }
    clauses {
      id path heading headingSimplified ownText citation parent { id }
      maxYuan caseByCase applicationPeriod conditions materials
      amounts { kind yuan rate base period condition text }
      contacts { department phone person }
      supersedes { note clause { id citation policy { ...Related } } }
      supersededBy { note clause { id citation policy { ...Related } } }
    }
  }
}

fragment Related on Policy { id title docNumber status(asOf: $asOf) }`;

/**
 * Documents compared in one request. The API prices a query before running it, each list at the
 * longest the data holds, and refuses one over 50,000: on the seeds one comparison is priced at
 * about 21,000 (its `extensions.cost.requested`), so two fit. Hence the few fields of `Figure`.
 */
export const COMPARED_PER_REQUEST = 2;

/** The fields of one comparison: both documents, the clause pairs with amounts old → new, what went and came. */
const CHANGES = `fragment Changes on PolicyDifferences {
  old { id title docNumber }
  pairs {
    note
    old { id path citation } new { id path citation }
    amounts { change kind old { ...Figure } new { ...Figure } }
    conditionsCompared conditionsAdded conditionsDropped
  }
  dropped { id path heading citation maxYuan }
  added { id path heading citation maxYuan }
}

fragment Figure on Amount { yuan rate base }`;

/** `PolicyDifferences` for `count` old documents: aliases d0, d1, … with variables $old0, $old1, … */
export function differencesQuery(count) {
  const indexes = [...Array(count).keys()];
  return `query PolicyDifferences($new: ID!, ${indexes.map((i) => `$old${i}: ID!`).join(', ')}) {
  ${indexes.map((i) => `d${i}: differences(old: $old${i}, new: $new) { ...Changes }`).join('\n  ')}
}

${CHANGES}`;
}

/** The document and everything the page shows of it on asOf; null for an id the API does not know. */
export async function loadPolicy(id, asOf) {
  return (await gql(POLICY_PAGE, { id, asOf })).policy;
}

/** The differences from each old document to the new one, in the order given. */
export async function loadDifferences(newId, oldIds) {
  const groups = [];
  for (let i = 0; i < oldIds.length; i += COMPARED_PER_REQUEST) groups.push(oldIds.slice(i, i + COMPARED_PER_REQUEST));
  const answers = await Promise.all(
    groups.map(async (olds) => {
      const variables = { new: newId, ...Object.fromEntries(olds.map((id, i) => [`old${i}`, id])) };
      const data = await gql(differencesQuery(olds.length), variables);
      return olds.map((_, i) => data[`d${i}`]);
    }),
  );
  // Null where either id is unknown, which the page's own query has just ruled out.
  return answers.flat().filter(Boolean);
}
