/**
 * The document page's clause tree: each clause's own text as published, its sub-clauses below
 * it, and beside the text what the API reads from it — amounts, 申报条件, 申报材料, 申报时间,
 * contacts, and the clauses it replaces or was replaced by. Each clause has an anchor made from
 * its stable id (links.js), so a citation link opens the page at it.
 */
import { amountFigure, amountTerms, yuanText } from './amounts.js';
import { el, link } from './dom.js';
import { clauseAnchor, policyHref } from './links.js';

/** The clauses, in document order and each naming its parent, as a forest of { clause, children }. */
export function clauseForest(clauses) {
  const nodes = new Map(clauses.map((clause) => [clause.id, { clause, children: [] }]));
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.clause.parent && nodes.get(node.clause.parent.id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The clause's own text; its first line bold where it is the numbering and heading. */
function clauseText(clause) {
  const [first, ...rest] = clause.ownText.split('\n');
  const headed = [clause.heading, clause.headingSimplified].some((h) => h && first.includes(h));
  if (!headed) return el('p', 'clause-text', clause.ownText);
  return el(
    'p',
    'clause-text',
    null,
    el('strong', 'clause-head', first),
    ...(rest.length ? [`\n${rest.join('\n')}`] : []),
  );
}

/** One block of facts under a label; null when there is nothing to show. */
function fact(kind, label, items) {
  if (!items.length) return null;
  return el('div', `fact fact-${kind}`, null, el('p', 'fact-label', label), el('ul', null, null, ...items));
}

/** A long list (申报条件, 申报材料), folded: the clause's own text below states it in full. */
function foldedList(kind, label, entries) {
  if (!entries.length) return null;
  const details = el(
    'details',
    `fact fact-${kind}`,
    null,
    el('summary', 'fact-label', `${label} · ${entries.length} 项`),
    el('ol', null, null, ...entries.map((text) => el('li', null, text))),
  );
  return details;
}

function amountItem(amount) {
  return el(
    'li',
    'amount',
    null,
    el('strong', 'amount-figure', amountFigure(amount)),
    ' ',
    el('span', 'amount-terms', amountTerms(amount)),
    el('q', 'amount-words', amount.text),
  );
}

function contactItem(contact) {
  const parts = [el('span', 'contact-department', contact.department)];
  if (contact.person) parts.push(' · ', el('span', 'contact-person', contact.person));
  if (contact.phone)
    parts.push(' · ', link(`tel:${contact.phone.replace(/[^\d+]/g, '')}`, contact.phone, 'contact-phone'));
  return el('li', 'contact', null, ...parts);
}

/** A clause this one replaces or was replaced by: a link to it on its own page, and why. */
function linkItem(clauseLink, asOf) {
  const other = clauseLink.clause;
  const item = el(
    'li',
    'clause-link',
    null,
    link(policyHref(other.policy.id, asOf, other.id), other.citation),
    el('p', 'link-note', clauseLink.note),
  );
  item.dataset.clauseId = other.id;
  return item;
}

/** What the API reads from the clause, or null when it reads nothing. */
function clauseFacts(clause, asOf) {
  const blocks = [
    fact('amounts', '金额 Amounts', clause.amounts.map(amountItem)),
    foldedList('conditions', '申报条件 Conditions', clause.conditions),
    foldedList('materials', '申报材料 Materials', clause.materials),
    clause.applicationPeriod
      ? fact('period', '申报时间 When to apply', [el('li', null, clause.applicationPeriod)])
      : null,
    fact('contacts', '政策咨询 Contacts', clause.contacts.map(contactItem)),
    fact(
      'supersedes',
      '取代 Replaces',
      clause.supersedes.map((l) => linkItem(l, asOf)),
    ),
    fact(
      'superseded-by',
      '后被取代 Replaced by',
      clause.supersededBy.map((l) => linkItem(l, asOf)),
    ),
  ].filter(Boolean);
  return blocks.length ? el('div', 'clause-facts', null, ...blocks) : null;
}

/** The most one applicant can receive, or 一事一议, beside the clause's anchor. */
function clauseTags(clause) {
  const tags = [];
  if (clause.maxYuan !== null) tags.push(el('span', 'tag tag-max', `最高可得 ${yuanText(clause.maxYuan)}`));
  if (clause.caseByCase) tags.push(el('span', 'tag tag-case', '一事一议'));
  return tags;
}

function clauseItem(node, depth, asOf) {
  const { clause } = node;
  const anchor = link(`#${clauseAnchor(clause.id)}`, clause.path.join(''), 'clause-anchor');
  anchor.title = `链接到此条 Link to ${clause.citation}`;
  const item = el('li', `clause depth-${depth}`, null, el('div', 'clause-meta', null, anchor, ...clauseTags(clause)));
  item.id = clauseAnchor(clause.id);
  item.dataset.clauseId = clause.id;
  item.append(clauseText(clause));
  const facts = clauseFacts(clause, asOf);
  if (facts) item.append(facts);
  if (node.children.length)
    item.append(el('ol', 'clause-children', null, ...node.children.map((child) => clauseItem(child, depth + 1, asOf))));
  return item;
}

/** The tree's items, top level first. */
export const clauseTree = (clauses, asOf) => clauseForest(clauses).map((node) => clauseItem(node, 1, asOf));
