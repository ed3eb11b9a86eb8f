/**
 * A search snippet as the API gives it (HTML-escaped text with <mark> around the matched words)
 * into parts the page appends as text: entities turned back into their characters, so a text
 * with ASCII quotes or brackets reads as printed, never as &quot; or &lt;.
 */

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text of escaped HTML (the five entities escapeHtml writes). */
export const unescaped = (html) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** The snippet's parts in order, each with whether it is a matched (marked) word. */
export function snippetParts(snippet) {
  const parts = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: unescaped(piece), marked });
  }
  return parts;
}
