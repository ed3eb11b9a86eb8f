/**
 * What the dashboard asks the API, as any client of the public GraphQL API at /graphql would:
 * plain POSTs, variables for every value, at most 15 aliases a request (the API's limit).
 */
import { STATUSES } from './statuses.js';

/** Search results shown. */
const HITS_SHOWN = 20;
/** Topics shown for the chosen day. */
const TOPICS_SHOWN = 10;

/** POSTs one operation; GraphQL errors become one Error with their messages. */
export async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join(' '));
  return body.data;
}

/**
 * Every document with its whole status timeline, its dates as written and as they really were,
 * and its status on asOf with the reason: one query (page after page, should there be more than
 * 100 documents).
 */
export async function loadDocuments(asOf) {
  const nodes = [];
  for (let after = null; ; ) {
    const data = await gql(
      `query Documents($after: String, $asOf: Date) {
        policies(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges { node {
            id title docNumber publishedOn effectiveFrom effectiveTo inForceFrom inForceUntil endedOn
            status(asOf: $asOf) statusReason(asOf: $asOf)
            statusTimeline { from to status reason inferred }
          } }
        }
      }`,
      { after, asOf },
    );
    nodes.push(...data.policies.edges.map((e) => e.node));
    if (!data.policies.pageInfo.hasNextPage) return nodes;
    after = data.policies.pageInfo.endCursor;
  }
}

/**
 * The chosen day's figures in one request: documents by status (one alias per status, and the
 * total) and the topics most used by the clauses of documents in force that day.
 */
export async function loadDay(asOf) {
  const fields = STATUSES.map(
    (s) => `${s.name}: policies(filter: { status: [${s.name}], asOf: $asOf }) { totalCount }`,
  );
  const data = await gql(
    `query Day($asOf: Date!) {
      all: policies { totalCount } ${fields.join(' ')}
      topics(filter: { inForceOn: $asOf }) { topic clauses distinctPassages documents }
    }`,
    { asOf },
  );
  return {
    counts: { all: data.all.totalCount, ...Object.fromEntries(STATUSES.map((s) => [s.name, data[s.name].totalCount])) },
    topics: data.topics.slice(0, TOPICS_SHOWN),
  };
}

/** The first hits for `query`, each clause's status on asOf. */
export async function search(query, asOf, inForceOnly = false) {
  const data = await gql(
    `query Search($query: String!, $asOf: Date, $first: Int, $filter: SearchFilter) {
      search(query: $query, first: $first, filter: $filter) {
        totalHits engine
        hits { snippet clause { id citation status(asOf: $asOf) statusReason(asOf: $asOf) policy { id } } }
      }
      coverage: retrieve(question: $query, asOf: $asOf, first: 1) { answerable confidence coverageNote }
    }`,
    // In force that day only: the filter; else every status, those in force first at similar relevance.
    { query, asOf, first: HITS_SHOWN, filter: inForceOnly ? { inForceOn: asOf } : { asOf } },
  );
  return { ...data.search, coverage: data.coverage };
}
