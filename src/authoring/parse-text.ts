/**
 * Turns a raw policy text (as copied from a web page) into a draft data file: the clause tree
 * with numbering as printed, and what each support item states (amounts, conditions,
 * materials, contacts, 申报时间, topics), plus dates and 文号 it can read.
 * The draft is corrected by hand into data/policies/*.yaml.
 */
import type { ClauseFile, TopicVocabulary } from '../corpus/corpus-schema.js';
import { extractAmounts, extractThresholds, mergeAmounts } from './extract-amounts.js';
import {
  NUMBERING_STYLES,
  chineseNumeral,
  listItem,
  numberedLine,
  opensBody,
  type NumberedLine,
} from '../text/numbering.js';
import { toSimplified } from '../text/chinese.js';
import { stripAnnotations } from '../text/annotations.js';
import { readMeta, signatureStart, type DraftMeta } from './read-meta.js';

export { readMeta, type DraftMeta };

export type { TopicVocabulary };

/** Sub-sections that describe their support item rather than grant anything themselves. */
export const FACETS = [
  '申报条件',
  '支持标准',
  '申报材料',
  '申报时间',
  '政策咨询',
  '实施细则',
  '申报流程',
  '申报方式',
  '支持方式',
] as const;

// Web-page furniture after which no policy text follows.
const END_MARKERS =
  /^(正在申报|相关阅读|热门文章|最新文章|信息来源|信息來源|扫一扫|附件[：:]|附件$|排版整理|责任编辑|分享到|上一篇|下一篇|【打印|【关闭|打印本页|关闭窗口|版权所有|相关新闻|相关链接|推荐阅读)/;
// A page's controls printed among a report's lines: 【字体：大 中 小】, 字号：大 中 小.
const CONTROL_LINE = /^(?:【[^】]{0,20}】\s*)+$|^(?:字号|字体)[:：]/;
// Items of a page's link lists and menus ("• …", "- 高新院新闻", "- 临沂市…申报2024-11-25").
const NOISE_LINE = /^\s*(?:•|[-–]\s)/;

interface Node {
  numbered: NumberedLine;
  lines: string[];
  children: Node[];
}

export interface DraftPolicy {
  meta: DraftMeta;
  clauses: ClauseFile[];
  /** The text as parsed: annotations removed, lines trimmed, blank lines dropped. */
  cleaned: string;
  /** Clauses whose text holds numbering that starts again (kept as text, for review). */
  restarts?: string[];
  /** The document's own opening sentence before its first clause (为…，制定本措施。). */
  preamble?: string;
}

// The sentence a document opens its clauses with: 为…/根据…, ending on what it 制定/提出.
const PREAMBLE = /^(?:为|根据|按照|依据).*(?:制定|制订|提出|出台)[^。]{0,20}[。：:]$/;

// A table's cell borders left at the end of a line by a page flattened to text ("… | ||||||").
const TABLE_RESIDUE = /[\s|]*\|[\s|]*\|[\s|]*$/;

/**
 * The raw text without pinyin annotations, table borders and blank lines, each line trimmed:
 * what the draft quotes.
 */
export function cleanSource(raw: string): string {
  return raw
    .split(/\r?\n/)
    .map((l) => stripAnnotations(l).replace(TABLE_RESIDUE, '').trim())
    .filter(Boolean)
    .join('\n');
}

/** A line this long holding several paragraphs joined by spaces is a page flattened to one line. */
const FLATTENED_LINE = 300;
// Where a flattened line's paragraphs meet: spaces after the end of a Chinese sentence, word or
// bracket and before the next one's start. Chinese text puts no space between its words.
const PARAGRAPH_GAP =
  /(?<=[\u4e00-\u9fff。，,；;：:！？!?）)》”」])[ \t\u3000]+(?=[\u4e00-\u9fff（(《“「]|\d{4}年\d{1,2}月\d{1,2}日)/;

/**
 * The paragraphs of a line: a flattened page (a notice, its signature and the measures it issues,
 * clauses and all, on one line separated by spaces) as one line each; any other line as it is.
 * A line is taken as flattened only when at least two of its parts open numbered clauses.
 */
function paragraphsOf(line: string): string[] {
  if (line.length < FLATTENED_LINE) return [line];
  const parts = line.split(PARAGRAPH_GAP);
  return parts.filter((p) => numberedLine(p) !== null).length >= 2 ? parts : [line];
}

// In a run-on paragraph: a 一、 after a full stop, and an item 1. 2. after the words before it.
const RUN_ON_LEVEL = /(?<=。)(?=[一二三四五六七八九十]{1,3}、)/;
const RUN_ON_ITEM = /(?<=[\u4e00-\u9fff）)。；;])(?=(\d{1,2})[．.](?!\d))/g;

/**
 * A long paragraph that runs a text's clauses together (…制定本措施。一、加强支持力度1.提供算力…（责任
 * 单位：高新区）2.加强…) as a line per clause: split before a 一、 that follows a full stop, and before
 * items 1. 2. 3. that count on from 1 (a lone 1. or numbers that do not count on are left as text).
 */
function runOnClauses(line: string): string[] {
  if (line.length < FLATTENED_LINE) return [line];
  const parts = line.split(RUN_ON_LEVEL);
  return parts.flatMap((part) => {
    const at = [...part.matchAll(RUN_ON_ITEM)];
    const counting = at.length >= 2 && at.every((m, i) => Number(m[1]) === i + 1);
    if (!counting) return [part];
    const cuts = [0, ...at.map((m) => m.index), part.length];
    return cuts
      .slice(1)
      .map((end, i) => part.slice(cuts[i], end))
      .filter(Boolean);
  });
}

/**
 * Lines of the policy body: blank lines and list noise dropped, and nothing after an end
 * marker. Markers count only once numbered clauses have begun, since a notice may name its
 * 附件 before the policy text it attaches, and never before the page's first sentence: a
 * 热门文章 list above the text is furniture, not its end.
 */
export function bodyLines(raw: string): string[] {
  const lines: string[] = [];
  let numbered = false;
  let prose = false;
  for (const line of raw.split(/\r?\n/).flatMap((l) => paragraphsOf(l.trim()))) {
    const t = line.trim();
    if (!t || NOISE_LINE.test(line) || CONTROL_LINE.test(t)) continue;
    if (prose && (numbered || !/[一二三四五六七八九十]、/.test(raw)) && END_MARKERS.test(toSimplified(t))) break;
    numbered ||= (numberedLine(t)?.rank ?? 9) <= 3;
    prose ||= /[。：:；]$/.test(t) || t.length > 60;
    // "（一）纳入目录。1.申报条件:" prints the next clause on the same line, after a full stop; so does
    // "一、支持算力。（一）算力券……（二）智算中心……" its （一）（二） under a 一、 or 第X条.
    const items = (numberedLine(t)?.rank ?? 9) <= 3 ? /(?<=[。；;：:])(?=[（(][一二三四五六七八九十]+[）)])/ : null;
    lines.push(
      ...runOnClauses(t)
        .flatMap((l) => l.split(/(?<=。)(?=\d{1,2}[．.、](?!\d))/))
        .flatMap((l) => (items ? l.split(items) : [l])),
    );
  }
  return lines;
}

/**
 * Clauses by printed numbering, from the first line that opens the body. A clause numbered again
 * from the start under the same parent (（一）…（七） then （一） after an unnumbered sub-heading)
 * would repeat an id: it stays text of the clause before it, and `restarts` names that clause.
 */
function buildTree(lines: string[], numbering: (NumberedLine | null)[]): { roots: Node[]; restarts: string[] } {
  const start = bodyStart(numbering);
  const roots: Node[] = [];
  const restarts: string[] = [];
  if (start < 0) return { roots, restarts };
  const open: Node[] = [];
  let folding: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (i < start) continue;
    const numbered = numbering[i];
    if (numbered && folding !== undefined && numbered.rank >= folding) {
      open[open.length - 1].lines.push(line);
      continue;
    }
    folding = undefined;
    if (!numbered) {
      open[open.length - 1]?.lines.push(line);
      continue;
    }
    while (open.length && open[open.length - 1].numbered.rank > numbered.rank) open.pop();
    const before = open[open.length - 1];
    if (before?.numbered.rank === numbered.rank && numbered.value <= before.numbered.value) {
      restarts.push(pathOf(open));
      before.lines.push(line);
      folding = numbered.rank;
      continue;
    }
    if (before?.numbered.rank === numbered.rank) open.pop();
    const node: Node = { numbered, lines: [line], children: [] };
    (open.length ? open[open.length - 1].children : roots).push(node);
    open.push(node);
  }
  return { roots, restarts };
}

/**
 * The first line of the body: the first that can open one (第一章, 一、, 第一条 numbered 1), past a
 * table of contents: three or more lines numbered in that style one after another, with nothing
 * between them, before the same numbering starts again at 1 (第一章 总则 … 第七章 附则, then 第一章 总则
 * and its 第一条).
 */
function bodyStart(numbering: (NumberedLine | null)[]): number {
  const start = numbering.findIndex(opensBody);
  if (start < 0) {
    const listed = listedStart(numbering);
    return listed >= 0 ? listed : excerptStart(numbering);
  }
  const style = numbering[start]!.style;
  let end = start;
  const follows = (i: number) => numbering[i]?.style === style && numbering[i]!.value === numbering[i - 1]!.value + 1;
  while (end + 1 < numbering.length && follows(end + 1)) end++;
  if (end - start + 1 < 3) return start;
  const again = numbering.findIndex((n, i) => i > end && n?.style === style && n.value === 1);
  return again > 0 ? again : start;
}

// The ways a call for comments lists to send them (通过信函/电子邮件/传真…): the notice's, not clauses.
const HOW_TO_COMMENT = /信函|邮寄|电子邮件|电子邮箱|传真|来信/;

/**
 * A short text numbered only （一）（二）… or 1．2．… (no 一、 or 第X条 above them): its body opens at
 * the first such item numbered 1 that a 2 of the same style follows.
 */
function listedStart(numbering: (NumberedLine | null)[]): number {
  return numbering.findIndex(
    (n, i) =>
      n !== null &&
      n.value === 1 &&
      (n.style === '（一）' || n.style === '1．') &&
      !HOW_TO_COMMENT.test(toSimplified(n.rest)) &&
      numbering.slice(i + 1).find((m) => m?.style === n.style)?.value === 2,
  );
}

/**
 * A page that prints only some items of a text (十一、… 十六、…, the rest left out): its body opens at
 * the first line numbered 一、 or 第X条 when every later line of that style counts on from it and
 * there are at least two.
 */
function excerptStart(numbering: (NumberedLine | null)[]): number {
  const first = numbering.findIndex((n) => n !== null && (n.style === '一、' || n.style === '第一条'));
  if (first < 0) return -1;
  const same = numbering.filter((n) => n?.style === numbering[first]!.style) as NumberedLine[];
  const counting = same.every((n, i) => i === 0 || n.value > same[i - 1].value);
  return same.length >= 2 && counting ? first : -1;
}

// Words a numeral starts rather than numbers (一是, 一批, 一般, 一体化, 一站式, 十大…).
const NUMERAL_WORD = /^(?:[是批些般个种流体站直定切起样项次类级同致旦并道份名家大方年月日])/;

/** A line that may be a first level printed without its 、: a numeral opening a short line with no punctuation. */
function bareNumeral(line: string): NumberedLine | null {
  const m = /^([一二三四五六七八九十]{1,3})([\u4e00-\u9fff][^。，,；;：:、\s]{1,28})$/.exec(line.trim());
  if (!m || NUMERAL_WORD.test(m[2]) || Number.isNaN(chineseNumeral(m[1]))) return null;
  return {
    style: '一、',
    rank: NUMBERING_STYLES.indexOf('一、'),
    label: m[1],
    value: chineseNumeral(m[1]),
    rest: m[2],
  };
}

/**
 * First levels printed without their 、 (一总体目标, 二加快夯实人工智能产业基础): such lines are clauses
 * when one of them is followed by the first （一） under it and they count on from 一 (a lone line
 * followed by its （一） is one too). Otherwise they are taken as text.
 */
function bareFirstLevels(lines: string[], printed: (NumberedLine | null)[]): (NumberedLine | null)[] {
  const bare = lines.map((l, i) => (printed[i] ? null : bareNumeral(l)));
  const opensItems = (i: number) => printed[i + 1]?.style === '（一）' && printed[i + 1]?.value === 1;
  const found = bare.flatMap((n, i) => (n ? [{ n, i }] : []));
  const counting = found.length >= 2 && found.every(({ n }, k) => n.value === k + 1);
  const all = counting && found.some((f) => opensItems(f.i));
  return bare.map((n, i) => (n && (all || opensItems(i)) ? n : null));
}

/** The printed numbering of each line, null for a line that opens no clause. */
function numberLines(lines: string[]): (NumberedLine | null)[] {
  const printed = lines.map(numberedLine);
  const bare = bareFirstLevels(lines, printed);
  return articlesUnderItems(printed.map((n, i) => n ?? bare[i]));
}

/**
 * 第一条 printed right under a （一） (二、政策措施 › （一）推动算力赋能 › 第一条 强化算力供给): in this text
 * the articles run inside the （一） items, so every 第X条 ranks just below （一） instead of above it.
 */
function articlesUnderItems(numbering: (NumberedLine | null)[]): (NumberedLine | null)[] {
  const first = numbering.findIndex((n) => n?.style === '第一条');
  if (first < 0 || numbering[first]!.value !== 1) return numbering;
  if (numbering.slice(0, first).findLast((n) => n !== null)?.style !== '（一）') return numbering;
  const rank = NUMBERING_STYLES.indexOf('（一）') + 0.5;
  return numbering.map((n) => (n?.style === '第一条' ? { ...n, rank } : n));
}

function pathOf(open: Node[]): string {
  return open.map((n) => n.numbered.label).join('/');
}

/**
 * A short line without sentence punctuation, followed by more text, is a heading; so is the short
 * phrase a clause opens with before its first full stop (第三条 资金来源。算力券资金来源为…, 1.支持研发。对…).
 */
function headingOf(node: Node): string | undefined {
  const rest = node.numbered.rest.trim();
  const named =
    node.numbered.style === '第一条'
      ? /^([^。，；：:,;]{2,10})。./.exec(rest)
      : /^([^。，；：:,;\d０-９]{2,16})。./.exec(rest);
  if (named) return named[1];
  const continues = node.lines.length > 1 || node.children.length > 0;
  return continues && rest && rest.length <= 30 && !/[。；，：:;,]/.test(rest) ? rest : undefined;
}

function facetOf(node: Node): string | undefined {
  const s = toSimplified(node.numbered.rest);
  return node.numbered.style === '1．' ? FACETS.find((f) => s.startsWith(f)) : undefined;
}

function nodeText(node: Node): string {
  return [...node.lines, ...node.children.map(nodeText)].join('\n');
}

/** （1）… items of a facet, with ①… sub-items and broken lines folded into their item. */
function listItems(node: Node): string[] {
  const items: string[] = [];
  for (const line of nodeText(node).split('\n').slice(1)) {
    const item = listItem(line);
    if (item !== null && !/^[①-⑩]/.test(line.trim())) items.push(item.trim());
    else if (items.length) items[items.length - 1] += line.trim();
  }
  return items;
}

function contactsOf(node: Node): NonNullable<ClauseFile['contacts']> {
  const contacts: NonNullable<ClauseFile['contacts']> = [];
  for (const line of node.lines.slice(1).map((l) => l.trim())) {
    const phone = /^(?:联系电话|聯系電話)[:：]\s*(.+?)[。.]?$/.exec(line);
    if (phone && contacts.length) contacts[contacts.length - 1].phone = phone[1].trim();
    else if (!phone) contacts.push({ department: line.replace(/[。；]$/, '') });
  }
  return contacts;
}

function topicsOf(text: string, vocabulary: TopicVocabulary): string[] {
  const s = toSimplified(text);
  return Object.entries(vocabulary)
    .filter(([, words]) => words.some((w) => s.includes(w)))
    .map(([topic]) => topic);
}

function toClause(node: Node, vocabulary: TopicVocabulary): ClauseFile {
  const heading = headingOf(node);
  const facet = facetOf(node);
  const clause: ClauseFile = {
    label: node.numbered.label,
    ...(heading ? { heading } : {}),
    ...(facet ? { facet } : {}),
    lead: node.lines.join('\n'),
  };
  const children = node.children.map((c) => toClause(c, vocabulary));
  if (children.length) clause.clauses = children;
  if (facet) return clause;
  // A support item: what its facets state is recorded on the item itself.
  const facets = node.children.filter((c) => facetOf(c));
  const sources = [clause.lead, ...facets.filter((f) => /支持标准|支持方式|实施细则/.test(facetOf(f)!)).map(nodeText)];
  const own = sources.join('\n');
  const amounts = sources.map((t) => extractAmounts(toSimplified(t), t)).reduce(mergeAmounts, []);
  if (amounts.length) clause.amounts = amounts;
  // Under 主要目标 (到2027年…营收规模突破1000亿元) sums are targets, not conditions to qualify.
  const thresholds = /目标/.test(toSimplified(heading ?? ''))
    ? []
    : extractThresholds(toSimplified(clause.lead), clause.lead);
  if (thresholds.length) clause.conditions = thresholds;
  if (/一事一议/.test(own)) clause.caseByCase = true;
  const responsible = /[（(](?:责任单位|責任單位)[:：]([^）)]+)[）)]/.exec(clause.lead);
  if (responsible) clause.contacts = responsible[1].split('、').map((department) => ({ department }));
  for (const f of facets) {
    const kind = toSimplified(f.numbered.rest);
    if (kind.startsWith('申报条件')) clause.conditions = [...(clause.conditions ?? []), ...listItems(f)];
    if (kind.startsWith('申报材料')) clause.materials = listItems(f);
    if (kind.startsWith('政策咨询')) clause.contacts = contactsOf(f);
    if (kind.startsWith('申报时间')) clause.applicationPeriod = f.lines.slice(1).join('\n').trim() || undefined;
  }
  const topics = topicsOf(nodeText(node), vocabulary);
  if (topics.length) clause.topics = topics;
  return clause;
}

/**
 * A text without printed numbering (a news report) becomes paragraphs 第1段, 第2段, …: the
 * text after its dateline, a paragraph ending where a line ends a sentence.
 */
function paragraphs(lines: string[], vocabulary: TopicVocabulary): ClauseFile[] {
  const start = lines.findIndex(isDateline) + 1;
  const found: string[][] = [[]];
  for (const line of lines.slice(start)) {
    found[found.length - 1].push(line);
    if (/[。！？!?]$/.test(line)) found.push([]);
  }
  return found
    .filter((p) => p.length)
    .map((p, i) => {
      // A report describes a policy and grants nothing itself, so no amounts are drafted.
      const lead = p.join('\n');
      const topics = topicsOf(lead, vocabulary);
      return { label: `第${i + 1}段`, lead, ...(topics.length ? { topics } : {}) };
    });
}

/**
 * A report's dateline: 日期:/发布时间:/来源: opening a line, or 日期: inside one
 * (来源:高新院 achie.org 日期:2025-08-28 点击:次).
 */
function isDateline(line: string): boolean {
  const s = toSimplified(line);
  return (
    /^(?:日期|发布时间|发表时间|文章出处|来源)[:：]|\s日期[:：]\s*\d{4}/.test(s) ||
    // 2025-03-01 10:20 来源：某市日报 作者：…
    /^\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|作者|发布|浏览|编辑|字号)/.test(
      s,
    )
  );
}

/** Parses one raw source text into a draft: clauses by printed numbering plus metadata. */
export function parsePolicyText(raw: string, vocabulary: TopicVocabulary = {}): DraftPolicy {
  const cleaned = cleanSource(raw);
  const lines = bodyLines(cleaned);
  // The signature closing the text (organs, date) after its clauses is no part of the last one.
  const signed = signatureStart(lines);
  const numbered = numberLines(lines);
  const opens = bodyStart(numbered);
  const body = opens >= 0 && signed > opens ? lines.slice(0, signed) : lines;
  const numbering = body === lines ? numbered : numberLines(body);
  const { roots, restarts } = buildTree(body, numbering);
  const first = bodyStart(numbering);
  // Without clauses, the head runs to a report's dateline (its headline is above it), else 12 lines.
  const dateline = lines.findIndex(isDateline);
  const head = lines.slice(0, first >= 0 ? first : dateline >= 0 ? dateline + 1 : 12);
  const meta = readMeta(lines.join('\n'), head);
  // A draft for comment, or a document whose issuer and date are stated (a signed notice), is a
  // document even when the page ends before its first clause: it then has none, not a report's paragraphs.
  const document = meta.draft === true || (meta.issuers !== undefined && meta.publishedOn !== undefined);
  const clauses = roots.length
    ? roots.map((n) => toClause(n, vocabulary))
    : document
      ? []
      : paragraphs(body, vocabulary);
  const opening = roots.length && first > 0 ? body[first - 1] : undefined;
  const preamble = opening && PREAMBLE.test(toSimplified(opening)) ? opening : undefined;
  return { meta, clauses, cleaned, ...(restarts.length ? { restarts } : {}), ...(preamble ? { preamble } : {}) };
}
