/**
 * What changed against the documents a document replaced, as the API's `differences` tells it:
 * clauses carried over with their amounts old → new and the 申报条件 added or dropped, funded
 * clauses that went with no successor, and funded clauses that are new.
 */
import { AMOUNT_KIND_LABEL, amountFigure, yuanText } from './amounts.js';
import { el, link } from './dom.js';
import { clauseAnchor, policyHref } from './links.js';

const CHANGE_LABEL = { SAME: '不变', CHANGED: '改变', ADDED: '新增', DROPPED: '取消' };

/**
 * The documents to compare with: those whose clauses the document's clauses supersede, and those
 * it repeals that have clauses. A repealed document known only by its 文号 has nothing to compare.
 */
export function replacedDocuments(doc) {
  const ids = doc.clauses.flatMap((c) => c.supersedes.map((l) => l.clause.policy.id));
  ids.push(...doc.repeals.filter((r) => r.clauses.length).map((r) => r.id));
  return [...new Set(ids)].filter((id) => id !== doc.id);
}

const named = (doc) => `《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ''}`;

/** An amount of a pair, or a dash where the clause has none of that kind. */
const figure = (kind, amount) => (amount ? amountFigure({ kind, ...amount }) : '—');

function amountTable(changes) {
  const head = el(
    'tr',
    null,
    null,
    ...['金额 Amount', '原 Old', '新 New', '变化 Change'].map((t) => el('th', null, t)),
  );
  const rows = changes.map((c) => {
    const row = el(
      'tr',
      `change-${c.change}`,
      null,
      el('td', null, AMOUNT_KIND_LABEL[c.kind] ?? c.kind),
      el('td', 'amount-old', figure(c.kind, c.old)),
      el('td', 'amount-new', figure(c.kind, c.new)),
      el('td', 'amount-change', CHANGE_LABEL[c.change] ?? c.change),
    );
    row.dataset.change = c.change;
    return row;
  });
  const table = el('table', 'amount-changes', null, el('thead', null, null, head), el('tbody', null, null, ...rows));
  return el('div', 'table-scroll', null, table);
}

/** 申报条件 added and dropped, where both clauses list them apart (else they were not compared). */
function conditionChanges(pair) {
  if (!pair.conditionsCompared) return [];
  if (!pair.conditionsAdded.length && !pair.conditionsDropped.length)
    return [el('p', 'conditions-same', '申报条件相同 Same conditions')];
  const list = (label, items, kind) =>
    items.length ? [el('p', `conditions-${kind}`, `${label}：${items.join('；')}`)] : [];
  return [
    ...list('新增条件 Added', pair.conditionsAdded, 'added'),
    ...list('删去条件 Dropped', pair.conditionsDropped, 'dropped'),
  ];
}

function pairItem(pair, oldId, asOf) {
  const oldLink = link(policyHref(oldId, asOf, pair.old.id), `原 ${pair.old.path.join('')}`, 'pair-old');
  oldLink.title = pair.old.citation;
  const newLink = link(`#${clauseAnchor(pair.new.id)}`, `新 ${pair.new.path.join('')}`, 'pair-new');
  newLink.title = pair.new.citation;
  const item = el(
    'li',
    'pair',
    null,
    el('p', 'pair-clauses', null, oldLink, ' → ', newLink),
    ...(pair.amounts.length ? [amountTable(pair.amounts)] : []),
    ...conditionChanges(pair),
    el('p', 'link-note', pair.note),
  );
  Object.assign(item.dataset, { old: pair.old.id, new: pair.new.id });
  return item;
}

/** A funded clause that went or came: its numbering and heading, linked, and the most it paid or pays. */
function fundedItem(clause, href) {
  const item = el('li', 'funded', null, link(href, `${clause.path.join('')} ${clause.heading ?? ''}`.trim()));
  if (clause.maxYuan !== null) item.append(' ', el('span', 'tag tag-max', `最高 ${yuanText(clause.maxYuan)}`));
  item.title = clause.citation;
  item.dataset.clauseId = clause.id;
  return item;
}

function comparison(d, asOf) {
  const section = el('section', 'comparison', null, el('h3', null, `与${named(d.old)}相比`));
  section.dataset.oldId = d.old.id;
  section.append(
    el(
      'p',
      'note',
      `${d.pairs.length} 对条款相承 · ${d.dropped.length} 条有金额的条款不再有 · ${d.added.length} 条有金额的条款为新增`,
    ),
  );
  if (d.pairs.length)
    section.append(
      el('p', 'fact-label', '相承的条款 Clauses carried over'),
      el('ol', 'pairs', null, ...d.pairs.map((p) => pairItem(p, d.old.id, asOf))),
    );
  const funded = (kind, label, clauses, href) =>
    clauses.length
      ? [
          el('p', 'fact-label', label),
          el('ul', `funded-list ${kind}`, null, ...clauses.map((c) => fundedItem(c, href(c)))),
        ]
      : [];
  section.append(
    ...funded('dropped', '不再有的资助 Funding dropped', d.dropped, (c) => policyHref(d.old.id, asOf, c.id)),
    ...funded('added', '新增的资助 Funding added', d.added, (c) => `#${clauseAnchor(c.id)}`),
  );
  return section;
}

/** The section's contents: one comparison per document, and a word on those with nothing to compare. */
export function differencesContent(doc, differences, asOf) {
  const textless = doc.repeals.filter((r) => !r.clauses.length);
  return [
    ...differences.map((d) => comparison(d, asOf)),
    ...textless.map((r) => {
      const p = el(
        'p',
        'notice textless',
        null,
        link(policyHref(r.id, asOf), named(r)),
        ' 已被本文件废止；本库只有其文号与名称，未收全文，无从逐条比较。Known only by its 文号: nothing to compare.',
      );
      p.dataset.policyId = r.id;
      return p;
    }),
  ];
}
