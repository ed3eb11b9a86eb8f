/**
 * Checks the citations of a drafted answer against the corpus as on a day: every 《title》 with
 * its numbering (一（二）, 第三条, 三、 or none) and every 文号, each resolved to a document and
 * clause, its status on the day, and the sums and rates the same sentence gives for it compared
 * with those the clause states. The first verdict that applies wins: NOT_FOUND, NOT_IN_FORCE,
 * MISQUOTED, VALID (src/domain/trust.ts).
 */
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';
import { chineseDate } from '../domain/dates.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import { CitationVerdict } from '../domain/trust.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { policyByDocNumber } from '../snapshot/lists.js';
import { toSimplified } from '../text/chinese.js';
import { chineseNumeral } from '../text/numbering.js';

/** A drafted answer is checked up to this many characters (a long answer of a few pages). */
export const MAX_DRAFT_LENGTH = 20_000;

export interface CitationCheckResult {
  cited: string;
  verdict: CitationVerdict;
  clause: Clause | null;
  policy: Policy | null;
  successor: Clause | null;
  wrongFigures: string[];
  reason: string;
}

/** A citation found in a text: where it stands, what it names. */
interface Found {
  cited: string;
  start: number;
  end: number;
  title: string | null;
  docNumber: string | null;
  /** The numbering's values, outermost first (一（二） → [1, 2]); empty for the document. */
  path: number[];
  /** The numbering as written, for the reason. */
  numbering: string;
}

const NUMERAL = '[一二三四五六七八九十两零〇]+|\\d+';
/**
 * What ends a numbering written bare, as the service cites a clause (《…若干政策》二，): a mark,
 * a space or the end, a point (一1．), or a word of saying (二规定). 《…》三年内, 二〇二五年 and
 * 三中全会 name no clause.
 */
const BARE_END =
  '(?=[，,。；;：:）)\\s]|$|\\d+[．.](?!\\d)|规定|規定|明确|明確|提出|提到|指出|要求|写明|寫明|载明|載明)';
/**
 * 第三条, 三、, 三（二）, 三（二）1．, 三1．, （二）, 三 alone before a comma, and a news item's 第2段:
 * what may follow a title or 文号.
 */
const NUMBERING = new RegExp(
  `^\\s*(?:第(${NUMERAL})[条條段]|(${NUMERAL.replace('|\\d+', '')})(?:、|(?=[（(])|${BARE_END}))?(?:[（(](${NUMERAL})[）)])?(?:(\\d+)[．.](?!\\d))?`,
);
const TITLE = /《([^《》\n]{2,120})》/g;
const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*[号號]/g;
/** Words joining a 文号 to the text before it, not part of its issuer: 根据成办发… → 成办发… */
const BEFORE_ISSUER =
  /^(?:根据|根據|依据|依據|依照|按照|按|据|據|参照|參照|对照|以及|和|与|與|及|跟|或|的|是|在|看|按照|见|見|即|如)+/;

const numeralValue = (numeral: string): number =>
  /^\d+$/.test(numeral) ? Number(numeral) : chineseNumeral(numeral.replace(/[〇]/g, '零'));

/** The numbering after `at` in `text`: its values and its words. */
function numberingAt(text: string, at: number): { path: number[]; words: string } {
  const m = NUMBERING.exec(text.slice(at));
  if (!m?.[0].trim()) return { path: [], words: '' };
  const [words, article, item, sub, point] = m;
  const first = article ?? item;
  // A lone （二） after a title names no article: it is read as the document.
  if (first === undefined) return { path: [], words: '' };
  const path = [numeralValue(first)];
  if (sub !== undefined) path.push(numeralValue(sub));
  // 一1．is item 1 of 一; in a list (一、2.《…》) the 2. after 、 is the list's next number.
  const listed = sub === undefined && words.includes('、');
  if (point !== undefined && !listed) path.push(Number(point));
  const said = point !== undefined && listed ? words.slice(0, words.lastIndexOf(point)) : words;
  return path.some(Number.isNaN) ? { path: [], words: '' } : { path, words: said.trimEnd() };
}

/**
 * Where the issuer of a 文号 starts in `match` (the pattern takes up to twelve characters before
 * the year): the longest ending that names a document of the corpus, else after the last word
 * that joins it to the text before (您提到的成新经济（2023）1号 → 成新经济（2023）1号).
 */
function issuerStart(match: string, s: Snapshot): number {
  const bracket = match.search(/[〔[［【(（]/);
  for (let at = 0; at < bracket - 1; at++)
    if (policyByDocNumber(s, normaliseDocNumber(toSimplified(match.slice(at))))) return at;
  // An unknown number of a known issuer: 相关标准可参考成经信办(2024)61号 → 成经信办(2024)61号.
  const issuers = s.kept('docNumberIssuers', () =>
    s.policies.flatMap((p) => (p.docNumber ? [toSimplified(p.docNumber.split('〔')[0])] : [])),
  );
  const before = toSimplified(match.slice(0, bracket)).trimEnd();
  const issuer = issuers.filter((i) => before.endsWith(i)).sort((a, b) => b.length - a.length)[0];
  if (issuer) return before.length - issuer.length;
  const joined = /.*[的了是到在为将把即按据]/.exec(match.slice(0, bracket))?.[0].length ?? 0;
  return joined || (BEFORE_ISSUER.exec(match)?.[0].length ?? 0);
}

/** Every citation of `text`, in order: titles with their numbering, then 文号 standing alone. */
function citationsIn(text: string, s: Snapshot): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(TITLE)) {
    let end = m.index + m[0].length;
    // 《title》（成经信办〔2024〕16号）: the 文号 printed with the title belongs to it.
    const printed = /^\s*[（(]([^（）()]{4,30}[号號])[）)]/.exec(text.slice(end));
    if (printed) end += printed[0].length;
    const { path, words } = numberingAt(text, end);
    end += words.length;
    found.push({
      cited: text.slice(m.index, end).trim(),
      start: m.index,
      end,
      title: m[1],
      docNumber: printed ? printed[1] : null,
      path,
      numbering: words.trim(),
    });
  }
  const inTitle = (at: number) => found.some((f) => f.start <= at && at < f.end);
  for (const m of text.matchAll(DOC_NUMBER)) {
    const lead = issuerStart(m[0], s);
    const start = m.index + lead;
    if (inTitle(start)) continue;
    let end = m.index + m[0].length;
    const { path, words } = numberingAt(text, end);
    end += words.length;
    found.push({
      cited: text.slice(start, end).trim(),
      start,
      end,
      title: null,
      docNumber: m[0].slice(lead),
      path,
      numbering: words.trim(),
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A title as compared: Simplified, no spaces or quotes, no 征求意见稿 mark, no 关于印发〈…〉的通知 around it. */
export function titleKey(title: string): string {
  let t = toSimplified(title).replace(/[\s“”"'‘’「」『』]/g, '');
  t = t.replace(/[（(]征求意见稿[）)]/g, '');
  const wrapped = /^关于印发[〈<《](.+)[〉>》]的通知$/.exec(t);
  return wrapped ? wrapped[1] : t;
}

function policyByTitle(s: Snapshot, title: string): Policy | null {
  const byKey = s.kept('policiesByTitle', () => new Map(s.policies.map((p) => [titleKey(p.title), p])));
  return byKey.get(titleKey(title)) ?? null;
}

/** A figure as written in a draft: a sum (500万元, 1亿元, 1000元) or a rate (60%, 百分之三十). */
interface Figure {
  written: string;
  /** Yuan for a sum, a fraction for a rate. */
  value: number;
  rate: boolean;
}

const SUM = /(\d+(?:\.\d+)?)\s*(亿元|万元|亿|万|元)/g;
const RATE = /(\d+(?:\.\d+)?)\s*[%％]|百分之([一二三四五六七八九十]+|\d+)/g;
const UNIT: Record<string, number> = { 元: 1, 万: 1e4, 万元: 1e4, 亿: 1e8, 亿元: 1e8 };

function figuresIn(text: string): Figure[] {
  const t = toSimplified(text).replace(/(\d),(\d{3})/g, '$1$2');
  const out: Figure[] = [];
  for (const m of t.matchAll(SUM)) {
    // Counts and years are not sums: 2025年, 300份 never match; 万 alone needs a number before it.
    out.push({ written: m[0].replace(/\s+/g, ''), value: Number(m[1]) * UNIT[m[2]], rate: false });
  }
  for (const m of t.matchAll(RATE)) {
    const n = m[1] !== undefined ? Number(m[1]) : /^\d+$/.test(m[2]) ? Number(m[2]) : chineseNumeral(m[2]);
    out.push({ written: m[0], value: n / 100, rate: true });
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** The figures a clause states: its amounts, and every sum and rate in its text and its sub-items'. */
function statedBy(s: Snapshot, clauses: readonly Clause[]): Figure[] {
  const out: Figure[] = [];
  const visit = (c: Clause) => {
    out.push(...figuresIn(c.text));
    for (const a of s.amountsOf(c.id)) {
      if (a.yuan !== null && a.yuan !== undefined) out.push({ written: '', value: a.yuan, rate: false });
      if (a.rate !== null && a.rate !== undefined) out.push({ written: '', value: a.rate, rate: true });
    }
    for (const child of s.childrenOf(c.id)) visit(child);
  };
  for (const c of clauses) visit(c);
  return out;
}

/** Sentences end at 。！？ and line breaks; a citation's figures are those of its part of its sentence. */
const SENTENCE_END = /[。！？!?\n]/;

function figuresFor(text: string, citations: Found[], i: number): Figure[] {
  const c = citations[i];
  let start = c.start;
  while (start > 0 && !SENTENCE_END.test(text[start - 1])) start--;
  // Of a sentence citing several, each has the words from the previous one's end to the next one's start.
  const previous = citations[i - 1];
  if (previous && previous.end > start) start = c.start;
  let end = c.end;
  while (end < text.length && !SENTENCE_END.test(text[end])) end++;
  const next = citations[i + 1];
  if (next && next.start < end) end = next.start;
  const around = `${text.slice(start, c.start)} ${text.slice(c.end, end)}`;
  return figuresIn(around);
}

const named = (p: Policy) => `《${p.title}》`;

export function verifyCitations(s: Snapshot, text: string, asOf: string): CitationCheckResult[] {
  const citations = citationsIn(text, s);
  return citations.map((c, i) => {
    const result = (
      verdict: CitationVerdict,
      reason: string,
      rest: Partial<CitationCheckResult> = {},
    ): CitationCheckResult => ({
      cited: c.cited,
      verdict,
      clause: null,
      policy: null,
      successor: null,
      wrongFigures: [],
      reason,
      ...rest,
    });
    const byTitle = c.title === null ? null : policyByTitle(s, c.title);
    const byNumber = c.docNumber === null ? null : policyByDocNumber(s, normaliseDocNumber(toSimplified(c.docNumber)));
    if (c.title !== null && !byTitle) return result(CitationVerdict.NOT_FOUND, `本库中没有题为《${c.title}》的文件。`);
    if (c.title === null && !byNumber)
      return result(CitationVerdict.NOT_FOUND, `本库中没有文号为${c.docNumber}的文件。`);
    const policy = (byTitle ?? byNumber)!;
    let clause: Clause | null = null;
    if (c.path.length) {
      clause = s.clause(`${policy.id}/${c.path.join('.')}`);
      // 第2段 names a paragraph of a news item, whose clauses are cited so, and nothing else.
      if (clause && c.numbering.endsWith('段') !== clause.citation.endsWith('段')) clause = null;
      if (!clause)
        return result(CitationVerdict.NOT_FOUND, `${named(policy)}中没有“${c.numbering}”这一条款。`, { policy });
    }
    const where = `${named(policy)}${c.numbering}`;
    const { status, reason } = s.statusOn(policy.id, asOf);
    if (status !== PolicyStatus.IN_FORCE) {
      const successor =
        (clause &&
          s
            .supersededByOf(clause.id)
            .map((link) => link.from)
            .find((newer) => s.statusOn(newer.policy.id, asOf).status === PolicyStatus.IN_FORCE)) ??
        null;
      const instead = successor ? `现行替代条款为${successor.citation}。` : '';
      return result(
        CitationVerdict.NOT_IN_FORCE,
        `${where}截至${chineseDate(asOf)}${statusInChinese(status)}：${reason}${instead}`,
        { policy, clause, successor },
      );
    }
    const stated = statedBy(s, clause ? [clause] : s.clausesOf(policy.id));
    const wrong = figuresFor(text, citations, i).filter(
      (f) => !stated.some((g) => g.rate === f.rate && same(g.value, f.value)),
    );
    if (wrong.length) {
      const figures = [...new Set(wrong.map((f) => f.written))];
      return result(
        CitationVerdict.MISQUOTED,
        `${where}现行有效，但没有写明${figures.join('、')}，引用的数额与原文不符。`,
        { policy, clause, wrongFigures: figures },
      );
    }
    return result(CitationVerdict.VALID, `${where}截至${chineseDate(asOf)}现行有效，所引数额与原文一致。`, {
      policy,
      clause,
    });
  });
}
