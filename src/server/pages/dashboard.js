/**
 * The dashboard: search with highlighted passages and their citations, documents counted by
 * status and the topics in force on a chosen day, and each document's status timeline with that
 * day marked. It reads nothing but the public GraphQL API at /graphql, as any client would.
 * Citations and titles link to the documents' pages (/policy/<id>), on the chosen day.
 */
import { loadDay, loadDocuments, search } from './api.js';
import { badge, el, link, STATUS_LABEL as LABEL, segmentShape } from './dom.js';
import { policyHref } from './links.js';
import { snippetParts } from './snippet.js';
import { STATUSES } from './statuses.js';
import { addDays, axisOf, endOf, percentOf, rowOrder, segmentsOf, todayInChina, writtenEnd } from './timeline.js';

const $ = (selector) => document.querySelector(selector);

/** The snippet's text with only its <mark>…</mark> made elements: the rest stays text, never HTML. */
function highlighted(snippet) {
  return el(
    'p',
    'snippet',
    null,
    ...snippetParts(snippet).map((part) => (part.marked ? el('mark', null, part.text) : part.text)),
  );
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

function renderTopics(topics, asOf) {
  $('#topics-day').textContent = asOf;
  $('#topics-list').replaceChildren(
    ...topics.map((t) => {
      const item = el(
        'li',
        'topic',
        null,
        el('span', 'topic-name', t.topic),
        el('span', 'topic-count', String(t.clauses)),
      );
      item.title = `${t.clauses} 条款（${t.distinctPassages} 段不重复），${t.documents} 份文件`;
      item.dataset.topic = t.topic;
      return item;
    }),
  );
  $('#topics-none').hidden = topics.length > 0;
}

/** The last column: how the bar ends, and the end as written where it was not the real one. */
function rowEnd(end, written) {
  const cell = el('div', `row-end mark-${end.mark ?? 'none'}`, null, el('span', 'end-text', end.text));
  cell.title = end.reason ?? '';
  if (end.mark) cell.dataset.mark = end.mark;
  if (written) {
    const note = el('small', 'written', `载明至 ${written.day}`);
    note.title = written.text;
    cell.append(note);
  }
  return cell;
}

function timelineRow(doc, axis, asOf) {
  // The 文号 under the title tells apart documents whose titles begin alike (a policy and its 实施细则).
  const name = el(
    'span',
    'row-name',
    null,
    link(policyHref(doc.id, asOf), doc.title, 'row-title'),
    el('span', 'row-number', doc.docNumber ?? doc.id),
  );
  const label = el('div', 'row-label', null, name, badge(doc.status));
  label.title = `${doc.title}${doc.docNumber ? `（${doc.docNumber}）` : ''}\n${LABEL[doc.status]}（${asOf}）：${doc.statusReason ?? ''}`;
  const bar = el('div', 'bar', null, ...segmentsOf(doc.statusTimeline, axis, asOf).map(segmentShape));
  bar.dataset.policyId = doc.id;
  const track = el('div', 'track', null, bar);
  const end = endOf(doc.statusTimeline);
  if (end.mark) {
    const symbol = el('span', `mark mark-${end.mark}`, end.mark === 'repeal' ? '✕' : '■');
    symbol.style.left = `${percentOf(axis, end.day)}%`;
    symbol.title = end.reason;
    track.append(symbol);
  }
  const written = writtenEnd(doc);
  if (written) {
    // At the end of the last day written, where the bar would have ended.
    const tick = el('span', 'written-end');
    tick.style.left = `${percentOf(axis, addDays(written.day, 1))}%`;
    tick.title = written.text;
    track.append(tick);
  }
  const day = el('div', 'asof-line');
  day.style.left = `${percentOf(axis, asOf)}%`;
  track.append(day);
  const row = el('li', 'row', null, label, track, rowEnd(end, written));
  row.dataset.policyId = doc.id;
  return row;
}

function renderTimeline(docs, asOf) {
  const axis = axisOf(docs, asOf);
  const ticks = axis.years.map((year) => {
    const tick = el('span', 'tick', String(year));
    tick.style.left = `${percentOf(axis, `${year}-01-01`)}%`;
    return tick;
  });
  const day = el('span', 'asof-label', asOf);
  day.style.left = `${percentOf(axis, asOf)}%`;
  $('#axis').replaceChildren(...ticks, day);
  $('#axis-end').textContent = '结束 End';
  $('#timeline-rows').replaceChildren(...rowOrder(docs).map((doc) => timelineRow(doc, axis, asOf)));
}

function renderResults(result, query, asOf) {
  const list = $('#results-list');
  list.replaceChildren(
    ...result.hits.map((hit) => {
      // The citation opens the document's page at the clause, on the same day.
      const cite = el(
        'cite',
        'citation',
        null,
        link(policyHref(hit.clause.policy.id, asOf, hit.clause.id), hit.clause.citation),
      );
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
  // How far the corpus answers the query (retrieve's judgement): said above the hits unless HIGH.
  const coverage = $('#results-coverage');
  const none = result.coverage.confidence === 'NONE';
  coverage.hidden = result.coverage.confidence === 'HIGH';
  coverage.dataset.confidence = result.coverage.confidence;
  coverage.textContent = none
    ? `本库没有能回答这个问题的条款：${result.coverage.coverageNote}`
    : (result.coverage.coverageNote ?? '');
  // Where nothing answers, the nearest hits are shown only when asked for: none of them is the answer.
  const nearest = $('#results-nearest');
  nearest.hidden = !none || result.hits.length === 0;
  nearest.textContent = `仍要查看最接近的 ${result.hits.length} 条（都不回答这个问题）`;
  // The documents with hits are marked in the validity chart while their hits are shown.
  const markDocuments = (hits) => {
    const matched = new Set(hits.map((h) => h.clause.policy.id));
    for (const row of document.querySelectorAll('#timeline-rows .row'))
      row.classList.toggle('matched', matched.has(row.dataset.policyId));
  };
  nearest.onclick = () => {
    list.hidden = false;
    nearest.hidden = true;
    markDocuments(result.hits);
    list.focus();
  };
  list.hidden = !nearest.hidden;
  const shown = Math.min(result.hits.length, result.totalHits);
  $('#results-summary').textContent = none
    ? `“${query}”：没有能回答的条款；状态按 ${asOf}（${result.engine}）`
    : result.totalHits
      ? `“${query}”：${result.totalHits} 条结果${shown < result.totalHits ? `，显示前 ${shown} 条` : ''}；状态按 ${asOf}（${result.engine}）`
      : `“${query}”：没有结果`;
  markDocuments(list.hidden ? [] : result.hits);
  const section = $('#results');
  section.hidden = false;
  section.dataset.query = query;
  section.dataset.asOf = asOf;
  section.dataset.inForceOnly = String($('#in-force-only').checked);
}

/** The latest refresh: an older one that answers later shows nothing. */
let generation = 0;

/**
 * Shows everything for the form's query and day; the URL keeps both, to share or reload. A new
 * search or day (`asked`) is a new entry of the browser's history, so Back returns to the last one.
 */
async function refresh({ asked = false } = {}) {
  const mine = ++generation;
  const query = $('#q').value.trim();
  const asOf = $('#as-of').value || todayInChina();
  const inForceOnly = $('#in-force-only').checked;
  const params = { ...(query ? { q: query } : {}), asOf, ...(inForceOnly ? { inForce: '1' } : {}) };
  const address = `?${new URLSearchParams(params)}`;
  if (asked && address !== location.search) history.pushState(null, '', address);
  else history.replaceState(null, '', address);
  document.body.dataset.state = 'loading';
  $('#error').hidden = true;
  try {
    const [docs, day, searched] = await Promise.all([
      loadDocuments(asOf),
      loadDay(asOf),
      // A refused search leaves the day's counts and documents shown.
      query
        ? search(query, asOf, inForceOnly).then(
            (result) => ({ result }),
            (refused) => ({ refused }),
          )
        : null,
    ]);
    if (mine !== generation) return;
    renderCounts(day.counts, asOf);
    renderTopics(day.topics, asOf);
    renderTimeline(docs, asOf);
    if (searched?.refused) throw searched.refused;
    const result = searched?.result;
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

/** The form as the address gives it; a search longer than the box allows (an edited link) is cut to it. */
function readAddress() {
  const params = new URLSearchParams(location.search);
  const box = $('#q');
  box.value = (params.get('q') ?? '').slice(0, box.maxLength > 0 ? box.maxLength : undefined);
  $('#as-of').value = /^\d{4}-\d{2}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf') : todayInChina();
  $('#in-force-only').checked = params.get('inForce') === '1';
}

function start() {
  readAddress();
  $('#controls').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh({ asked: true });
  });
  $('#as-of').addEventListener('change', () => refresh({ asked: true }));
  // Back and Forward show the search of that entry again.
  addEventListener('popstate', () => {
    readAddress();
    refresh();
  });
  $('#legend').prepend(...STATUSES.map((s) => el('li', null, null, badge(s.name))));
  refresh();
}

start();
