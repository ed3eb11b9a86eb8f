/**
 * Documents a question names by the words of their titles (新高地政策, 超算智算那个政策), for
 * questions about a document as a whole, such as how long it holds: its status answers them, and
 * no clause's text does. A title is named by a run of three or more characters that at most two
 * titles hold (a policy and its 实施细则 share theirs); words many titles have (成都市, 政策措施,
 * 实施细则, 高质量发展) name none, and neither does a word of the domain (算力券: the draft's and the
 * news item's titles hold it, but a question saying it asks about 算力券, not those documents).
 */
import type { Snapshot } from '../snapshot/snapshot.js';
import { toSimplified } from '../text/chinese.js';

/** Titles that may share a naming run: a policy and its 实施细则. */
const SHARED_BY_AT_MOST = 2;
const SHORTEST = 3;
const LONGEST = 8;

interface TitleIndex {
  /** The titles in corpus order, Simplified. */
  titles: string[];
  /** Each run of three characters → the titles holding it (indices, ascending). */
  byTrigram: Map<string, number[]>;
}

/** Kept per snapshot: three-character runs of 4,400 titles at 100k clauses are about 120k entries. */
function titleIndex(s: Snapshot): TitleIndex {
  return s.kept('titles:index', () => {
    const titles = s.policies.map((p) => toSimplified(p.title));
    const byTrigram = new Map<string, number[]>();
    titles.forEach((title, i) => {
      for (let j = 0; j + SHORTEST <= title.length; j++) {
        const part = title.slice(j, j + SHORTEST);
        const list = byTrigram.get(part) ?? [];
        if (list.at(-1) !== i) list.push(i);
        byTrigram.set(part, list);
      }
    });
    return { titles, byTrigram };
  });
}

/** The titles holding `part` (three characters or more), or null when more than SHARED_BY_AT_MOST do. */
function holders(index: TitleIndex, part: string): number[] | null {
  let fewest: number[] | undefined;
  for (let j = 0; j + SHORTEST <= part.length; j++) {
    const list = index.byTrigram.get(part.slice(j, j + SHORTEST));
    if (!list) return [];
    if (!fewest || list.length < fewest.length) fewest = list;
  }
  // One run of three: its list is the answer, with no title read.
  if (part.length === SHORTEST) return fewest!.length <= SHARED_BY_AT_MOST ? fewest! : null;
  const found = (fewest ?? []).filter((i) => index.titles[i].includes(part));
  return found.length <= SHARED_BY_AT_MOST ? found : null;
}

/** The documents `question` names by a run of their titles, in corpus order; none when it names none. */
export function documentsNamedByTitle(s: Snapshot, question: string, domainWords: readonly string[]): string[] {
  const index = titleIndex(s);
  const domain = new Set(domainWords);
  const named = new Set<number>();
  for (const run of toSimplified(question).match(/[\u3400-\u9fff]+/g) ?? [])
    for (let i = 0; i < run.length; i++)
      for (let n = SHORTEST; n <= LONGEST && i + n <= run.length; n++) {
        const part = run.slice(i, i + n);
        if (domain.has(part)) continue;
        for (const j of holders(index, part) ?? []) named.add(j);
      }
  return [...named].sort((a, b) => a - b).map((i) => s.policies[i].id);
}
