/**
 * Document metadata as a page states it: title, 文号 (the document's and those it cites),
 * issuers, dates, draft flag and script. Reads header lines (文 号:… 签发单位:… 签发时间:…),
 * the signature before a date, and 印发/施行/有效期 sentences. What it cannot read it leaves out.
 */
import { toSimplified } from '../text/chinese.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { chineseNumeral, numberedLine } from '../text/numbering.js';

export interface DraftMeta {
  title?: string;
  docNumber?: string;
  /** 文号 of other documents the text cites, in order. */
  cites?: string[];
  issuers?: string[];
  publishedOn?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  draft?: boolean;
  script?: 'Hans' | 'Hant';
}

// 深府规〔2022〕5号, or a number cited without its issuer's code, in parentheses: 《…十三条措施》(〔2023〕1号).
// 第16号 as some issuers print it.
const DOC_NUMBER =
  /[\u4e00-\u9fa5]{1,10}[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号|(?<=[(（])〔\d{4}〕第?\d+号(?=[)）])/g;
// Words a sentence puts before a cited 文号 that are no part of its issuer's code (结合川办发〔2022〕5号).
const LEAD_WORDS = /^(?:根据|依据|按照|结合|落实|贯彻|参照|对照|印发|转发|执行|以及|和|及|与|即|见)+/;
const DATE = /(\d{4})\s*[年-]\s*(\d{1,2})\s*[月-]\s*(\d{1,2})\s*日?/;
const TITLE_WORDS = /(政策|措施|细则|办法|指南|方案|意见|通知|解读|规定|指引|计划|条例|读懂|看懂|图解|十条|新政|举措)/;
const ORG_LINE = /^(?:中共)?[\u4e00-\u9fa5]{2,20}(?:人民政府|办公厅|办公室|局|委员会|市委|厅|委|管委会|领导小组|专班)$/;
// The organs that issue a notice (某市人民政府办公室关于印发…).
const ISSUING_ORGAN = '(?:人民政府|办公厅|办公室|局|委员会|厅|委)';

// The digits of a year written in Chinese numerals (二〇二四).
const YEAR_DIGIT: Record<string, string> = {
  〇: '0',
  '○': '0',
  Ｏ: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Dates written in Chinese numerals, as signatures often are (二〇二四年五月十日), in digits. */
export function digitDates(text: string): string {
  return text.replace(
    /([〇○Ｏ零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/g,
    (_, y: string, m: string, d: string) =>
      `${[...y].map((c) => YEAR_DIGIT[c]).join('')}年${chineseNumeral(m)}月${chineseNumeral(d)}日`,
  );
}

/** `text` as a regular expression matching it literally (a title holds brackets and dots). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line or text as matched: Simplified script, dates in digits. */
function simplify(text: string): string {
  return digitDates(toSimplified(text));
}

// A line that is a 文号 and nothing else, bracketed or not: (昆政发〔2025〕14号).
const DOC_NUMBER_LINE = /^\s*[(（]?([\u4e00-\u9fa5]{2,10}[〔[［【(（]\d{4}[〕\]］】)）]\s*第?\s*\d+\s*号)[)）]?\s*$/m;

// A line that is a date and nothing else (a signature's 2024年5月10日).
const DATE_LINE = new RegExp(`^${DATE.source}$`);

function iso(m: RegExpExecArray): string {
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/** The day after `years` years from `from`, less one day: 有效期2年 from 2025-09-18 is to 2027-09-17. */
export function endOfValidity(from: string, years: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Hant when more than 2% of the Han characters change in Simplified script. */
export function scriptOf(text: string): 'Hans' | 'Hant' {
  const han = text.match(/[\u4e00-\u9fff]/g) ?? [];
  const simplified = toSimplified(han.join(''));
  let changed = 0;
  for (let i = 0; i < han.length; i++) if (han[i] !== simplified[i]) changed++;
  return han.length && changed / han.length > 0.02 ? 'Hant' : 'Hans';
}

// A news headline announcing a document: 石景山区发布推进…支持办法(征求意见稿) names 石景山区推进…支持办法.
const HEADLINE = /^([\u4e00-\u9fa5]{2,8}?[省市区县])(?:发布|印发|出台)(?=[^，,\s]+$)/;

/**
 * A sentence of the preamble (为贯彻落实…), a line broken inside a 《…》 name, a numbered line
 * (a table of contents' 第六章 治理原则与措施) or a bracketed note ((公开征求意见稿), appended to
 * the title above it): no title.
 */
function notTitle(s: string): boolean {
  return (
    /^为/.test(s) ||
    // A sentence addressed to the reader (…整理如下,需要咨询…!), not a heading.
    /[!！]$|如下[,，:：!！]/.test(s) ||
    (s.match(/《/g) ?? []).length !== (s.match(/》/g) ?? []).length ||
    numberedLine(s) !== null ||
    /^[(（][^)）]*[)）]$/.test(s)
  );
}

// What a page appends to a title: its site or section (…_成都市某区人民政府门户网站, …-某市经济和信息化局).
const SITE_PART =
  /开发区|园区|管委会|网|网站|门户|人民政府|政府|局$|委员会|委$|办公室|平台|中心|政策文件|政务公开|通知公告|新闻|首页|频道/;

/** A title without the site's name a page appends to it after _, |, ｜ or -. */
function withoutSite(t: string): string {
  const parts = t.split(/\s*(?:_|｜|\||\s[-–—]\s|-(?=[\u4e00-\u9fa5]))\s*/);
  if (parts.length < 2) return t;
  const [first, ...rest] = parts;
  return TITLE_WORDS.test(toSimplified(first)) && rest.every((p) => SITE_PART.test(toSimplified(p))) ? first : t;
}

/**
 * The title: a 名称: header, else the last title-like line before the body. 印发《X》的通知 and
 * 征求《X》意见的通告 are read as X; an issuer printed on the line above 关于… belongs to the title.
 */
function titleOf(head: string[], simplified: string[]): string | undefined {
  const named = simplified.findIndex((l) => /^名\s*称[:：]/.test(l));
  if (named >= 0) return head[named].slice(/^名\s*称[:：]\s*/.exec(simplified[named])![0].length).trim();
  // 标题：… header of a government site's record (the next field after two spaces is not part of it).
  const titled = simplified.findIndex((l) => /^标\s*题[:：]/.test(l));
  if (titled >= 0) {
    const at = /^标\s*题[:：]\s*/.exec(simplified[titled])![0].length;
    const value = head[titled]
      .slice(at)
      .split(/\s{2,}|\u3000/)[0]
      .trim();
    const issued = /关于印发《?(.+?)》?的通知$/.exec(toSimplified(value));
    return issued
      ? value.slice(
          issued.index + issued[0].indexOf(issued[1]),
          issued.index + issued[0].indexOf(issued[1]) + issued[1].length,
        )
      : value;
  }
  let title: string | undefined;
  simplified.forEach((s, i) => {
    if (s.length < 8 || s.length > 80 || /[。>]|位置|浏览|[:：]/.test(s) || !TITLE_WORDS.test(s) || notTitle(s)) return;
    // 印发《X》的通知, 征求《X》意见的通告 and 关于《X》公开征求意见的公告 name X.
    // 关于印发X的通知 names X too when X is printed without 《》.
    const notice =
      /(?:印发|征求)《([^》]+)》|^关于《([^》]+)》(?:公开)?征求意见|关于印发([^《》]{4,}?)的通知(?:[(（][^()（）]{2,20}号[)）])?$/.exec(
        s,
      );
    const name = notice && (notice[1] ?? notice[2] ?? notice[3]);
    const named = notice && name ? notice.index + notice[0].indexOf(name) : 0;
    let t = notice && name ? head[i].slice(named, named + name.length) : withoutSite(head[i].trim());
    if (!notice && /^关于/.test(s) && i > 0 && ORG_LINE.test(simplified[i - 1])) t = head[i - 1].trim() + t;
    const headline = notice ? null : HEADLINE.exec(s);
    if (headline) t = t.slice(0, headline[1].length) + t.slice(headline[0].length);
    // "(试行)" or "( 2022年版)" printed on the next line belongs to the title.
    const next = simplified[i + 1]?.replace(/\s+/g, '');
    // As printed (征求意見稿 stays Traditional), without the spaces some pages put inside.
    if (!notice && next && /^[(（][^)）]{1,10}[)）]$/.test(next)) t += head[i + 1].replace(/\s+/g, '');
    // A page's buttons printed after the title (…的通知 收藏) are not part of it.
    t = t.replace(/(?:\s+(?:收藏|分享|打印|关闭|收藏本页))+$/, '');
    if (!notice || title === undefined) title = t;
  });
  const announced = announcedIn(head, simplified);
  if (announced && title !== announced.name) {
    // A title broken over two lines (…若干政策措施 / 有关条款资金管理办法(试行)) that the notice names whole.
    const whole = simplified.some(
      (l, i) => i > 0 && (simplified[i - 1] + l).replace(/\s+/g, '') === announced.simplified,
    );
    if (whole || title === undefined) return announced.name;
  }
  return title ?? headlineOf(head, simplified);
}

// A head's sentence saying a document is issued: 现将《X》印发给你们, 某局发布《X》, 征求《X》意见, 《X》印发.
const ANNOUNCED = /(?:印发|发布|出台|征求)了?《([^《》]{6,80})》|《([^《》]{6,80})》(?:正式)?(?:印发|出台|发布)/;

/** The document the head's first sentence of that kind announces, as printed and in Simplified script. */
function announcedIn(head: string[], simplified: string[]): { name: string; simplified: string } | undefined {
  for (const [i, l] of simplified.entries()) {
    const m = ANNOUNCED.exec(l);
    if (!m) continue;
    const name = m[1] ?? m[2];
    const at = m.index + m[0].indexOf(name);
    return { name: head[i].slice(at, at + name.length), simplified: name };
  }
  return undefined;
}

/**
 * A report's headline when no line reads as a title: the line above its dateline (a date with
 * 来源/发布/时间/日期, or a line opening with a date), if it reads as a heading (6 to 60 characters, no
 * full stop, no menu).
 */
function headlineOf(head: string[], simplified: string[]): string | undefined {
  const heading = (l: string) =>
    l.length >= 6 &&
    l.length <= 60 &&
    !/[。>，,；;]|首页|位置|[:：]|第\d+期|电子报/.test(l) &&
    !/^\d{4}[/.\-年]\d/.test(l) &&
    !DOC_NUMBER_LINE.test(l) &&
    !notTitle(l);
  const dateline = simplified.findIndex(
    (l) => DATE.test(l) && (/来源|发布|时间|日期|作者|编辑/.test(l) || new RegExp(`^${DATE.source}`).test(l)),
  );
  for (let i = dateline - 1; i >= 0; i--) if (heading(simplified[i])) return head[i].trim();
  // No dateline: the heading line right above the first paragraph (a newspaper's 本报讯…).
  const body = simplified.findIndex((l) => l.length > 60 || /。$/.test(l));
  for (let i = body - 1; i >= 0 && body - i <= 3; i--) if (heading(simplified[i])) return head[i].trim();
  return undefined;
}

/**
 * Organisations signing above a date line (中共北京市委 / 北京市人民政府 / 2023年6月20日), one to a line
 * or several to a line apart, a name broken over two lines joined again (…中共重庆市委网络安全和信息化 /
 * 委员会办公室 …); the organs are those closest above the date.
 */
function signatureIn(simplified: string[], lines: string[]): { issuers: string[]; signedOn: string } | null {
  for (let i = 0; i < simplified.length; i++) {
    const date = DATE_LINE.exec(simplified[i]);
    if (!date) continue;
    let top = i;
    while (top > 0 && i - top < 8 && /^[\u4e00-\u9fa5\s\u3000]{2,80}$/.test(simplified[top - 1])) top--;
    // Tokens of the block, a token that is no organ's name joined with the first of the next line.
    const tokens: { simplified: string; shown: string }[] = [];
    for (let j = top; j < i; j++) {
      const parts = simplified[j].split(/[\s\u3000]+/).filter(Boolean);
      const shown = lines[j].split(/[\s\u3000]+/).filter(Boolean);
      parts.forEach((p, k) => {
        const last = tokens[tokens.length - 1];
        if (k === 0 && last && !ORG_LINE.test(last.simplified) && ORG_LINE.test(last.simplified + p)) {
          last.simplified += p;
          last.shown += shown[k];
        } else tokens.push({ simplified: p, shown: shown[k] ?? p });
      });
    }
    let first = tokens.length;
    while (first > 0 && ORG_LINE.test(tokens[first - 1].simplified)) first--;
    const issuers = tokens.slice(first).map((t) => t.shown);
    if (issuers.length) return { issuers, signedOn: iso(date) };
  }
  return null;
}

/**
 * Where a signature at the end of the text begins (the organs' lines above a date line, among the
 * last ten lines), or -1: the body of the document ends there.
 */
export function signatureStart(lines: string[]): number {
  const simplified = lines.map((l) => simplify(l.trim()));
  for (let i = lines.length - 1; i >= Math.max(1, lines.length - 10); i--) {
    if (!DATE_LINE.test(simplified[i])) continue;
    let j = i;
    while (j > 0 && simplified[j - 1].split(/[\s\u3000]+/).every((p) => ORG_LINE.test(p))) j--;
    return j < i ? j : -1;
  }
  return -1;
}

const NOTICE_BY_ORGAN = new RegExp(`^([\\u4e00-\\u9fa5]{2,20}?${ISSUING_ORGAN})关于(?:印发|发布)`);

/**
 * Who issued the document: a 签发单位: header, else the signature above a date in the head, else the
 * signature at the end of the text (`tail`: its last lines), else the organ a title opens with
 * (…局关于…), else the body a report says issued it.
 */
function issuersOf(
  simplified: string[],
  head: string[],
  title?: string,
  tail?: { lines: string[]; simplified: string[] },
): { issuers: string[]; signedOn?: string } {
  for (const [i, l] of simplified.entries()) {
    const header = /(?:签发单位|发文机关|发布机构)[:：]\s*([^\s:：]+)/.exec(l);
    if (!header) continue;
    const end = header.index + header[0].length;
    return {
      issuers: head[i]
        .slice(end - header[1].length, end)
        .split(/[、，,]/)
        .filter(Boolean),
    };
  }
  const signed = signatureIn(simplified, head) ?? (tail ? signatureIn(tail.simplified, tail.lines) : null);
  if (signed) return signed;
  // 某市经济和信息化局关于印发《X》的通知: the organ issuing the notice issues X.
  for (const [i, l] of simplified.entries()) {
    const notice = NOTICE_BY_ORGAN.exec(l);
    if (notice) return { issuers: [head[i].slice(0, notice[1].length)] };
  }
  const org = title && /^([\u4e00-\u9fa5]{2,20}(?:局|委员会|人民政府|办公厅|办公室))关于/.exec(toSimplified(title));
  if (org && title) return { issuers: [title.slice(0, org[1].length)] };
  return { issuers: announcerOf(simplified, head, title) };
}

// Provinces and regions as a report may name them before a city, without 省 (四川绵阳市).
const PROVINCES =
  '新疆|西藏|内蒙古|宁夏|广西|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海';
const REGION = new RegExp(`^(?:${PROVINCES}|[\u4e00-\u9fa5]{2,3}省)(?=[\u4e00-\u9fa5]{2,6}[市州])`);

/**
 * The body a report says issued the document: 日前，成都市人民政府办公厅印发了《X》, X being the title.
 */
function announcerOf(simplified: string[], head: string[], title?: string): string[] {
  if (!title) return [];
  const name = literal(toSimplified(title));
  const said = new RegExp(
    `(?:日前|近日|近期|最近|今年|今天)?([\u4e00-\u9fa5]{2,20}?(?:人民政府|办公厅|办公室|局|委员会))(?:联合)?(?:正式)?(?:印发|发布|出台|征求)了?(?:《${name}》|${name})`,
  );
  for (const [i, l] of simplified.entries()) {
    const m = said.exec(l);
    if (m) {
      // 新疆克拉玛依市…: the region before a city's organ is no part of its name.
      const region = REGION.exec(m[1]);
      const at = m.index + m[0].indexOf(m[1]) + (region ? region[0].length : 0);
      return [head[i].slice(at, at + m[1].length - (region ? region[0].length : 0))];
    }
  }
  return [];
}

// 温政办〔2022〕13号文件，《某市人民政府办公室关于印发X的通知》: a page opening with the notice that issues X.
const OPENING_NOTICE = new RegExp(
  `^([\\u4e00-\\u9fa5]{2,10}〔\\d{4}〕第?\\d+号)文件[,，]?《([\\u4e00-\\u9fa5]{2,20}?${ISSUING_ORGAN})关于印发([^《》]{4,}?)的通知》`,
);

/** The 文号, issuer and title of the notice a page's first line names, as printed. */
function openingNotice(
  head: string[],
  simplified: string[],
): { docNumber: string; issuer: string; title: string } | undefined {
  const m = simplified.length ? OPENING_NOTICE.exec(simplified[0]) : null;
  if (!m) return undefined;
  const shown = (part: string, from: number) => {
    const at = m[0].indexOf(part, from);
    return head[0].slice(at, at + part.length);
  };
  const issuerAt = m[0].indexOf(m[2], m[1].length);
  return {
    docNumber: shown(m[1], 0),
    issuer: shown(m[2], m[1].length),
    title: shown(m[3], issuerAt + m[2].length),
  };
}

/**
 * Whether the sentence holding `index` is about another document it names first (a report's
 * 《实施细则》自2024年10月25日起实施): its subject 《S》 is neither the title nor short for it (以下简称《S》
 * after the title's name, or the title ending in S).
 */
function aboutAnother(s: string, index: number, title: string | undefined): boolean {
  const start = Math.max(s.lastIndexOf('。', index), s.lastIndexOf('\n', index)) + 1;
  const subject = /^\s*《([^》]+)》/.exec(s.slice(start, index))?.[1];
  if (!subject) return false;
  const own = title === undefined ? undefined : simplify(title);
  if (own === undefined) return true;
  if (own === subject || own.endsWith(subject)) return false;
  const short = new RegExp(`《([^》]+)》[(（]?(?:以下)?简称[:：]?[“"]?《${literal(subject)}》`).exec(s);
  return short?.[1] !== own;
}

const DATELINE = new RegExp(
  `^${DATE.source}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?\\s*(?:来源|作者|发布|浏览|编辑|字号|【)`,
);
const SOURCE_DATED = new RegExp(`^[\\u4e00-\\u9fa5A-Za-z]{2,12}\\s*[|｜]\\s*${DATE.source}$`);
const ANNOUNCED_ON = new RegExp(`^${DATE.source}[,，]?\\s*[\\u4e00-\\u9fa5]{2,30}?(?:印发|发布|出台)了?《`);

/**
 * Where a page's head dates the document, most trusted first; each finder is given a line and the line
 * above it. Dates are read as year, month, day in groups 1 to 3.
 */
const PAGE_DATES: ((line: string, above: string | undefined) => RegExpExecArray | null)[] = [
  // A page's date line: 2026/1/6 15:36:38 (its time, then source or views), opening a line or glued
  // after its source (来源:贵阳市大数据发展管理局2024/4/8 8:37:4655); or such a date alone.
  (l) => /(?:^|\D)(\d{4})\/(\d{1,2})\/(\d{1,2})\s+\d{1,2}:\d{2}/.exec(l) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(l),
  // A report's dateline opening with its date: 2025-03-01 来源：某市日报.
  (l) => DATELINE.exec(l),
  // 新华财经|2025年01月03日: a source and its date, nothing else.
  (l) => SOURCE_DATED.exec(l),
  // 2025年12月30日，某市人民政府发布《X》: a report dating the document's issue.
  (l) => ANNOUNCED_ON.exec(l),
  // A date printed alone under the notice that issues the text (…现印发给你们，请认真贯彻落实。 / 2023年12月28日).
  (l, above) => (above !== undefined && /印发给你们|现印发/.test(above) ? DATE_LINE.exec(l) : null),
];

/** The date the first finder of PAGE_DATES that finds one reads in the head's lines (Simplified). */
function pageDate(simplified: string[]): RegExpExecArray | undefined {
  for (const find of PAGE_DATES)
    for (const [i, l] of simplified.entries()) {
      const m = find(l, simplified[i - 1]);
      if (m) return m;
    }
  return undefined;
}

/** Metadata of a cleaned text (annotations removed). `head` lines are those before the first clause. */
export function readMeta(text: string, headLines?: string[]): DraftMeta {
  const s = simplify(text);
  const head = (headLines ?? text.split('\n')).map((l) => l.trim()).filter(Boolean);
  const simplified = head.map(simplify);
  const meta: DraftMeta = {};
  const opening = openingNotice(head, simplified);
  const title = titleOf(head, simplified) ?? opening?.title;
  if (title) meta.title = title;
  const headerNumber = /(?:发文字号|文\s*号|字\s*号)[:：]\s*([^\s:：]+号)/.exec(s)?.[1];
  const ownLine = DOC_NUMBER_LINE.exec(s)?.[1];
  const inTitle = /的通知[(（]([^)）]+号)[)）]/.exec(s)?.[1];
  const own = headerNumber ?? ownLine ?? inTitle ?? opening?.docNumber;
  if (own) meta.docNumber = normaliseDocNumber(own);
  const cites = [
    ...new Set([...s.matchAll(DOC_NUMBER)].map((m) => normaliseDocNumber(m[0].replace(LEAD_WORDS, '')))),
  ].filter((n) => meta.docNumber === undefined || n !== simplify(meta.docNumber));
  if (cites.length) meta.cites = cites;
  const lastLines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-10);
  const { issuers, signedOn } = issuersOf(simplified, head, title, {
    lines: lastLines,
    simplified: lastLines.map(simplify),
  });
  if (issuers.length) meta.issuers = issuers;
  else if (opening) meta.issuers = [opening.issuer];
  const issued =
    /(?:签发时间|发布日期|印发日期|成文日期|发文日期|发布时间|发表时间|创建时间|发表于|(?:^|\s)日期|^date)[:：]?\s*(\d{4}\s*[年-]\s*\d{1,2}\s*[月-]\s*\d{1,2})/m.exec(
      s,
    )?.[1];
  const issuedDate = issued ? DATE.exec(issued) : (pageDate(simplified) ?? null);
  if (signedOn) meta.publishedOn = signedOn;
  else if (issuedDate) meta.publishedOn = iso(issuedDate);
  // The first match of `re` in a sentence about this document, not about another it names.
  const ownMatch = (re: RegExp) =>
    [...s.matchAll(new RegExp(re.source, 'g'))].find((m) => !aboutAnother(s, m.index, title));
  const from =
    /(?:生效时间|施行时间|生效日期)[:：]\s*(\d{4}\s*[年-]\s*\d{1,2}\s*[月-]\s*\d{1,2})/.exec(s)?.[1] ??
    ownMatch(/自?(\d{4}年\d{1,2}月\d{1,2}日)(?:起施行|生效|起生效|起实施|起执行)/)?.[1];
  const fromDate = from ? DATE.exec(from) : null;
  if (fromDate) meta.effectiveFrom = iso(fromDate);
  else if (/自(?:印发|发布|公布)之日起(?:施行|实施|生效|执行)/.test(s) && meta.publishedOn)
    meta.effectiveFrom = meta.publishedOn;
  // …至2026年12月31日止, or 有效期至2026年12月31日.
  const to =
    ownMatch(/至(\d{4})年(\d{1,2})月(\d{1,2})日止/) ?? ownMatch(/有效期(?:为|截)?至(\d{4})年(\d{1,2})月(\d{1,2})日/);
  const years = ownMatch(/有效期(?:为)?(\d+|[一二两三四五])年/);
  if (to) meta.effectiveTo = iso(to);
  else if (years && meta.effectiveFrom)
    meta.effectiveTo = endOfValidity(meta.effectiveFrom, Number(years[1]) || chineseNumeral(years[1]));
  if (/征求意见稿|[（(]草案[)）]/.test(s.slice(0, 400))) meta.draft = true;
  meta.script = scriptOf(text);
  return meta;
}
