/**
 * Retrieval for chatbots: search, then a citation bundle per passage. By default only clauses
 * in force on asOf are returned; with history, the others come after them, flagged.
 */
import type { Loaders } from '../repositories/loaders.js';
import type { SearchService } from '../search/search.service.js';
import { toSimplified } from '../text/chinese.js';
import { PolicyKind } from '../domain/kinds.js';
import { passageBundle, type PassageBundle } from './bundle.js';
import { DOC_NUMBER, dayInQuestion, docNumbersInQuestion, focusOfQuestion, type Focus } from './question.js';
import { focusPart, type FocusPart } from './focus.js';

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
  /** Ids of the documents the question names by 文号. */
  documentIds: string[];
  engine: string;
  passages: (PassageBundle & { focus: FocusPart | null })[];
  /**
   * Without includeHistory: clauses not in force on asOf that the question matches as well as
   * the passages (among the first hits of a search over all text), each with its warning and
   * in-force successor if any — so a chatbot can say a reward lapsed rather than stay silent.
   */
  outOfForce: (PassageBundle & { focus: FocusPart | null })[];
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

/** Words that say what a question asks for or when, not what about: left out of the search. */
const NOT_SUBJECT =
  /电话|联系方式|联系|咨询|找谁|哪个部门|哪个单位|热线|打给|打哪个|材料|提交什么|交什么|准备什么|什么时候|何时|截止|几月|申报期|条件|资格|谁能|门槛|还能|还有效|有效吗|多少钱|请问|我想知道|我们公司|我公司|现在|目前|吗|呢|啊|吧|呀|？|\?|！|!/g;

/** The question's subject for the search: without its 文号, its date words and its asking words. */
export function searchTextOf(question: string, dateWords: string | null): string {
  let text = toSimplified(question);
  if (dateWords) text = text.replace(dateWords, ' ');
  text = text.replace(DOC_NUMBER, ' ');
  return text.replace(NOT_SUBJECT, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * With history, current law comes first: the in-force search's hits, then those of the
 * unrestricted search (flagged), since the latter alone may rank drafts or repealed text
 * above every clause in force.
 */
export async function retrieve(
  search: SearchService,
  loaders: Loaders,
  question: string,
  o: RetrieveOptions,
): Promise<Retrieval> {
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
  const text = subject.length >= 2 ? subject : documentIds.length ? '' : question;
  let engine = 'none';
  const hits: { clauseId: string; score: number | null; snippet: string }[] = [];
  const others: typeof hits = [];
  if (text) {
    const scope = documentIds.length ? { policyId: documentIds } : {};
    let [found, all] = await Promise.all([
      search.search(text, { ...scope, inForceOn: asOf }, Math.min(o.first + 5, 20), 0, asOf),
      search.search(text, scope, Math.max(o.first, 3), 0, asOf),
    ]);
    // A 文号 may name a document whose clauses do not answer (a policy whose 实施细则 do): then
    // the whole corpus answers, the named document still given in documentIds.
    if (documentIds.length && found.hits.length + all.hits.length === 0) {
      [found, all] = await Promise.all([
        search.search(text, { inForceOn: asOf }, Math.min(o.first + 5, 20), 0, asOf),
        search.search(text, {}, Math.max(o.first, 3), 0, asOf),
      ]);
    }
    const current = { ...found, hits: await primaryTextsFirst(loaders, found.hits) };
    engine = current.engine;
    hits.push(...current.hits.slice(0, o.first));
    const notCurrent = all.hits.filter((h) => !current.hits.some((c) => c.clauseId === h.clauseId));
    if (o.includeHistory) hits.push(...notCurrent);
    else others.push(...notCurrent.slice(0, 3));
  }
  const passages = await bundlesOf(loaders, hits.slice(0, o.first), asOf, focus);
  const outOfForce = (await bundlesOf(loaders, others, asOf, focus)).filter((p) => !p.inForce);
  return {
    question,
    asOf,
    asOfSource,
    asOfWords: named?.words ?? null,
    focus,
    documentIds,
    engine,
    passages,
    outOfForce,
  };
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
