/**
 * The dashboard: search with highlighted passages and their citations, documents counted by
 * status, and each document's validity on a timeline, all on a chosen day. It reads nothing but
 * the public GraphQL API at /graphql, as any client would.
 */
import { loadBars, loadCounts, loadDocuments, search } from './api.js';
import { STATUSES } from './statuses.js';
import { addDays, axisOf, percentOf, todayInChina } from './timeline.js';

const LABEL = Object.fromEntries(STATUSES.map((s) => [s.name, s.label]));

const $ = (selector) => document.querySelector(selector);

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

function renderTimeline(docs, bars, axis, asOf) {
  const ticks = axis.years.map((year) => {
    const tick = el('span', 'tick', String(year));
    tick.style.left = `${percentOf(axis, `${year}-01-01`)}%`;
    return tick;
  });
  const day = el('span', 'asof-label', asOf);
  day.style.left = `${percentOf(axis, asOf)}%`;
  $('#axis').replaceChildren(...ticks, day);
  $('#axis-end').textContent = '结束 End';
  // A document loaded in between (the data was reloaded) waits for the next refresh.
  const order = docs
    .filter((d) => bars.has(d.id))
    .sort((a, b) => (bars.get(a.id).start ?? '0').localeCompare(bars.get(b.id).start ?? '0'));
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
    // The bars are loaded each time too: a reload of the data may have changed them.
    const [{ bars, docs: dated }, docs, counts, result] = await Promise.all([
      loadBars(),
      loadDocuments(asOf),
      loadCounts(asOf),
      query ? search(query, asOf) : null,
    ]);
    if (mine !== generation) return;
    renderCounts(counts, asOf);
    renderTimeline(docs, bars, axisOf(dated, bars, asOf), asOf);
    if (result) renderResults(result, query, asOf);
    else $('#results').hidden = true;
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (mine !== generation) return;
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
