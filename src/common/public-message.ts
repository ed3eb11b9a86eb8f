/**
 * Messages that leave the server (admin answers, /readyz) say what happened without the
 * machine's layout: no absolute paths, no engine address. Operators find those in the logs.
 */
import { basename } from 'node:path';

export interface KnownPlaces {
  /** Folders to name by a word instead of their path, e.g. { '/srv/app/data/policies': 'the data folder' }. */
  folders: Record<string, string>;
}

const ENGINE_ADDRESS = /\bhttps?:\/\/(?:\[[^\]]*\]|[^\s/:@]+)(?::\d+)?/g;
const BARE_ADDRESS = /\b(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\b/g;
const ABSOLUTE_PATH = /(?<![\w.])\/(?:[\w.@+-]+\/)+[\w.@+-]*/g;

export function publicMessage(text: string, places: KnownPlaces): string {
  let out = text;
  // Longest first, so a folder inside another is named by its own word.
  for (const [folder, word] of Object.entries(places.folders).sort((a, b) => b[0].length - a[0].length))
    out = out.replaceAll(folder, word);
  return out
    .replace(ENGINE_ADDRESS, 'the search engine')
    .replace(BARE_ADDRESS, 'the search engine')
    .replace(ABSOLUTE_PATH, (path) => basename(path));
}
