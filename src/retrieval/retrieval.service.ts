/**
 * Retrieval for chatbots: search, then a citation bundle per passage. By default only clauses
 * in force on asOf are returned; with history, the others come after them, flagged.
 */
import { type Loaders, policyStatusOn } from '../snapshot/lookups.js';
import { MAX_QUERY_LENGTH, type SearchService } from '../search/search.service.js';
import { BadUserInputError } from '../common/errors.js';
import { toSimplified } from '../text/chinese.js';
import { PolicyKind } from '../domain/kinds.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import { nameOf } from '../legal-status/timeline.js';
import { inForceSuccessor, passageBundle, type PassageBundle } from './bundle.js';
import {
  DOC_NUMBER,
  dayInQuestion,
  docNumbersInQuestion,
  focusOfQuestion,
  type Focus,
  STILL_HOLDS,
} from './question.js';
import { focusPart, type FocusPart } from './focus.js';
import type { Confidence } from '../domain/trust.js';
import {
  answerability,
  loadPlaces,
  loadSupportKinds,
  loadWordsOtherwise,
  passageCoverage,
  placesCoveredByName,
  questionEvidence,
} from './coverage.js';
import { searchIndexOf } from '../search/fallback.js';
import { loadSearchVocabulary } from '../search/settings.js';
import { documentsNamedByTitle } from './titles.js';

/** Where the day a retrieval judged status on came from. */
export type AsOfSource = 'REQUEST' | 'QUESTION' | 'TODAY';

export interface Retrieval {
  question: string;
  asOf: string;
  asOfSource: AsOfSource;
  /** The words of the question the day was read from (asOfSource QUESTION). */
  asOfWords: string | null;
  /** The part of a clause the question asks for, if any (电话, 材料, 条件, 时间, 金额). */
  focus: Focus | null;
  /**
   * Ids of the documents the question names by 文号; asking how long a document holds, by the
   * words of its title too (新高地政策有效期到几时), whose status answers it.
   */
  documentIds: string[];
  engine: string;
  passages: (PassageBundle & { focus: FocusPart | null })[];
  /**
   * Without includeHistory: clauses not in force on asOf that the question matches as well as
   * the passages (among the first hits of a search over all text), each with its warning and
   * in-force successor if any — so a chatbot can say a reward lapsed rather than stay silent.
   */
  outOfForce: (PassageBundle & { focus: FocusPart | null })[];
  /**
   * When the best match is not in force on asOf: which clause, its status and why, and its
   * in-force replacement or that there is none. Null when the best match is in force.
   */
  notice: string | null;
  /**
   * Set with a notice when nothing replaced the best match: that clause (also in outOfForce),
   * which a chatbot quotes first, with its warning, before any passage in force.
   */
  bestMatch: (PassageBundle & { focus: FocusPart | null }) | null;
  /** False when nothing in the corpus answers: then there are no passages and coverageNote says why. */
  answerable: boolean;
  confidence: Confidence;
  coverageNote: string | null;
}

export interface RetrieveOptions {
  /** The day given with the request; when left out, a day the question names, else today. */
  asOf?: string | null;
  today: string;
  first: number;
  includeHistory: boolean;
  /** The id of the document with this 文号 (any script or brackets), or null. */
  documentByNumber?: (docNumber: string) => Promise<string | null>;
}

/** The first hits read for how much of the question they cover. */
const COVERAGE_HITS = 5;

/** `load`'s value, made on first use and kept. */
function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
/** The gazetteer, the kinds of support and the words written otherwise of data/search/, each read once. */
const gazetteer = once(() => loadPlaces());
const supportKinds = once(() => loadSupportKinds());
const vocabulary = once(() => loadSearchVocabulary());
const wordsOtherwise = once(() => loadWordsOtherwise(vocabulary().synonyms));

/** Statuses of a document that holds on the day, or may (the corpus does not know). */
const HOLDS_OR_MAY: ReadonlySet<PolicyStatus> = new Set([PolicyStatus.IN_FORCE, PolicyStatus.UNKNOWN]);

/** Hits ranked before the relevance floor is applied. */
const CANDIDATES = 40;

/**
 * A hit counts as an answer when it scores at least this share of the best one: below it, a
 * clause in force is "something else in force", not an answer to this question, and is left
 * out rather than offered as if it answered. Chosen on the dev split of the users' questions.
 */
const RELEVANT_SHARE = 0.6;

/** Words by which a question asks about a draft (征求意见稿). */
const DRAFT_WORDS = /征求意见|意见稿|草案|草稿/;

/**
 * How a hit stands as an answer: its document's status on `asOf`, and whether it is law that
 * grants or rules (not a 征求意见稿, never law; not a news item or 解读, which grant nothing).
 */
async function standingOf(
  loaders: Loaders,
  clauseId: string,
  asOf: string,
  draftsAsked: boolean,
): Promise<{ status: PolicyStatus; law: boolean }> {
  const clause = await loaders.clause.load(clauseId);
  const policy = clause ? await loaders.policy.load(clause.policy.id) : null;
  if (!clause || !policy) return { status: PolicyStatus.UNKNOWN, law: false };
  const { status } = await policyStatusOn(loaders, policy.id, asOf);
  const law = policy.kind !== PolicyKind.INTERPRETATION && (draftsAsked || status !== PolicyStatus.DRAFT);
  return { status, law };
}

/**
 * How much what a clause states of the question counts against the engine's relevance when
 * answers are chosen: score × (1 − w + w × coverage). The engines rank a clause high on a
 * question's side words too (一家公司…领 matched 同一企业…只能享受一次 over the 算力券 clause).
 * Chosen on the dev splits of users-questions.yaml and answerability.yaml (0.1–1: 0.3 best).
 */
const COVERAGE_WEIGHT = 0.3;

/**
 * The hits reordered by score weighed by coverage, the best 1 again (as scores are answered),
 * each with its coverage. Each snippet is still cut only when read (a spread would cut all 40).
 */
function weighedByCoverage(
  hits: readonly { clauseId: string; score: number | null; readonly snippet: string }[],
  content: string,
  loaders: Loaders,
): { clauseId: string; score: number; coverage: number; readonly snippet: string }[] {
  const weighed = hits.map((hit) => {
    const coverage = passageCoverage(content, loaders.snapshot.clause(hit.clauseId)?.searchText ?? '');
    return {
      clauseId: hit.clauseId,
      coverage,
      score: (hit.score ?? 0) * (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage),
      get snippet(): string {
        return hit.snippet;
      },
    };
  });
  weighed.sort((a, b) => b.score - a.score);
  const best = weighed[0]?.score || 1;
  for (const h of weighed) h.score /= best;
  return weighed;
}

/** Clauses not in force shown after the passages, at most. */
const OUT_OF_FORCE_SHOWN = 3;

type RetrievedPassage = PassageBundle & { focus: FocusPart | null };

/** A question as long as a chatbot's (a few sentences with their context); search reads the start. */
export const MAX_QUESTION_LENGTH = 1000;

/** Words that say what a question asks for or when, not what about: left out of the search. */
const NOT_SUBJECT =
  /电话|联系方式|联系|咨询|找谁|哪个部门|哪个单位|热线|打给|打哪个|材料|提交什么|交什么|准备什么|什么时候|何时|截止|几月|申报期|条件|资格|谁能|门槛|还能|能不能申请|能申请|可以申请|还有效|有效吗|多少钱|请问|我想知道|我们公司|我公司|现在|目前|吗|呢|啊|吧|呀|？|\?|！|!/g;

/** Words the texts use for the part of a document a question asks about, or '' when it names none. */
function askedPartWords(question: string, focus: Focus | null): string {
  if (asksValidity(question)) return '有效期 施行 废止';
  switch (focus) {
    case 'CONTACT':
      return '联系电话 咨询';
    case 'MATERIALS':
      return '申报材料';
    case 'APPLICATION_PERIOD':
      return '申报时间 通知';
    case 'CONDITIONS':
      return '申报条件';
    case 'AMOUNT':
      return '给予 最高 万元';
    default:
      return '';
  }
}

/** Words by which a question asks whether a document is still valid. */
const VALIDITY_WORDS = new RegExp(`有效|到期|${STILL_HOLDS.source}`);

/**
 * Whether a question asks how long a document holds (有效期到几时, 还有效吗; not 申报期限 or 到什么时候截止,
 * which ask when to apply): a document's term is
 * its status and the reason for it (statusReason), not the words of a clause.
 */
export const asksValidity = (question: string): boolean => VALIDITY_WORDS.test(toSimplified(question));

/** The question's subject for the search: without its 文号, its date words and its asking words. */
export function searchTextOf(question: string, dateWords: string | null): string {
  let text = toSimplified(question);
  if (dateWords) text = text.replace(dateWords, ' ');
  text = text.replace(DOC_NUMBER, ' ');
  return text.replace(NOT_SUBJECT, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * One search over every clause, ranked with those in force on asOf ahead at similar relevance;
 * passages are the relevant ones in force, outOfForce the others (with history, they follow the
 * passages, flagged); notice and bestMatch lead when the best match that is law is not in force.
 */
export async function retrieve(
  search: SearchService,
  loaders: Loaders,
  question: string,
  o: RetrieveOptions,
): Promise<Retrieval> {
  if (!question.trim() || question.length > MAX_QUESTION_LENGTH)
    throw new BadUserInputError(
      'question',
      `1 to ${MAX_QUESTION_LENGTH} characters of text`,
      question.length > 60 ? `${question.slice(0, 60)}…` : question,
    );
  const named = o.asOf ? null : dayInQuestion(question, o.today);
  const asOf = o.asOf ?? named?.day ?? o.today;
  const asOfSource: AsOfSource = o.asOf ? 'REQUEST' : named ? 'QUESTION' : 'TODAY';
  const focus = focusOfQuestion(question);
  const docNumbers = docNumbersInQuestion(question);
  const documentIds = (
    await Promise.all(docNumbers.map((n) => o.documentByNumber?.(n) ?? Promise.resolve(null)))
  ).filter((id): id is string => id !== null);
  // The subject alone: "申请算力补贴应该打哪个电话咨询" searches 申请算力补贴, then shows the desk.
  const subject = searchTextOf(question, named?.words ?? null);
  // Nothing but a 文号 and the asking ("成经信办〔2024〕16号还有效吗"): search the named document
  // for the part asked about (its 有效期, its desk, its materials).
  const asked = subject.length >= 2 ? subject : documentIds.length ? askedPartWords(question, focus) : question;
  // A chatbot's question may run long; the search reads its first MAX_QUERY_LENGTH characters.
  const text = asked.slice(0, MAX_QUERY_LENGTH);
  let engine = 'none';
  let passages: RetrievedPassage[] = [];
  let outOfForce: RetrievedPassage[] = [];
  let notice: string | null = null;
  let bestMatch: RetrievedPassage | null = null;
  let current: RetrievedPassage[] = [];
  let coverage = 0;
  let anything = false;
  const evidence = questionEvidence(
    question.replace(DOC_NUMBER, ' '),
    loaders.snapshot,
    searchIndexOf(loaders.snapshot),
    gazetteer(),
    wordsOtherwise(),
    supportKinds(),
  );
  if (text) {
    const scope = documentIds.length ? { policyId: documentIds } : {};
    // Clauses in force are set apart below, and the best match that is law is read by relevance:
    // in force a little ahead only, not raised over every draft of comparable relevance.
    let found = await search.search(text, scope, CANDIDATES, 0, asOf, undefined, false);
    // A 文号 may name a document whose clauses do not answer (a policy whose 实施细则 do): then
    // the whole corpus answers, the named document still given in documentIds.
    if (documentIds.length && found.hits.length === 0)
      found = await search.search(text, {}, CANDIDATES, 0, asOf, undefined, false);
    engine = found.engine;
    // Ranked by what they state of the question too (the best 1), each with its coverage.
    const hits = weighedByCoverage(found.hits, evidence.content, loaders);
    // The floor for clauses in force is measured from the best hit that is law: a draft or a
    // news item on the same subject never made an in-force clause "something else".
    const draftsAsked = DRAFT_WORDS.test(toSimplified(question));
    const standings = await Promise.all(hits.map((h) => standingOf(loaders, h.clauseId, asOf, draftsAsked)));
    const best = hits[0]?.score ?? 0;
    // The best match that is law (a draft or a news item matching better is no reason to speak).
    const topLaw = hits.find((_, i) => standings[i].law);
    const bestLaw = topLaw?.score ?? 0;
    const inForce = (i: number) => standings[i].status === PolicyStatus.IN_FORCE;
    const aboveFloor = (score: number | null, i: number) =>
      (score ?? 0) >= (inForce(i) ? bestLaw : best) * RELEVANT_SHARE;
    // With nothing in force to offer, the best match that is law is kept whatever drafts scored, so
    // that it is said to have lapsed (2028: the 算力券 clauses, all expired, below the drafts' many
    // short 算力券 clauses, and the answer was empty and silent).
    const inForceOffered = hits.some((h, i) => inForce(i) && aboveFloor(h.score, i));
    const relevant = hits.filter((h, i) => aboveFloor(h.score, i) || (!inForceOffered && h === topLaw));
    const bundles = await bundlesOf(loaders, await primaryTextsFirst(loaders, relevant), asOf, focus);
    const top = bundles.find((b) => b.clauseId === topLaw?.clauseId);
    current = bundles.filter((b) => b.inForce);
    const others = bundles.filter((b) => !b.inForce);
    if (top && !top.inForce) {
      notice = noticeOf(top);
      if (top.successor) {
        // Replaced: its in-force successor answers first, whatever it scored itself.
        const [successor] = await bundlesOf(
          loaders,
          [{ clauseId: top.successor.clauseId, score: top.score ?? null, snippet: '' }],
          asOf,
          focus,
        );
        if (successor) current = [successor, ...current.filter((b) => b.clauseId !== successor.clauseId)];
      } else bestMatch = top;
    }
    passages = o.includeHistory ? [...current, ...others].slice(0, o.first) : current.slice(0, o.first);
    if (!o.includeHistory) outOfForce = others.slice(0, OUT_OF_FORCE_SHOWN);
    coverage = Math.max(0, ...hits.slice(0, COVERAGE_HITS).map((h) => h.coverage));
    anything = hits.length > 0;
  }
  // Asked how long a document holds and named by its title or year: its status answers (the clauses
  // found do not state it); given in documents beside the passages, the search not narrowed to it.
  const titled =
    !documentIds.length && asksValidity(question)
      ? documentsNamedByTitle(loaders.snapshot, question, o.today, vocabulary().dictionary, vocabulary().synonyms)
      : [];
  const judged = answerability(
    evidence,
    {
      coverage,
      anything,
      inForce: current.length > 0,
      lapsed: notice !== null,
      namesDocument: documentIds.length + titled.length > 0,
      // Known not to hold: a document whose status the corpus does not know (UNKNOWN) may.
      namedNotInForce:
        titled.length > 0 && titled.every((id) => !HOLDS_OR_MAY.has(loaders.snapshot.statusOn(id, asOf).status)),
    },
    placesCoveredByName(loaders.snapshot, gazetteer()),
  );
  if (!judged.answerable) {
    passages = [];
    outOfForce = [];
    notice = null;
    bestMatch = null;
  }
  // A day read from the question (去年买的算力…) answers for then; what has lapsed since is said too.
  if (asOfSource === 'QUESTION' && asOf < o.today && passages.length) {
    const since = await lapsedSince(
      loaders,
      passages.filter((p) => p.inForce),
      o.today,
    );
    if (since) notice = [notice, `按问题所说的“${named?.words}”（${asOf}）作答；${since}`].filter(Boolean).join('');
  }
  return {
    question,
    asOf,
    asOfSource,
    asOfWords: named?.words ?? null,
    focus,
    // 2024年深圳的AI政策还有效吗: NONE, and the Chengdu documents of those words are not offered either.
    documentIds: judged.answerable ? [...documentIds, ...titled] : [],
    engine,
    passages,
    outOfForce,
    notice,
    bestMatch,
    ...judged,
  };
}

/**
 * The passages in force on the question's day that are not today, in a sentence: 截至今天（…），
 * 《…》七（一）已失效，现行替代条款为《…》一。 Null when every one still is.
 */
async function lapsedSince(loaders: Loaders, passages: RetrievedPassage[], today: string): Promise<string | null> {
  // One sentence per document: its title and 文号 once, then the clauses (《…》七（一）、八已失效).
  const byDocument = new Map<string, { status: string; numberings: string[]; successors: Set<string> }>();
  for (const p of passages) {
    const clause = loaders.snapshot.clause(p.clauseId);
    if (!clause) continue;
    const { status } = await policyStatusOn(loaders, clause.policy.id, today);
    if (status === PolicyStatus.IN_FORCE) continue;
    const successor = await inForceSuccessor(loaders, clause.id, today);
    const document = nameOf(clause.policy);
    const said = byDocument.get(document) ?? { status: statusInChinese(status), numberings: [], successors: new Set() };
    said.numberings.push(clause.path.join(''));
    if (successor) said.successors.add(successor.citation);
    byDocument.set(document, said);
  }
  if (!byDocument.size) return null;
  const sentences = [...byDocument].map(
    ([document, { status, numberings, successors }]) =>
      `${document}${numberings.join('、')}${status}${successors.size ? `，现行替代条款为${[...successors].join('、')}` : ''}`,
  );
  return `截至今天（${today}），${sentences.join('；')}。`;
}

/** What to say first when the best match is not in force: e.g. 最相符的条款…已失效，没有现行替代条款。 */
function noticeOf(top: RetrievedPassage): string {
  const instead = top.successor
    ? `现行替代条款为${top.successor.citation}。`
    : '没有现行的替代条款，以下现行条款（如有）并非其替代。';
  return `与问题最相符的是${top.citation}，截至${top.asOf}${statusInChinese(top.status)}：${top.statusReason}${instead}`;
}

/**
 * News items and 解读 (INTERPRETATION) grant nothing themselves: a passage of the policy or its
 * rules is what an answer must cite, so those come first, each group in the engine's order.
 */
async function primaryTextsFirst<H extends { clauseId: string }>(loaders: Loaders, hits: H[]): Promise<H[]> {
  const kinds = await Promise.all(
    hits.map(async (h) => {
      const clause = await loaders.clause.load(h.clauseId);
      return clause ? (await loaders.policy.load(clause.policy.id))?.kind : undefined;
    }),
  );
  const primary = hits.filter((_, i) => kinds[i] !== PolicyKind.INTERPRETATION);
  return [...primary, ...hits.filter((_, i) => kinds[i] === PolicyKind.INTERPRETATION)];
}

/** Citation bundles for hits, built together so the loaders fetch each relation once. */
async function bundlesOf(
  loaders: Loaders,
  hits: { clauseId: string; score: number | null; snippet: string }[],
  asOf: string,
  focus: Focus | null,
): Promise<(PassageBundle & { focus: FocusPart | null })[]> {
  const bundles = await Promise.all(
    hits.map(async (hit) => {
      const bundle = await passageBundle(loaders, hit.clauseId, asOf);
      if (!bundle) return null;
      const clause = (await loaders.clause.load(hit.clauseId))!;
      return {
        ...bundle,
        score: hit.score,
        snippet: hit.snippet,
        focus: focus ? await focusPart(loaders, clause, focus) : null,
      };
    }),
  );
  return bundles.filter((b) => b !== null);
}
