/**
 * Building the pages' elements from the API's data: every text set as text (textContent),
 * never as HTML, so a title or a clause can hold any character and stay what it says.
 */
import { STATUSES } from './statuses.js';

/** A status's Chinese label, by the API's name. */
export const STATUS_LABEL = Object.fromEntries(STATUSES.map((s) => [s.name, s.label]));

/** An element with a class and text; children appended. */
export function el(tag, className, text, ...children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  e.append(...children);
  return e;
}

/** A link with its text. */
export function link(href, text, className = null) {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

/** A document's status as a coloured label. */
export const badge = (status) => el('span', `badge status-${status}`, STATUS_LABEL[status] ?? status);

/** A period's days, open ends shown as …. */
export const periodDays = (p) => `${p.from ?? '…'} – ${p.to ?? '…'}`;

/**
 * One period of a document's bar (timeline.js segmentsOf placed it): coloured by its status,
 * hatched when inferred, ringed when it holds the chosen day; its reason on hover.
 */
export function segmentShape(s) {
  const open = `${s.from ? '' : ' open-start'}${s.to ? '' : ' open-end'}`;
  const shape = el(
    'div',
    `segment status-${s.status}${s.inferred ? ' inferred' : ''}${s.holdsDay ? ' holds-day' : ''}${open}`,
  );
  shape.style.left = `${s.left}%`;
  shape.style.width = `${Math.max(s.width, 0.3)}%`;
  shape.title = `${periodDays(s)} ${STATUS_LABEL[s.status] ?? s.status}${s.inferred ? '（推定）' : ''}\n${s.reason}`;
  Object.assign(shape.dataset, { from: s.from ?? '', to: s.to ?? '', status: s.status, inferred: String(s.inferred) });
  return shape;
}
