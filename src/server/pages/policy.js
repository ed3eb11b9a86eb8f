/**
 * A document's page, /policy/<id>?asOf=<day>: what the document is, its status on the day with
 * the reason and its whole timeline, the documents it is related to, its clause tree, and what
 * changed against the documents it replaced. It reads nothing but the public GraphQL API, in the
 * two queries of policy-queries.js; the day picker changes the day and the address.
 */
import { badge, el, link, periodDays, segmentShape } from './dom.js';
import { policyHref } from './links.js';
import { clauseTree } from './policy-clauses.js';
import { differencesContent, replacedDocuments } from './policy-differences.js';
import { loadDifferences, loadPolicy } from './policy-queries.js';
import { axisOf, percentOf, segmentsOf, todayInChina } from './timeline.js';

const $ = (selector) => document.querySelector(selector);

const KIND_LABEL = { POLICY: '政策', IMPLEMENTATION_RULES: '实施细则', INTERPRETATION: '解读、新闻报道' };
const SCRIPT_LABEL = { Hans: '简体', Hant: '繁体（按原文显示）' };

/** The id the address names, /policy/<id> (the server answers only ids that are slugs). */
const policyId = () => decodeURIComponent(location.pathname.slice('/policy/'.length));

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function renderHeader(doc) {
  document.title = `${doc.title} · 成都算力与人工智能政策`;
  const title = $('#title');
  title.textContent = doc.title;
  // Traditional characters as published; the language tag picks the glyphs that script uses.
  title.lang = doc.script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  $('#clause-tree').lang = title.lang;
  $('#doc-number').textContent = doc.docNumber ?? '文号未载 No 文号 known';
}

function renderSummary(doc) {
  const days = (from, to, open) => `${from ?? '未载'} 至 ${to ?? open}`;
  const rows = [
    ['文号 Number', doc.docNumber ?? '未载'],
    ['发布机关 Issuers', doc.issuers.length ? doc.issuers.join('、') : '未载'],
    ['类别 Kind', `${KIND_LABEL[doc.kind] ?? doc.kind}${doc.draft ? '（征求意见稿）' : ''}`],
    ['发布日期 Published', doc.publishedOn ?? '未载'],
    [
      '载明施行期 As written',
      doc.effectiveFrom || doc.effectiveTo ? days(doc.effectiveFrom, doc.effectiveTo, '未定期限') : '未载',
    ],
    ['实际有效 In force', doc.inForceFrom ? days(doc.inForceFrom, doc.inForceUntil, '今') : '从未生效'],
    ['原文 Script', SCRIPT_LABEL[doc.script] ?? doc.script],
    ...(doc.titleSimplified !== doc.title ? [['简体标题 Simplified title', doc.titleSimplified]] : []),
    ...(doc.source ? [['来源 Source', doc.source]] : []),
  ];
  $('#facts').replaceChildren(
    ...rows.flatMap(([label, value]) => {
      // The label in Chinese, then in English (which a phone leaves out to keep two columns).
      const [chinese, ...english] = label.split(' ');
      const dd = el('dd', null, value);
      dd.dataset.fact = chinese;
      return [el('dt', null, chinese, el('span', 'en', ` ${english.join(' ')}`)), dd];
    }),
  );
  $('#note').textContent = doc.note ?? '';
  $('#note').hidden = !doc.note;
}

/** The document's bar as the dashboard draws it, on an axis of its own years. */
function renderBar(doc, asOf) {
  const axis = axisOf([doc], asOf);
  const segments = segmentsOf(doc.statusTimeline, axis, asOf).map(segmentShape);
  const line = el('div', 'asof-line');
  line.style.left = `${percentOf(axis, asOf)}%`;
  $('#status-track').replaceChildren(el('div', 'bar', null, ...segments), line);
  const ticks = axis.years.map((year) => {
    const tick = el('span', 'tick', String(year));
    tick.style.left = `${percentOf(axis, `${year}-01-01`)}%`;
    return tick;
  });
  $('#axis').replaceChildren(...ticks);
}

function renderStatus(doc, asOf) {
  $('#status-day').textContent = asOf;
  $('#status-badge').replaceChildren(badge(doc.status));
  $('#status-badge').dataset.status = doc.status;
  $('#status-reason').textContent = doc.statusReason ?? '';
  renderBar(doc, asOf);
  const holding = segmentsOf(doc.statusTimeline, axisOf([doc], asOf), asOf);
  $('#status-periods').replaceChildren(
    ...holding.map((p) => {
      const item = el(
        'li',
        `period${p.holdsDay ? ' holds-day' : ''}`,
        null,
        el('span', 'period-days', periodDays(p)),
        badge(p.status),
        ...(p.inferred ? [el('span', 'tag', '推定 inferred')] : []),
        el('span', 'period-reason', p.reason),
      );
      Object.assign(item.dataset, { status: p.status, holdsDay: String(p.holdsDay) });
      return item;
    }),
  );
}

/** Documents its clauses replace clauses of, or were replaced by, each once with how many clauses. */
function clauseRelations(doc, side) {
  const byId = new Map();
  for (const clause of doc.clauses)
    for (const { clause: other } of clause[side]) {
      const entry = byId.get(other.policy.id) ?? { ...other.policy, clauses: 0 };
      entry.clauses += 1;
      byId.set(other.policy.id, entry);
    }
  return [...byId.values()];
}

function relatedItem(related, asOf) {
  const item = el('li', 'related', null, link(policyHref(related.id, asOf), related.title), ' ');
  if (related.docNumber) item.append(el('span', 'doc-number', related.docNumber), ' ');
  item.append(badge(related.status));
  if (related.clauses > 0) item.append(' ', el('span', 'related-count', `${related.clauses} 条`));
  item.dataset.policyId = related.id;
  return item;
}

function renderRelations(doc, asOf) {
  const groups = [
    ['implements', '所实施的政策 Implements', doc.implements ? [doc.implements] : []],
    ['implementedBy', '实施细则 Implementation rules', doc.implementedBy],
    ['repeals', '废止 Repeals', doc.repeals],
    ['repealedBy', '被废止 Repealed by', doc.repealedBy],
    ['supersedes', '其条款取代 Its clauses replace clauses of', clauseRelations(doc, 'supersedes')],
    ['supersededBy', '其条款后被取代 Its clauses were replaced by', clauseRelations(doc, 'supersededBy')],
    ['interprets', '所解读的文件 Describes', doc.interprets ? [doc.interprets] : []],
    ['interpretedBy', '解读、报道 Described by', doc.interpretedBy],
    ['references', '引用 Refers to', doc.references],
  ].filter(([, , list]) => list.length);
  $('#relations-list').replaceChildren(
    ...groups.flatMap(([key, label, list]) => {
      const dd = el('dd', null, null, el('ul', null, null, ...list.map((r) => relatedItem(r, asOf))));
      dd.dataset.relation = key;
      return [el('dt', null, label), dd];
    }),
  );
  $('#relations-none').hidden = groups.length > 0;
}

function renderClauses(doc, asOf) {
  for (const part of ['preamble', 'closing']) {
    $(`#${part}`).textContent = doc[part] ?? '';
    $(`#${part}`).hidden = !doc[part];
  }
  $('#clause-tree').replaceChildren(...clauseTree(doc.clauses, asOf));
  // A document known only by its 文号 (cited by others, its text not in the data): said plainly.
  $('#no-clauses').hidden = doc.clauses.length > 0;
  $('#no-clauses').textContent = doc.clauses.length
    ? ''
    : `本库只有这份文件的${doc.docNumber ? '文号与' : ''}名称，未收录全文，故无条款可列。Only its ${doc.docNumber ? '文号 and ' : ''}title are known: no clauses.`;
}

function renderDifferences(doc, differences, asOf) {
  const content = differencesContent(doc, differences, asOf);
  $('#differences-list').replaceChildren(...content);
  $('#differences').hidden = content.length === 0;
  $('#contents-differences').hidden = content.length === 0;
}

/** Marks the clause the address points at (#clause-…) and, the first time, scrolls to it. */
function showTarget(scroll) {
  for (const cited of document.querySelectorAll('.clause.cited')) cited.classList.remove('cited');
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target?.classList.contains('clause')) return;
  target.classList.add('cited');
  if (scroll) target.scrollIntoView({ block: 'start' });
}

/** Differences by the new document's id: they do not depend on the day, so a new day asks again only for the page. */
const differencesAsked = new Map();

function differencesOf(doc) {
  if (!differencesAsked.has(doc.id)) {
    const olds = replacedDocuments(doc);
    differencesAsked.set(doc.id, olds.length ? loadDifferences(doc.id, olds) : Promise.resolve([]));
  }
  return differencesAsked.get(doc.id);
}

/** The latest refresh: an older one that answers later shows nothing. */
let generation = 0;
let scrolled = false;

async function refresh() {
  const mine = ++generation;
  const id = policyId();
  const asOf = $('#as-of').value || todayInChina();
  history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ asOf })}${location.hash}`);
  $('#home').href = `/?${new URLSearchParams({ asOf })}`;
  document.body.dataset.state = 'loading';
  $('#error').hidden = true;
  try {
    const doc = await loadPolicy(id, asOf);
    const differences = doc ? await differencesOf(doc) : [];
    if (mine !== generation) return;
    if (!doc) return showMissing(id);
    renderHeader(doc);
    renderSummary(doc);
    renderStatus(doc, asOf);
    renderRelations(doc, asOf);
    renderClauses(doc, asOf);
    renderDifferences(doc, differences, asOf);
    $('#document').hidden = false;
    $('#contents').hidden = false;
    Object.assign(document.body.dataset, { state: 'ready', asOf });
    showTarget(!scrolled);
    scrolled = true;
  } catch (error) {
    if (mine !== generation) return;
    $('#error').textContent = error.message;
    $('#error').hidden = false;
    document.body.dataset.state = 'error';
  }
}

function showMissing(id) {
  document.title = '没有这份文件 · 成都算力与人工智能政策';
  $('#title').textContent = '没有这份文件';
  $('#doc-number').textContent = 'No such document';
  $('#missing-id').textContent = id;
  $('#missing').hidden = false;
  $('#document').hidden = true;
  document.body.dataset.state = 'missing';
}

function start() {
  const asOf = new URLSearchParams(location.search).get('asOf') ?? '';
  $('#as-of').value = DAY.test(asOf) ? asOf : todayInChina();
  $('#as-of').addEventListener('change', () => refresh());
  $('#controls').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  window.addEventListener('hashchange', () => showTarget(false));
  refresh();
}

start();
