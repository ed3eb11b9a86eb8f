/**
 * Script conversion shared by the parser and search: Traditional → Simplified (OpenCC).
 * Conversion is character for character here, so positions in the converted text match
 * the original and a match found in one can be shown from the other.
 */
import * as OpenCC from 'opencc-js';

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });

/** The text in Simplified characters; Simplified text comes back unchanged. */
export function toSimplified(text: string): string {
  return t2s(text);
}
