/**
 * Documents a question names by the words of their titles (新高地政策, 超算智算那个政策), for
 * questions about a document as a whole, such as how long it holds: its status answers them, and
 * no clause's text does. A document is named by the words just before a word for a document
 * (政策, 细则, 办法 …, after 的 or 那个 or not): their longest run of three to eight characters that
 * some title holds, when at most two titles hold it (a policy and its 实施细则 share theirs). Words
 * many titles have (高质量发展) name none, nor words of the domain (算力券: the draft's and the
 * news item's titles hold it, but a question saying it asks about 算力券, not those documents).
 */
import type { Snapshot } from '../snapshot/snapshot.js';
import { toSimplified } from '../text/chinese.js';
import { Turns } from '../common/turns.js';

/** Titles that may share a naming run: a policy and its 实施细则. */
const SHARED_BY_AT_MOST = 2;
const SHORTEST = 3;
const LONGEST = 8;

/** A word for a document after its name, the end of each run read: 新高地|政策, 超算智算|那个政策. */
const DOCUMENT_WORD = /(?=(?:的|那个|这个|那份|这份)?(?:政策|细则|办法|措施|文件|通知|意见稿|规定))/g;

interface TitleIndex {
  /** The titles in corpus order, Simplified. */
  titles: string[];
  /** Each run of three characters → the titles holding it (indices, ascending). */
  byTrigram: Map<string, number[]>;
}

const INDEX = 'titles:index';

/** Makes the index before the snapshot is served, giving turns (the titles' conversion to Simplified is most of it). */
export async function prepareTitleIndex(s: Snapshot): Promise<void> {
  if (s.memo.has(INDEX)) return;
  const turns = new Turns();
  const titles: string[] = [];
  for (const p of s.policies) {
    titles.push(toSimplified(p.title));
    if (turns.due()) await turns.give();
  }
  s.memo.set(INDEX, indexOf(titles));
}

function indexOf(titles: string[]): TitleIndex {
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
}

const titleIndex = (s: Snapshot): TitleIndex =>
  s.kept(INDEX, () => indexOf(s.policies.map((p) => toSimplified(p.title))));

/** The titles holding `part` (three characters or more). */
function holders(index: TitleIndex, part: string): number[] {
  let fewest: number[] | undefined;
  for (let j = 0; j + SHORTEST <= part.length; j++) {
    const list = index.byTrigram.get(part.slice(j, j + SHORTEST));
    if (!list) return [];
    if (!fewest || list.length < fewest.length) fewest = list;
  }
  return (fewest ?? []).filter((i) => index.titles[i].includes(part));
}

/** The documents `question` names by a run of their titles, in corpus order; none when it names none. */
export function documentsNamedByTitle(s: Snapshot, question: string, domainWords: readonly string[]): string[] {
  const index = titleIndex(s);
  const domain = new Set(domainWords);
  const text = toSimplified(question);
  const named = new Set<number>();
  for (const end of [...text.matchAll(DOCUMENT_WORD)].map((m) => m.index)) {
    // The longest run some title holds, of the Chinese just before the document word (not across 的 or 关于).
    const before = /[\u3400-\u9fff]*$/
      .exec(text.slice(0, end))![0]
      .split(/的|关于/)
      .at(-1)!;
    for (let n = Math.min(LONGEST, before.length); n >= SHORTEST; n--) {
      const part = before.slice(before.length - n);
      const found = domain.has(part) ? [] : holders(index, part);
      if (!found.length) continue;
      if (found.length <= SHARED_BY_AT_MOST) for (const i of found) named.add(i);
      break;
    }
  }
  return [...named].sort((a, b) => a - b).map((i) => s.policies[i].id);
}
