/**
 * How far the corpus can answer a question, from evidence that does not depend on how the best
 * hit scored against the others (scores are relative: the best hit of any question scores about
 * 1): the places the question names and those the corpus's documents are from, the words of the
 * question no clause ever uses, the domain words it names, and how much of what it asks the
 * clauses found actually say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectPath } from '../common/paths.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { Confidence } from '../domain/trust.js';
import type { Bm25Index } from '../search/bm25-index.js';
import { toSimplified } from '../text/chinese.js';
import { normaliseText } from '../text/normalise.js';

/** `items` by the first character of their `word`, longest first: the order a text is read in (马鞍山 before 鞍山). */
function byFirstCharacter<T>(items: readonly T[], word: (item: T) => string): Map<string, T[]> {
  const byFirst = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => word(b).length - word(a).length)) {
    const first = word(item)[0];
    byFirst.set(first, [...(byFirst.get(first) ?? []), item]);
  }
  return byFirst;
}

/** The gazetteer (data/search/places.yaml), Simplified. */
export interface Gazetteer {
  /** Every place name a question may use. */
  places: string[];
  /** A district or county (龙泉驿) → the city it is part of (成都). */
  cityOf: Readonly<Record<string, string>>;
  /** `places` by their first character, longest first (byFirstCharacter). */
  byFirst: ReadonlyMap<string, readonly string[]>;
  /** Letters typed for a place (cd: 成都), as a pattern of whole Latin words, and each letters' place. */
  letters: { pattern: RegExp; place: Readonly<Record<string, string>> };
}

export function loadPlaces(dir = projectPath('data/search')): Gazetteer {
  const file = z
    .object({
      provinces: z.array(z.string().min(2)),
      cities: z.record(z.string(), z.array(z.string().min(2))),
      districts: z.record(z.string(), z.array(z.string().min(2))),
      abroad: z.array(z.string().min(2)),
      letters: z.record(z.string().regex(/^[a-z]{2,}$/), z.string().min(2)),
    })
    .parse(parse(readFileSync(join(dir, 'places.yaml'), 'utf8')));
  const cityOf = Object.fromEntries(
    Object.entries(file.districts).flatMap(([city, districts]) => districts.map((d) => [d, city])),
  );
  const places = [...file.provinces, ...Object.values(file.cities).flat(), ...Object.keys(cityOf), ...file.abroad];
  const unique = [...new Set(places)];
  // Not beside other letters or digits: 120hz, sh600123 (a stock code) name no place.
  const letters = new RegExp(`(?<![a-z0-9])(?:${Object.keys(file.letters).join('|')})(?![a-z0-9])`, 'g');
  return {
    places: unique,
    cityOf,
    byFirst: byFirstCharacter(unique, (p) => p),
    letters: { pattern: letters, place: file.letters },
  };
}

/**
 * The places of the gazetteer some document is from (its title or issuers name it), and the
 * districts of those places, per snapshot.
 */
export function placesCovered(s: Snapshot, g: Gazetteer): Set<string> {
  return s.kept('coveredPlaces', () => {
    const named = s.policies.map((p) => toSimplified(`${p.title} ${p.issuers.join(' ')}`)).join('\n');
    const covered = new Set(g.places.filter((place) => named.includes(place)));
    for (const [district, city] of Object.entries(g.cityOf)) if (covered.has(city)) covered.add(district);
    return covered;
  });
}

/** The covered places a reader is told of: cities and provinces, not each of their districts. */
export function placesCoveredByName(s: Snapshot, g: Gazetteer): string[] {
  return [...placesCovered(s, g)].filter((place) => !g.cityOf[place]);
}

/**
 * Kinds of support (data/search/support-kinds.yaml: 人才住房, 商标, 搬迁 …), each by the words
 * people and texts name it with: general knowledge of what local policies offer, not of this
 * corpus, which is checked against it.
 */
export type SupportKinds = ReadonlyMap<string, readonly string[]>;

export function loadSupportKinds(dir = projectPath('data/search')): SupportKinds {
  const file = z
    .object({ kinds: z.array(z.object({ name: z.string().min(1), words: z.array(z.string().min(2)).min(1) })) })
    .parse(parse(readFileSync(join(dir, 'support-kinds.yaml'), 'utf8')));
  return new Map(file.kinds.map((k) => [k.name, k.words]));
}

/**
 * Words people write otherwise than the texts, each with the texts' words for it, by first
 * character, longest first: the synonyms (data/search/synonyms.yaml: 参加 → 参与) and everyday words
 * (data/search/everyday-words.yaml: 到账 → 拨付, 门槛 → 申报条件), a list written from how people
 * speak, not from this corpus or the judged questions.
 */
export type WordOtherwise = readonly [
  word: string,
  otherwise: readonly string[],
  everyday: boolean,
  /** How much of the word is asking words (FRAME: 多少 in 返多少, all of 今年). */
  asking: Asking,
];
export type WordsOtherwise = ReadonlyMap<string, readonly WordOtherwise[]>;

export function loadWordsOtherwise(
  synonyms: Readonly<Record<string, readonly string[]>>,
  dir = projectPath('data/search'),
): WordsOtherwise {
  const groups = z
    .array(z.array(z.union([z.string(), z.number()]).transform(String)).min(2))
    .parse(parse(readFileSync(join(dir, 'everyday-words.yaml'), 'utf8')));
  const key = (word: string) => normaliseText(word).toLowerCase();
  const words = new Map<string, WordOtherwise>();
  for (const [word, others] of Object.entries(synonyms))
    words.set(key(word), [key(word), others, false, askingIn(key(word))]);
  for (const [formal, ...everyday] of groups)
    for (const word of everyday)
      if (!words.has(key(word))) words.set(key(word), [key(word), [formal], true, askingIn(key(word))]);
  return byFirstCharacter([...words.values()], ([word]) => word);
}

/** Whether every pair of characters of `word` is in some clause (else no clause writes the word). */
const pairsIndexed = (word: string, index: Bm25Index) =>
  [...word].every((_c, i) => i + 1 >= word.length || index.documentFrequency(word.slice(i, i + 2)) > 0);

/**
 * Whether `word` at `at` in `text` straddles two other words (入学 in 深入学习, 房补 in 机房补贴):
 * its last character and the one after make a pair the clauses write, and the character before
 * makes such a pair with its first (in a clause) or is any Han character (in a question, whose
 * words the clauses need not write: 深入). A word of four characters or more is taken as written
 * (国家工程研究中心等 names 工程研究中心, though 家工 and 心等 are pairs the clauses write).
 */
function straddles(text: string, at: number, word: string, index: Bm25Index, inClause: boolean): boolean {
  const end = at + word.length;
  if (word.length >= 4 || at === 0 || end >= text.length || index.documentFrequency(text.slice(end - 1, end + 1)) === 0)
    return false;
  return inClause ? index.documentFrequency(text.slice(at - 1, at + 1)) > 0 : /\p{Script=Han}/u.test(text[at - 1]);
}

/** Whether `text` holds `word` as a word of its own, not only across two others. */
function namesWord(text: string, word: string, index: Bm25Index, inClause: boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1))
    if (!straddles(text, at, word, index, inClause)) return true;
  return false;
}

/**
 * Whether some clause names the kind by one of its words; asked of a snapshot once per kind.
 * A word with a pair of characters no clause holds is passed over without reading any text.
 */
function kindOffered(s: Snapshot, index: Bm25Index, kind: string, words: readonly string[]): boolean {
  return s.kept(`supportKind:${kind}:${words.join(',')}`, () =>
    words.some(
      (word) => pairsIndexed(word, index) && s.clauses.some((c) => namesWord(c.searchText, word, index, true)),
    ),
  );
}

/** The words not inside another of them (注册商标, not 商标 besides). */
const longestOnly = (words: string[]) =>
  [...new Set(words)].filter((w) => !words.some((o) => o !== w && o.includes(w)));

/**
 * The places `text` names, read left to right, the longest name first at each point: 浙江宁波
 * names 浙江 and 宁波, not 江宁; 马鞍山 is not 鞍山. Each with where it starts and ends.
 */
function placesIn(text: string, g: Gazetteer): { place: string; start: number; end: number }[] {
  const found: { place: string; start: number; end: number }[] = [];
  for (let at = 0; at < text.length; ) {
    const place = g.byFirst.get(text[at])?.find((p) => text.startsWith(p, at));
    if (place) {
      found.push({ place, start: at, end: at + place.length });
      at += place.length;
    } else at++;
  }
  return found;
}

/** Verbs of going somewhere, not after 得/拿/收/过… (得到上海的补贴 is not going there). */
const GOING = /(?<![得拿收过找看办领遇听感达受想])(?:去|到|赴|前往)$/;

/**
 * Asking words (Sichuan's 啥子 and 好多, a letter's 烦请告知 and 贵局 too), figures (80w左右, 七成)
 * and dates: what a question says besides what it is about.
 */
const FRAME =
  /[0-9][0-9.,，、%]*\s*(?:万元|亿元|万|亿|元|块|w|k|个|家|人|年|月|日|号|岁|倍|成)?\s*(?:左右|上下|出头)?|(?<=[零一二两三四五六七八九十百千万亿])(?:左右|上下|出头)|你好|您好|谢谢|麻烦|请教|打扰|[零一二两三四五六七八九十几]成(?![本果立长效员功为熟])|敬请告知|烦请告知|请告知|贵市|贵局|贵单位|贵方|如有|由何|何处|一共|总共|大约|大概|差不多|怎么回事|咋个回事|咋回事|当初|(?<!适)当时|那会儿|[那这]种(?!子)|[那这哪][款笔张次份批类件家](?![子具])|那个|这个|那位|这位|随便|非得|一样|啥子|好多|哪块|那块|这块|那边|这边|听人说|(?<!不)同事|照着|有没有|有无|能不能|可不可以|可以|能否|是否|怎么|怎样|如何|咋|什么|哪些|哪个|哪里|多少|多久|请问|听说|帮我|看看|我们|俺们|我司|我公司|咱们|你们|他们|她们|别人|自己|大家|公司|企业|事情|现在|目前|今年|去年|明年|以后|之后|以前|之前|时候|的话|一下|还能|还有|[吗呢啊吧呀哦嘛了的]/g;

/**
 * A phone number (028-61884664, or 61884664 without its area code): its number. Not a sum or a
 * count (5000000元, 12345678个).
 */
const PHONE =
  /(?<![\d.])(?:0\d{2,3}-(\d{7,8})|(\d{8}))(?![\d.]|\s*(?:万元|亿元|元|万|亿|块|w|k|个|家|人|年|月|日|号|岁|倍|%))/g;
/** The words of content not in Chinese: Latin (bt, jxj) and phone numbers. */
const LATIN_OR_PHONE = /[a-z][a-z0-9]+|\d{7,8}/g;

/** An A-not-A question's doubled verb: 够不够格, 沾不沾边, 有没有, 能不能, 可不可以. */
const A_NOT_A = /([\u3400-\u9fff])[不没]\1/g;

type Asking = 'none' | 'some' | 'only';

/** How much of `word` is asking words (FRAME); read once a word, when the list is loaded. */
function askingIn(word: string): Asking {
  const rest = word.replace(FRAME, '');
  return rest === word ? 'none' : rest.trim() ? 'some' : 'only';
}

/**
 * Characters of everyday speech that carry no subject (那个, 是不是已经, 还能拿, 总共发): a word
 * the corpus never writes counts as evidence of another subject only for its other characters.
 * Passage coverage skips them too, so a character of a subject word stays out (请 of 申请).
 */
const GLUE =
  '那这哪个些各每是不否已经之前后以还都也就能会要被把给到得着过了有没上下里来去拿领发评选打找问说讲报跟套多少几啥咋么吗呢啊呀吧嘛儿总共大概到底再又才刚想让叫用做搞弄掉花管归它完按占带挂在' +
  // Numbers in words are figures, not subjects (百分之几, 五百来万).
  '零一二两三四五六七八九十百千万亿半来';

/** Words 在 begins (在孵企业, 在建工程, 在线教育): there it is no 在 of speech (在云上租卡, 跑在英伟达的卡上). */
const ZAI_WORDS = /^在[孵建线职岗校读编研营售运]/;

/** Whether the character at `i` of `text` is speech (GLUE), 在 of ZAI_WORDS not. */
const glueAt = (text: string, i: number) => GLUE.includes(text[i]) && !ZAI_WORDS.test(text.slice(i, i + 2));

/**
 * Characters of speech that begin no noun a question names (多 begins 多肽, 打 打印机, 会 会展):
 * 做无人配送车, 那款耳机; and those that end none (会 ends 博览会, 家 专家): 摄像头上, 矿架拿.
 */
const GLUE_BEFORE = '那这哪个些是不还都也就要被把给到得着过了没跟做搞弄让叫';
const GLUE_AFTER = '上下里了过着吗呢啊呀吧嘛拿领是不';

/** `word` without speech at its ends (GLUE_BEFORE, GLUE_AFTER); the word itself if that leaves one character. */
function withoutGlueAtEnds(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && GLUE_BEFORE.includes(word[start])) start++;
  while (end > start && GLUE_AFTER.includes(word[end - 1])) end--;
  return end - start >= 2 ? word.slice(start, end) : word;
}

/** Likeness after a place (跟成都差不多, 像成都那样, 和成都一样): the place is a yardstick. */
const LIKENESS = '(?:差不多|一样|类似|相似|相同|相比|那样|那种|这样)';

/** Whether every mention of `place` in `text` is one compared with (跟/和/与/同/像/比 … 一样). */
function onlyComparedWith(text: string, place: string): boolean {
  const mentions = text.split(place).length - 1;
  const compared = text.match(new RegExp(`(?:跟|和|与|同|像|比)${place}[市的]?.{0,4}?${LIKENESS}`, 'g'))?.length ?? 0;
  return compared > 0 && compared === mentions;
}

/**
 * Whether every mention of `place` is where one goes (去新加坡参展, 到浙江宁波出差): not whose
 * policy is asked. `mentions` are the text's places in order.
 */
function onlyGoneTo(
  text: string,
  place: string,
  mentions: readonly { place: string; start: number; end: number }[],
): boolean {
  return mentions.every((m, i) => {
    if (m.place !== place) return true;
    // A place before it with nothing between (浙江 before 宁波) is part of the same destination.
    let start = m.start;
    for (let j = i - 1; j >= 0 && mentions[j].end === start; j--) start = mentions[j].start;
    return GOING.test(text.slice(0, start));
  });
}

export interface QuestionEvidence {
  /** Places named that no document is from (上海, 绵阳…), when the question names none that one is from. */
  elsewhere: string[];
  /** `elsewhere` as a reader is told of them: a district with its city, 海淀（北京）. */
  elsewhereSaid: string[];
  /** Places named that some document is from. */
  covered: string[];
  /** The question without its asking words, figures and places: what it is about. */
  content: string;
  /** Runs of two or more characters of `content` that no clause's text has in any pair: words the corpus never uses. */
  unknownWords: string[];
  /** Share of `content`'s characters in such words. */
  unknownShare: number;
  /** The list's words for kinds of support the question names and no clause offers (商标). */
  supportNotOffered: string[];
  /** Whether it names a kind of support some clause offers too. */
  kindOffered: boolean;
}

/**
 * What the question names, read against the corpus: `index` answers how many clauses hold each
 * pair of characters (0: the corpus never writes them together).
 */
export function questionEvidence(
  question: string,
  s: Snapshot,
  index: Bm25Index,
  g: Gazetteer,
  /** Words people write otherwise than the texts (loadWordsOtherwise). */
  otherwise: WordsOtherwise = new Map(),
  kinds: SupportKinds = new Map(),
): QuestionEvidence {
  // An A-not-A question asks A (够不够格: 够格; 沾不沾边: 沾边; 有没有: 有).
  const text = normaliseText(toSimplified(question))
    .toLowerCase()
    .replace(A_NOT_A, '$1')
    .replace(g.letters.pattern, (letters) => g.letters.place[letters]);
  // Each kind the question names, with the words it names it by.
  const kindsNamed = [...kinds]
    .map(([kind, words]) => ({ kind, words, named: words.filter((w) => namesWord(text, w, index, false)) }))
    .filter((k) => k.named.length);
  const notOffered = kindsNamed.filter((k) => !kindOffered(s, index, k.kind, k.words));
  const coveredPlaces = placesCovered(s, g);
  const mentions = placesIn(text, g);
  const named = [...new Set(mentions.map((m) => m.place))];
  // 重庆有没有跟成都差不多的…: a place named only to compare with is not what is asked about.
  const covered = named.filter((p) => coveredPlaces.has(p) && !onlyComparedWith(text, p));
  const elsewhere = covered.length ? [] : named.filter((p) => !coveredPlaces.has(p) && !onlyGoneTo(text, p, mentions));
  // A phone number (028-61884664) is what is asked about, not a figure: kept from FRAME, by its number.
  const phones = [...text.matchAll(PHONE)].map((m) => m[1] ?? m[2]);
  let content = text.replace(PHONE, ' ');
  // A place with its 省, 市, 区 or 县 (成都市, 龙泉驿区): where, not what.
  for (const p of named) content = content.replace(new RegExp(`${p}[省市区县]?`, 'g'), ' ');
  // A word the texts write otherwise is known by the way they write it. A synonym is replaced by
  // theirs; an everyday word (到账: 拨付) is only no word the corpus lacks (`judged`), and
  // whether a clause states it is read from the question's own words (`content`).
  let judged = content;
  const replaceWritten = (which: Asking) => {
    const written = [...new Set(content)].flatMap((c) => otherwise.get(c) ?? []).filter((w) => w[3] === which);
    for (const [word, others, everyday] of written.sort((a, b) => b[0].length - a[0].length)) {
      // Each string on its own: a longer everyday word (参加展会) replaced in `judged` leaves a
      // synonym inside it (参加 → 参与) still to replace in `content`.
      const inJudged = judged.includes(word);
      const inContent = !everyday && content.includes(word);
      if ((!inJudged && !inContent) || pairsIndexed(word, index)) continue;
      const known = others.find((w) => pairsIndexed(w, index));
      if (!known) continue;
      if (inJudged) judged = judged.replaceAll(word, ` ${known} `);
      if (inContent) content = content.replaceAll(word, ` ${known} `);
    }
  };
  // Everyday words holding an asking word (返多少, 能拿多少) before the asking words go, the others
  // after: one that is only asking words (多久, 今年) is taken out, not replaced, and no word put in
  // (高企: 高新技术企业) loses a part of itself to them.
  replaceWritten('some');
  content = `${content.replace(FRAME, ' ')} ${phones.join(' ')}`;
  judged = `${judged.replace(FRAME, ' ')} ${phones.join(' ')}`;
  replaceWritten('none');
  const unknownWords: string[] = [];
  let contentChars = 0;
  let unknownChars = 0;
  for (const run of judged.match(/[\u3400-\u9fff]+/g) ?? []) {
    contentChars += run.length;
    // A character is known when a pair it is in occurs in some clause.
    const known = Array.from({ length: run.length }, () => false);
    for (let i = 0; i + 1 < run.length; i++)
      if (index.documentFrequency(run.slice(i, i + 2)) > 0) known[i] = known[i + 1] = true;
    for (let i = 0; i < run.length; ) {
      if (known[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < run.length && !known[j]) j++;
      if (j - i >= 2) {
        const word = run.slice(i, j);
        const said = [...word].filter((_c, k) => !glueAt(word, k)).length;
        // Words of speech alone (那个, 还有没有, 之前买) say nothing of what is asked; a word is
        // told without the speech at its ends (做无人配送车: 无人配送车; 矿架拿: 矿架).
        if (said > 0) {
          unknownWords.push(withoutGlueAtEnds(word));
          unknownChars += said;
        }
      }
      i = j;
    }
  }
  for (const word of judged.match(LATIN_OR_PHONE) ?? []) {
    contentChars += word.length;
    if (index.documentFrequency(word) === 0) {
      unknownWords.push(word);
      unknownChars += word.length;
    }
  }
  return {
    elsewhere,
    elsewhereSaid: elsewhere.map((p) => (g.cityOf[p] ? `${p}（${g.cityOf[p]}）` : p)),
    covered,
    content: content.replace(/\s+/g, ' ').trim(),
    unknownWords,
    unknownShare: contentChars ? unknownChars / contentChars : 0,
    supportNotOffered: longestOnly(notOffered.flatMap((k) => k.named)),
    kindOffered: notOffered.length < kindsNamed.length,
  };
}

/**
 * Share of `content`'s characters that `clauseText` (normalised, as searched) states: those in a
 * pair of characters, or a Latin or digit word, that it holds too. A clause about what the
 * question asks covers most of it; one that only shares 补贴 or 人才 covers little.
 */
export function passageCoverage(content: string, clauseText: string): number {
  let total = 0;
  let covered = 0;
  for (const run of content.match(/[\u3400-\u9fff]+/g) ?? []) {
    const hit = Array.from({ length: run.length }, () => false);
    for (let i = 0; i + 1 < run.length; i++) if (clauseText.includes(run.slice(i, i + 2))) hit[i] = hit[i + 1] = true;
    // A character next to a stated pair and in the text too: 普惠券 against 普惠算力券.
    for (let i = 0; i < run.length; i++)
      if (!hit[i] && (hit[i - 1] || hit[i + 1]) && clauseText.includes(run[i])) hit[i] = true;
    // Words of speech count neither way.
    for (let i = 0; i < run.length; i++) {
      if (glueAt(run, i)) continue;
      total++;
      if (hit[i]) covered++;
    }
  }
  for (const word of content.match(LATIN_OR_PHONE) ?? []) {
    total += word.length;
    if (clauseText.toLowerCase().includes(word)) covered += word.length;
  }
  return total ? covered / total : 0;
}

export interface Answerability {
  answerable: boolean;
  confidence: Confidence;
  /** Why LOW or NONE, in Chinese, for a chatbot to pass on; null for HIGH. */
  coverageNote: string | null;
}

/** What retrieve found, as the judgement of coverage reads it. */
export interface Found {
  /** Whether the question names a document of the corpus: by 文号, or (asking whether it holds) by its title or year. */
  namesDocument: boolean;
  /** The best coverage of the question's content by one of the clauses found (0..1). */
  coverage: number;
  /** Whether a passage in force on the day answers. */
  inForce: boolean;
  /**
   * Whether the clause that matches best is not in force (lapsed, repealed, a draft), even where
   * an in-force successor answers in its place: the answer then has to say so (LOW). Chosen on
   * dev over "only where nothing replaced it" (HIGH/LOW as expected 96 % against 93 %).
   */
  lapsed: boolean;
  /** Whether anything at all was found. */
  anything: boolean;
  /** Documents the question names by title or year (asking whether they hold), none in force on the day. */
  namedNotInForce?: boolean;
}

/**
 * Below this coverage by the best clause found, the corpus has nothing on what the question
 * asks; at or above FULL, a clause in force states it. Chosen on the dev split of
 * data/search/answerability.yaml (a grid of 0.2–0.35, 0.4–0.6 and 0.15–0.3; `npm run
 * judge:answerability`).
 */
export const ANSWER_COVERAGE = 0.3;
export const FULL_COVERAGE = 0.4;
/** Above this share of the question's words unknown to every clause, it is about something else… */
export const UNKNOWN_SHARE = 0.2;
/** …unless a clause found states this much of it all the same (the same dev figures as without). */
export const STATED_DESPITE_UNKNOWN = 0.8;

const list = (xs: readonly string[]) => xs.join('、');

export function answerability(
  evidence: QuestionEvidence,
  found: Found,
  coveredPlaces: readonly string[],
): Answerability {
  const none = (coverageNote: string): Answerability => ({
    answerable: false,
    confidence: Confidence.NONE,
    coverageNote,
  });
  if (evidence.elsewhere.length)
    return none(
      `本库只收录${list(coveredPlaces)}的政策，没有${list(evidence.elsewhereSaid)}的政策，无法回答这个问题；请查询当地政府或主管部门的公开信息。`,
    );
  // 有商标注册补贴吗: a kind of support no clause offers, none that one does, and no clause found
  // that states the question all the same.
  const otherKind = evidence.supportNotOffered.length > 0 && !evidence.kindOffered;
  if (!found.namesDocument && otherKind && found.coverage < STATED_DESPITE_UNKNOWN)
    return none(`本库的政策条款中没有关于${list(evidence.supportNotOffered)}的支持内容，无法回答这个问题。`);
  if (!found.namesDocument && (!found.anything || !evidence.content))
    return none('本库的政策条款中没有与这个问题相关的内容。');
  const unknownWords = evidence.unknownShare > UNKNOWN_SHARE && found.coverage < STATED_DESPITE_UNKNOWN;
  if (!found.namesDocument && (found.coverage < ANSWER_COVERAGE || unknownWords)) {
    const words = evidence.unknownWords.length ? `（条款中没有提到“${list(evidence.unknownWords.slice(0, 3))}”）` : '';
    return none(`本库的政策条款没有涉及这个问题所问的内容${words}。`);
  }
  // 24年那个人工智能细则还管用吗: what holds today does not answer whether the document asked about does.
  if (found.namedNotInForce)
    return {
      answerable: true,
      confidence: Confidence.LOW,
      coverageNote: '问题所指的文件在所问日期不是现行有效的（其效力及原因随所列文件给出），回答时须说明其效力。',
    };
  if (found.inForce && !found.lapsed && found.coverage >= FULL_COVERAGE)
    return { answerable: true, confidence: Confidence.HIGH, coverageNote: null };
  if (!found.inForce || found.lapsed)
    return {
      answerable: true,
      confidence: Confidence.LOW,
      coverageNote:
        '与问题最相关的条款在所问日期不是现行有效的（已失效、已废止、尚未生效或仅为征求意见稿），回答时须说明其效力。',
    };
  return {
    answerable: true,
    confidence: Confidence.LOW,
    coverageNote: '现行条款只涉及问题的一部分，回答时须说明哪些内容条款没有写明。',
  };
}
