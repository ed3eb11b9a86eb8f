/**
 * Documents a question names by the words of their titles (新高地政策, 超算智算那个政策), for
 * questions about a document as a whole, such as how long it holds: its status answers them, and
 * no clause's text does. A document is named by the words just before a word for a document
 * (政策, 细则, 办法 …, after 的 or 那个 or not): their longest run of three to eight characters that
 * some title holds, when at most two titles hold it (a policy and its 实施细则 share theirs). Words
 * many titles have (高质量发展) name none, nor words of the domain (算力券: the draft's and the
 * news item's titles hold it, but a question saying it asks about 算力券, not those documents).
 * A year before the words names the documents of that year holding them (23年的算力政策: the 2023
 * measures and their 实施细则), two characters enough when the year narrows the titles down.
 */
import type { Snapshot } from '../snapshot/snapshot.js';
import { toSimplified } from '../text/chinese.js';
import { Turns } from '../common/turns.js';
import { type DocumentByYear, documentsByYear } from './question.js';

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
  /** Each document's years (yearsOf), in corpus order. */
  years: Set<number>[];
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
  s.memo.set(INDEX, indexOf(s, titles));
}

function indexOf(s: Snapshot, titles: string[]): TitleIndex {
  const byTrigram = new Map<string, number[]>();
  titles.forEach((title, i) => {
    for (let j = 0; j + SHORTEST <= title.length; j++) {
      const part = title.slice(j, j + SHORTEST);
      const list = byTrigram.get(part) ?? [];
      if (list.at(-1) !== i) list.push(i);
      byTrigram.set(part, list);
    }
  });
  return { titles, byTrigram, years: s.policies.map(yearsOf) };
}

const titleIndex = (s: Snapshot): TitleIndex =>
  s.kept(INDEX, () =>
    indexOf(
      s,
      s.policies.map((p) => toSimplified(p.title)),
    ),
  );

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

/** Words between a year and the document word that name nothing: 那个, 出台的, 成都市关于 …的. */
const NOT_TITLE_WORDS = /的|那个|这个|那份|这份|出台|发布|印发|出的|关于|成都市?|市里|我们/g;
/** Document words a title holds when it is of that kind; the others (文件, 通知) name any kind. */
const TITLE_WORDS = new Set(['政策', '细则', '措施', '办法', '意见稿']);

/** The years a document is of: its 文号's, its publication's, its coming into force's. */
function yearsOf(p: Snapshot['policies'][number]): Set<number> {
  const years = new Set<number>();
  const numbered = p.docNumber ? /[〔［[（(](\d{4})[〕］\]）)]/.exec(p.docNumber) : null;
  if (numbered) years.add(Number(numbered[1]));
  for (const day of [p.publishedOn, p.effectiveFrom]) if (day) years.add(Number(day.slice(0, 4)));
  return years;
}

/**
 * The documents of `year` whose title holds every word of two characters or more of `words`
 * (人工智能, not 国家 or 人才公寓 besides) and `documentWord` when a title of that kind would: at
 * most two, and none when `words` has no such word.
 */
function namedByYear(index: TitleIndex, named: DocumentByYear, inTitles: string): number[] {
  const words = inTitles.split(NOT_TITLE_WORDS).filter((w) => w.length >= 2);
  if (!words.length) return [];
  const found = index.titles.flatMap((title, i) => {
    const kind = !TITLE_WORDS.has(named.documentWord) || title.includes(named.documentWord);
    return kind && index.years[i].has(named.year) && words.every((w) => title.includes(w)) ? [i] : [];
  });
  return found.length <= SHARED_BY_AT_MOST ? found : [];
}

/** A Latin word as titles write it (ai: 人工智能), by the synonyms; else the word itself. */
function inChinese(synonyms: Readonly<Record<string, readonly string[]>>, latin: string): string {
  const key = Object.keys(synonyms).find((word) => word.toLowerCase() === latin.toLowerCase());
  return (key && synonyms[key].find((word) => /^[\u3400-\u9fff]+$/.test(word))) || latin;
}

/** The documents `question` names by a run of their titles, or by their year and a word of their title, in corpus order; none when it names none. */
export function documentsNamedByTitle(
  s: Snapshot,
  question: string,
  today: string,
  domainWords: readonly string[],
  /** Words written otherwise in titles (AI: 人工智能), from the search's synonyms. */
  synonyms: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const index = titleIndex(s);
  const domain = new Set(domainWords);
  const text = toSimplified(question);
  const named = new Set<number>();
  for (const byYear of documentsByYear(question, today)) {
    const inTitles = byYear.words.replace(/[a-z]+/gi, (latin) => inChinese(synonyms, latin)).replace(/\s+/g, '');
    for (const i of namedByYear(index, byYear, inTitles)) named.add(i);
  }
  if (named.size) return [...named].sort((a, b) => a - b).map((i) => s.policies[i].id);
  for (const end of [...text.matchAll(DOCUMENT_WORD)].map((m) => m.index)) {
    // The longest run some title holds, of the Chinese just before the document word (not across 的, 关于 or 那个).
    const before = /[\u3400-\u9fff]*$/
      .exec(text.slice(0, end))![0]
      .split(/的|关于|[那这哪][个份项]/)
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
