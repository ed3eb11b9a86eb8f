/**
 * Script conversion shared by the parser and search: Traditional → Simplified (OpenCC).
 * Conversion is character for character here, so positions in the converted text match
 * the original and a match found in one can be shown from the other.
 */
import { LRUCache } from 'lru-cache';
import * as OpenCC from 'opencc-js';

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });

/** The text in Simplified characters; Simplified text comes back unchanged. */
export function toSimplified(text: string): string {
  return t2s(text);
}

const shown = new LRUCache<string, string>({ max: 5000 });
/** toSimplified remembered for texts the API shows again and again (titles, issuers, headings). */
export function toSimplifiedShown(text: string): string {
  const known = shown.get(text);
  if (known !== undefined) return known;
  const simplified = t2s(text);
  shown.set(text, simplified);
  return simplified;
}
