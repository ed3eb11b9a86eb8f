/**
 * Script conversion shared by the parser and search: Traditional → Simplified (OpenCC).
 * Conversion is character for character here, so positions in the converted text match
 * the original and a match found in one can be shown from the other.
 */
import { LRUCache } from 'lru-cache';
import * as OpenCC from 'opencc-js';

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });

/** The dictionaries of OpenCC's t2s (the converter above): entries "source replacement|…" or pairs. */
type Dict = string | readonly (readonly [string, string])[];
interface T2sConfig {
  normalizationChain?: readonly (readonly Dict[])[];
  conversionChain: readonly (readonly Dict[])[];
}

/** Every [source, replacement] entry of the conversion's dictionaries, normalisation's first. */
export function* conversionEntries(): Generator<readonly [string, string]> {
  const config = (OpenCC.Locale.configs as Record<string, T2sConfig>).t2s;
  for (const dict of [...(config.normalizationChain ?? []), ...config.conversionChain].flat()) {
    if (typeof dict !== 'string') yield* dict;
    else for (const entry of dict.split('|')) yield entry.split(' ') as [string, string];
  }
}

/**
 * Every character the conversion can change: from each entry of its dictionaries whose
 * replacement differs from its source, the source's characters that differ from the
 * replacement's at the same place (all of them when the two differ in length). A text holding
 * none of them holds no such entry, so the conversion gives it back as it is.
 */
export function changeableCharacters(): Set<string> {
  const found = new Set<string>();
  for (const [source, replacement] of conversionEntries()) {
    if (source === replacement) continue;
    const from = Array.from(source);
    const to = Array.from(replacement);
    for (const [i, ch] of from.entries()) if (from.length !== to.length || to[i] !== ch) found.add(ch);
  }
  return found;
}

/**
 * changeableCharacters of the Basic Multilingual Plane, by code unit: a text is looked at a code
 * unit at a time (a regular expression of the 4,235 characters took 60% of OpenCC's own time).
 * A surrogate (a character beyond that plane) sends the text to OpenCC.
 */
const CHANGEABLE = new Uint8Array(0x10000);
for (const ch of changeableCharacters()) if (ch.length === 1) CHANGEABLE[ch.charCodeAt(0)] = 1;

function mayChange(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (CHANGEABLE[unit] === 1 || (unit >= 0xd800 && unit <= 0xdfff)) return true;
  }
  return false;
}

/**
 * The text in Simplified characters; Simplified text comes back unchanged. Text holding none of
 * the changeable characters comes back as it is without OpenCC's walk of its tries: most text
 * served, though not all Simplified text (坏, 么, 覆 and 著 are in OpenCC's dictionaries).
 */
export function toSimplified(text: string): string {
  return mayChange(text) ? t2s(text) : text;
}

/** The conversion itself, for tests: toSimplified must give what it gives. */
export const openccToSimplified = t2s;

const shown = new LRUCache<string, string>({ max: 5000 });
/** toSimplified remembered for texts the API shows again and again (titles, issuers, headings). */
export function toSimplifiedShown(text: string): string {
  const known = shown.get(text);
  if (known !== undefined) return known;
  const simplified = toSimplified(text);
  shown.set(text, simplified);
  return simplified;
}
