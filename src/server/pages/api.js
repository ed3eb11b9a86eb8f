/**
 * What the dashboard asks the API, as any client of the public GraphQL API at /graphql would:
 * plain POSTs, variables for every value, at most 14 aliases a request (the API allows 15).
 */
import { STATUSES } from './statuses.js';
import { barsOf, changesBetweenSamples, refineChanges, sampleDays } from './timeline.js';

/** At most this many aliases per request: the API refuses more than 15. */
const ALIASES_PER_REQUEST = 14;
/** Search results shown. */
const HITS_SHOWN = 20;

/** POSTs one operation; GraphQL errors become one Error with their messages. */
async function gql(query, variables = {}) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join(' '));
  return body.data;
}

/** Every document, page after page; `fields` and `args` for each node. */
async function allPolicies(fields, args = '', variables = {}) {
  const nodes = [];
  for (let after = null; ; ) {
    const data = await gql(
      `query Documents($after: String${args}) {
        policies(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id ${fields} } } }
      }`,
      { ...variables, after },
    );
    nodes.push(...data.policies.edges.map((e) => e.node));
    if (!data.policies.pageInfo.hasNextPage) return nodes;
    after = data.policies.pageInfo.endCursor;
  }
}

const chunks = (list, size) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Every document's status on each day: [{ day, statuses: { [id]: status } }]. */
async function statusesOnDays(days) {
  const samples = days.map((day) => ({ day, statuses: {} }));
  for (const [c, part] of chunks(days, ALIASES_PER_REQUEST).entries()) {
    const args = part.map((_, i) => `, $d${i}: Date!`).join('');
    const fields = part.map((_, i) => `s${i}: status(asOf: $d${i})`).join(' ');
    const nodes = await allPolicies(fields, args, Object.fromEntries(part.map((day, i) => [`d${i}`, day])));
    for (const node of nodes)
      part.forEach((_, i) => {
        samples[c * ALIASES_PER_REQUEST + i].statuses[node.id] = node[`s${i}`];
      });
  }
  return samples;
}

/** `field` (status or statusReason) of document `id` on `day`, for many pairs at once. */
async function probe(pairs, field) {
  const answers = [];
  for (const part of chunks(pairs, ALIASES_PER_REQUEST)) {
    const args = part.map((_, i) => `$i${i}: ID!, $d${i}: Date`).join(', ');
    const fields = part.map((_, i) => `p${i}: policy(id: $i${i}) { ${field}(asOf: $d${i}) }`).join(' ');
    const variables = Object.fromEntries(
      part.flatMap((p, i) => [
        [`i${i}`, p.id],
        [`d${i}`, p.day],
      ]),
    );
    const data = await gql(`query Probe(${args}) { ${fields} }`, variables);
    answers.push(...part.map((_, i) => data[`p${i}`]?.[field]));
  }
  return answers;
}

/**
 * The bars (the same whatever day is chosen): statuses sampled on the days the data names, each
 * change narrowed to its day, and the reason the API gives on the day a bar ends.
 */
export async function loadBars() {
  const docs = await allPolicies(
    'kind draft publishedOn effectiveFrom effectiveTo implements { id } repealedBy { id effectiveFrom }',
  );
  const samples = await statusesOnDays(sampleDays(docs));
  const changes = await refineChanges(changesBetweenSamples(samples), (pairs) => probe(pairs, 'status'));
  const bars = barsOf(docs, samples, changes);
  const ended = [...bars].filter(([, bar]) => bar.endDay);
  const reasons = await probe(
    ended.map(([id, bar]) => ({ id, day: bar.endDay })),
    'statusReason',
  );
  ended.forEach(([, bar], i) => {
    bar.endReason = reasons[i];
  });
  return { docs, bars };
}

/** Every document with its status on asOf and the reason for it. */
export async function loadDocuments(asOf) {
  return allPolicies('title docNumber status(asOf: $asOf) statusReason(asOf: $asOf)', ', $asOf: Date', { asOf });
}

/** Documents by status on asOf, one alias per status. */
export async function loadCounts(asOf) {
  const fields = STATUSES.map(
    (s) => `${s.name}: policies(filter: { status: [${s.name}], asOf: $asOf }) { totalCount }`,
  );
  const data = await gql(`query Counts($asOf: Date) { all: policies { totalCount } ${fields.join(' ')} }`, { asOf });
  return { all: data.all.totalCount, ...Object.fromEntries(STATUSES.map((s) => [s.name, data[s.name].totalCount])) };
}

/** The first hits for `query`, each clause's status on asOf. */
export async function search(query, asOf) {
  const data = await gql(
    `query Search($query: String!, $asOf: Date, $first: Int) {
      search(query: $query, first: $first) {
        totalHits engine
        hits { snippet clause { id citation status(asOf: $asOf) statusReason(asOf: $asOf) policy { id } } }
      }
    }`,
    { query, asOf, first: HITS_SHOWN },
  );
  return data.search;
}
