/**
 * The dashboard: search with highlighted passages and their citations, documents counted by
 * status, and each document's validity on a timeline, all on a chosen day. It reads nothing but
 * the public GraphQL API at /graphql, as any client would.
 */
import { STATUSES } from './statuses.js';
import {
  addDays,
  axisOf,
  barsOf,
  changesBetweenSamples,
  percentOf,
  refineChanges,
  sampleDays,
  todayInChina,
} from './timeline.js';

/** At most this many aliases per request: the API refuses more than 15. */
const ALIASES_PER_REQUEST = 14;
const HITS_SHOWN = 20;
const LABEL = Object.fromEntries(STATUSES.map((s) => [s.name, s.label]));

const $ = (selector) => document.querySelector(selector);

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
 * The bars, which do not depend on the chosen day: statuses sampled on the days the data
 * names, each change narrowed to its day, and the reason the API gives on the day a bar ends.
 */
async function loadBars() {
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

const DOCUMENT_FIELDS = `title kind draft docNumber publishedOn effectiveFrom effectiveTo
  status(asOf: $asOf) statusReason(asOf: $asOf) implements { id } repealedBy { id effectiveFrom }`;

async function loadDocuments(asOf) {
  return allPolicies(DOCUMENT_FIELDS, ', $asOf: Date', { asOf });
}

/** Documents by status on asOf, one alias per status. */
async function loadCounts(asOf) {
  const fields = STATUSES.map(
    (s) => `${s.name}: policies(filter: { status: [${s.name}], asOf: $asOf }) { totalCount }`,
  );
  const data = await gql(`query Counts($asOf: Date) { all: policies { totalCount } ${fields.join(' ')} }`, { asOf });
  return { all: data.all.totalCount, ...Object.fromEntries(STATUSES.map((s) => [s.name, data[s.name].totalCount])) };
}

async function search(query, asOf) {
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

/** An element with a class and text; children appended. */
function el(tag, className, text, ...children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  e.append(...children);
  return e;
}

const badge = (status) => el('span', `badge status-${status}`, LABEL[status] ?? status);

/** The snippet's text with only its <mark>…</mark> made elements: the rest stays text, never HTML. */
function highlighted(snippet) {
  const p = el('p', 'snippet');
  let mark = null;
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') mark = p.appendChild(el('mark'));
    else if (part === '</mark>') mark = null;
    else if (part) (mark ?? p).append(part);
  }
  return p;
}

function renderCounts(counts, asOf) {
  $('#counts-day').textContent = asOf;
  const list = $('#counts-list');
  list.replaceChildren(
    ...STATUSES.map((s) => {
      const item = el(
        'li',
        `count status-${s.name}`,
        null,
        el('strong', 'count-value', String(counts[s.name])),
        el('span', 'count-label', s.label),
      );
      item.dataset.status = s.name;
      return item;
    }),
  );
  $('#counts-total').textContent = String(counts.all);
}

function dateSpan(bar) {
  const from = bar.start ?? '?';
  const to = bar.endDay ? addDays(bar.endDay, -1) : '…';
  return bar.kind === 'draft' ? `征求意见稿 ${from} 起` : `${from} – ${to}`;
}

/** How a bar ends, in Chinese: repeal and lapse from their first day, expiry on the last day in force. */
function markText(bar) {
  if (!bar.mark) return { draft: '从未生效', unknown: '日期不详', validity: '未定期限' }[bar.kind];
  if (bar.mark === 'repeal') return `${bar.endDay} 起废止`;
  if (bar.mark === 'lapse') return `${bar.endDay} 起随所实施政策失效`;
  return `${addDays(bar.endDay, -1)} 期满失效`;
}

function timelineRow(doc, bar, axis, asOf) {
  const label = el('div', 'row-label', null, el('span', 'row-title', doc.title), badge(doc.status));
  label.title = `${doc.title}${doc.docNumber ? `（${doc.docNumber}）` : ''}\n${doc.statusReason ?? ''}`;
  const track = el('div', 'track');
  const left = percentOf(axis, bar.start, 0);
  const right = percentOf(axis, bar.endDay, 100);
  const shape = el(
    'div',
    `bar bar-${bar.kind} status-${doc.status}${bar.start ? '' : ' open-start'}${bar.endDay ? '' : ' open-end'}`,
  );
  shape.style.left = `${left}%`;
  shape.style.width = `${Math.max(right - left, 0.4)}%`;
  shape.title = `${dateSpan(bar)}\n${LABEL[doc.status]}（${asOf}）：${doc.statusReason ?? ''}`;
  shape.dataset.policyId = doc.id;
  track.append(shape);
  const end = el('div', `row-end mark-${bar.mark ?? 'none'}`, markText(bar));
  if (bar.mark) {
    const symbol = el('span', `mark mark-${bar.mark}`, bar.mark === 'repeal' ? '✕' : '■');
    symbol.style.left = `${right}%`;
    track.append(symbol);
    end.title = bar.endReason ?? '';
    end.dataset.mark = bar.mark;
  }
  const day = el('div', 'asof-line');
  day.style.left = `${percentOf(axis, asOf)}%`;
  track.append(day);
  const row = el('li', 'row', null, label, track, end);
  row.dataset.policyId = doc.id;
  return row;
}

function renderTimeline(docs, bars, asOf) {
  const axis = axisOf(docs, bars, asOf);
  const ticks = axis.years.map((year) => {
    const tick = el('span', 'tick', String(year));
    tick.style.left = `${percentOf(axis, `${year}-01-01`)}%`;
    return tick;
  });
  const day = el('span', 'asof-label', asOf);
  day.style.left = `${percentOf(axis, asOf)}%`;
  $('#axis').replaceChildren(...ticks, day);
  $('#axis-end').textContent = '结束 End';
  const order = [...docs].sort((a, b) => (bars.get(a.id).start ?? '0').localeCompare(bars.get(b.id).start ?? '0'));
  $('#timeline-rows').replaceChildren(...order.map((doc) => timelineRow(doc, bars.get(doc.id), axis, asOf)));
}

function renderResults(result, query, asOf) {
  const list = $('#results-list');
  list.replaceChildren(
    ...result.hits.map((hit) => {
      const cite = el('cite', 'citation', hit.clause.citation);
      const item = el(
        'li',
        'hit',
        null,
        el('div', 'hit-head', null, cite, badge(hit.clause.status)),
        highlighted(hit.snippet),
      );
      item.title = hit.clause.statusReason ?? '';
      item.dataset.clauseId = hit.clause.id;
      return item;
    }),
  );
  const shown = Math.min(result.hits.length, result.totalHits);
  $('#results-summary').textContent = result.totalHits
    ? `“${query}”：${result.totalHits} 条结果${shown < result.totalHits ? `，显示前 ${shown} 条` : ''}；状态按 ${asOf}（${result.engine}）`
    : `“${query}”：没有结果`;
  const matched = new Set(result.hits.map((h) => h.clause.policy.id));
  for (const row of document.querySelectorAll('#timeline-rows .row'))
    row.classList.toggle('matched', matched.has(row.dataset.policyId));
  const section = $('#results');
  section.hidden = false;
  section.dataset.query = query;
  section.dataset.asOf = asOf;
}

let barsLoaded = null;
/** The latest refresh: an older one that answers later shows nothing. */
let generation = 0;

/** Shows everything for the form's query and day; the URL keeps both, to share or reload. */
async function refresh() {
  const mine = ++generation;
  const query = $('#q').value.trim();
  const asOf = $('#as-of').value || todayInChina();
  history.replaceState(null, '', `?${new URLSearchParams(query ? { q: query, asOf } : { asOf })}`);
  document.body.dataset.state = 'loading';
  $('#error').hidden = true;
  try {
    barsLoaded ??= loadBars();
    const [{ bars }, docs, counts, result] = await Promise.all([
      barsLoaded,
      loadDocuments(asOf),
      loadCounts(asOf),
      query ? search(query, asOf) : null,
    ]);
    if (mine !== generation) return;
    renderCounts(counts, asOf);
    renderTimeline(docs, bars, asOf);
    if (result) renderResults(result, query, asOf);
    else $('#results').hidden = true;
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (mine !== generation) return;
    barsLoaded = null;
    $('#error').textContent = error.message;
    $('#error').hidden = false;
    document.body.dataset.state = 'error';
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  $('#q').value = params.get('q') ?? '';
  $('#as-of').value = /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf') : todayInChina();
  $('#controls').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('#as-of').addEventListener('change', () => refresh());
  for (const s of STATUSES) $('#legend').append(el('li', null, null, badge(s.name)));
  refresh();
}

start();
