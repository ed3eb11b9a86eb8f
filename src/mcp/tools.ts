/**
 * MCP tools over the same services as the API, answering for a chat window: compact JSON, each
 * text once, every warning and notice in Chinese, one error shape for every tool and cause
 * (./arguments.ts).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { lookupsOf } from '../snapshot/lookups.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { isIsoDate, todayInChina } from '../domain/dates.js';
import { policyByDocNumber, policyPage } from '../snapshot/lists.js';
import { documentBundle, passageBundle, plainAmount } from '../retrieval/bundle.js';
import { asksValidity, retrieve, type Retrieval } from '../retrieval/retrieval.service.js';
import type { SearchService } from '../search/search.service.js';
import { timelineOf } from '../analytics/timeline.js';
import { differences } from '../analytics/differences.js';
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import { estimateBenefits } from '../benefits/estimate.js';
import { BENEFIT_FACTS, FACT_NAMES, factBounds, type FactName } from '../domain/benefit-facts.js';
import { BadUserInputError } from '../common/errors.js';
import {
  type ChangePage,
  encodeChangeCursor,
  parseBound,
  type Window,
  windowOf,
  type Changes,
  clauseChangeLine,
} from '../analytics/changes.js';
import type { Change, ChangeKind } from '../schema/changes.js';
import { writtenRate, writtenYuan } from '../text/money.js';
import type { VersionStore } from '../versions/store.js';
import { verifyCitations } from '../citations/verify.js';
import type { BenefitItemResult, ConditionGap } from '../benefits/estimate.js';
import type { PassageBundle } from '../retrieval/bundle.js';
import type { FocusPart } from '../retrieval/focus.js';
import { answer, checked, type Described, nearest, refusal, type ToolResult } from './arguments.js';

const day = z.string().refine(isIsoDate, { error: '须是真实的日期，写作 YYYY-MM-DD' });
const asOf = day.optional().describe('The day to judge legal status on (YYYY-MM-DD); default today in China.');
const AS_OF = '判断效力的日期（YYYY-MM-DD，默认为中国的今天）';

type Passage = PassageBundle & { focus: FocusPart | null };

/**
 * A passage as a chat window reads it: the citation, the status, the text once (no snippet, no
 * focus text, no amount texts: all are parts of it), the sums as figures, the desks, and only
 * when it is not in force the warning (which holds the reason) and its successor.
 */
function passageForChat(p: Passage, validity = false) {
  return {
    clauseId: p.clauseId,
    citation: p.citation,
    status: p.status,
    // Asked how long it holds: the document's term, which no clause's text may state (新高地政策有效期到几时).
    ...(validity ? { statusReason: p.statusReason } : {}),
    ...(p.inForce ? {} : { warning: p.warning, successor: p.successor }),
    ...(p.focus ? { focus: p.focus.part } : {}),
    text: p.text,
    amounts: p.amounts.map((a) => ({
      kind: a.kind,
      ...(a.yuan === null ? {} : { yuan: a.yuan }),
      ...(a.rate === null ? {} : { rate: a.rate }),
      ...(a.period === null ? {} : { period: a.period }),
    })),
    contacts: p.contacts.map((c) => ({ department: c.department, ...(c.phone ? { phone: c.phone } : {}) })),
  };
}

/** A clause out of force beside the answer: named, with its warning; get_clause gives its text. */
const outOfForceForChat = (p: Passage) => ({
  clauseId: p.clauseId,
  citation: p.citation,
  warning: p.warning,
  successor: p.successor,
});

/**
 * A retrieval as a model reads it, top down: whether the corpus answers at all, the notice and
 * the best match it names (a lapsed clause with no replacement), then the passages in force,
 * then clauses out of force by name.
 */
function retrievalForChat(r: Retrieval) {
  const validity = asksValidity(r.question);
  return {
    question: r.question,
    asOf: r.asOf,
    // Where the day came from: a day read from the question is named by its words, so a bot can
    // tell the user which day it answered for.
    asOfSource: r.asOfSource,
    ...(r.asOfWords ? { asOfWords: r.asOfWords } : {}),
    answerable: r.answerable,
    confidence: r.confidence,
    ...(r.coverageNote ? { coverageNote: r.coverageNote } : {}),
    ...(r.notice ? { notice: r.notice } : {}),
    ...(r.bestMatch ? { bestMatch: passageForChat(r.bestMatch, validity) } : {}),
    passages: r.passages.map((p) => passageForChat(p, validity)),
    outOfForce: r.outOfForce.filter((p) => p.clauseId !== r.bestMatch?.clauseId).map(outOfForceForChat),
    engine: r.engine,
  };
}

/** 10,000,000 → 1000万元; 0.45 of a share → 45%. */
function shownAs(value: number, unit: string): string {
  if (unit === 'share') return writtenRate(value);
  if (unit === 'yuan' || unit === 'yuanPerUnit') return writtenYuan(value);
  return String(value);
}

/** One Chinese sentence on how far the company is from a condition it fails. */
export function gapSentence(condition: string, gap: ConditionGap): string {
  const unit = BENEFIT_FACTS[gap.fact].unit;
  // 获得天使投资 with none received: nothing is "short by 1元"; the company has none.
  if (gap.threshold === 0 && gap.actual === 0)
    return `未满足条件「${condition}」：须大于${shownAs(0, unit)}，贵司为${shownAs(0, unit)}。`;
  const short = unit === 'share' ? `${Number((gap.shortBy * 100).toFixed(2))}个百分点` : shownAs(gap.shortBy, unit);
  return `距条件「${condition}」还差${short}（要求${shownAs(gap.threshold, unit)}，贵司为${shownAs(gap.actual, unit)}）。`;
}

function itemForChat(item: BenefitItemResult) {
  const gaps = item.conditions.flatMap((c) => (c.gap ? [gapSentence(c.text, c.gap)] : []));
  return {
    clauseId: item.clause.id,
    citation: item.clause.citation,
    ...(item.award ? { award: item.award } : {}),
    verdict: item.verdict,
    estimatedYuan: item.estimatedYuan,
    maxYuan: item.maxYuan,
    ...(item.formula ? { formula: item.formula } : {}),
    ...(item.missingFacts.length ? { missingFacts: item.missingFacts } : {}),
    ...(gaps.length ? { gap: gaps.join('') } : {}),
    status: item.status,
    ...(item.warning ? { warning: item.warning } : {}),
  };
}

/**
 * Registers a tool whose arguments are checked by ./arguments.ts: the schema advertised as
 * written, the refusals in one shape and in Chinese.
 */
function tool<S extends z.ZodRawShape>(
  server: McpServer,
  name: string,
  spec: {
    title: string;
    description: string;
    shape: S;
    described: Described<S>;
    /** A refusal more precise than the argument check's, where one applies. */
    precheck?: (raw: Record<string, unknown>) => ToolResult | null;
  },
  run: (args: z.infer<z.ZodObject<S>>) => Promise<ToolResult>,
): void {
  const call = async (raw: unknown): Promise<ToolResult> => {
    const given = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const refused = spec.precheck?.(given);
    if (refused) return refused;
    const args = checked(given, spec.shape, spec.described);
    if ('refused' in args) return args.refused;
    try {
      return await run(args.ok);
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      // The API's own refusal is English (it names the contract): here it is said in Chinese.
      const argument = String(error.extensions.argument ?? '');
      return refusal(
        'BAD_ARGUMENT',
        error.inChinese ?? `参数 ${argument}（${spec.described[argument] ?? argument}）的值不可用，请按说明重新提供。`,
        { argument },
      );
    }
  };
  // The arguments reach `call` as given (CheckingMcpServer), whatever the schema's types say.
  server.registerTool(
    name,
    { title: spec.title, description: spec.description, inputSchema: spec.shape },
    call as never,
  );
}

/** A document named by id or 文号: the id, or the refusal saying what to give. */
function documentNamed(
  snapshot: Snapshot,
  a: { id?: string; docNumber?: string },
): { id: string } | { refused: ToolResult } {
  if (!a.id && !a.docNumber)
    return {
      refused: refusal(
        'BAD_ARGUMENT',
        '请提供 id（文件编号，如 chengdu-ai-rules-2024）或 docNumber（文号，如 成经信办〔2024〕16号）之一。',
        {
          argument: 'id',
        },
      ),
    };
  const id = a.id ?? policyByDocNumber(snapshot, a.docNumber!)?.id;
  if (id && snapshot.policy(id)) return { id };
  return {
    refused: refusal('NOT_FOUND', a.id ? `没有编号为 ${a.id} 的文件。` : `没有文号为 ${a.docNumber} 的文件。`, {
      argument: a.id ? 'id' : 'docNumber',
    }),
  };
}

/** What the tools read besides the snapshot: search, and the versions kept with what changed. */
export interface ToolDeps {
  search: SearchService;
  snapshot: () => Snapshot;
  versions: VersionStore;
  changes: Changes;
}

const KIND_WORDS: Record<ChangeKind, string> = {
  DOCUMENT_ADDED: '新增文件',
  DOCUMENT_AMENDED: '文件修订',
  DOCUMENT_REMOVED: '删除文件',
  ENTERED_INTO_FORCE: '生效',
  REPEALED: '废止',
  LAPSED_WITH_PARENT: '随所实施政策失效',
  REACHED_END: '期满失效',
};

/** A change for a chat window: one line of summary, an amendment's clauses one short line each. */
function changeForChat(c: Change) {
  return {
    day: c.day,
    kind: KIND_WORDS[c.kind],
    policyId: c.policyId,
    summary: c.summary,
    ...(c.clauses.length ? { clauses: c.clauses.map(clauseChangeLine) } : {}),
    ...(c.otherParts.length ? { otherParts: c.otherParts } : {}),
  };
}

export function registerTools(server: McpServer, deps: ToolDeps): void {
  const { search, snapshot } = deps;
  // Each call reads the snapshot served when it starts.
  const session = () => ({ loaders: lookupsOf(snapshot()) });

  tool(
    server,
    'search_clauses',
    {
      title: 'Search policy clauses',
      description:
        'Finds clauses of Chengdu computing-power and AI policies answering a question (Chinese, Simplified or Traditional). Says first whether the corpus answers at all (answerable, confidence HIGH / LOW / NONE, coverageNote in Chinese: with NONE say so and quote nothing). Without asOf the day is read from the question (2024年8月, 去年) or is today: asOfSource QUESTION / TODAY, asOfWords the words it was read from. Passages in force on asOf with verbatim text, citation and status; clauses out of force by name with a warning and their in-force successor (get_clause gives their text).',
      shape: {
        question: z.string().trim().min(1).max(1000),
        asOf,
        first: z.number().int().min(1).max(20).optional(),
        includeHistory: z.boolean().optional(),
      },
      described: {
        question: '要查的问题（中文）',
        asOf: AS_OF,
        first: '最多返回几条现行条款（1–20，默认3）',
        includeHistory: '是否连同不再有效的条款一起返回',
      },
    },
    async (a) => {
      const { loaders } = session();
      const r = await retrieve(search, loaders, a.question, {
        asOf: a.asOf ?? null,
        today: todayInChina(),
        documentByNumber: async (n) => policyByDocNumber(loaders.snapshot, n)?.id ?? null,
        first: a.first ?? 3,
        includeHistory: a.includeHistory ?? false,
      });
      // The documents the question names (by 文号, title or year), each with its status: what a
      // question whether a document holds is answered by.
      const documents = await Promise.all(r.documentIds.map((id) => documentBundle(loaders, id, r.asOf)));
      return answer({
        ...retrievalForChat(r),
        ...(documents.length
          ? {
              documents: documents.flatMap((d) =>
                d
                  ? [{ policyId: d.policyId, citation: d.citation, status: d.status, statusReason: d.statusReason }]
                  : [],
              ),
            }
          : {}),
      });
    },
  );

  tool(
    server,
    'check_citations',
    {
      title: 'Check the citations of a drafted answer',
      description:
        'Finds every citation in a drafted answer (《title》 with numbering such as 一（二） or 第三条, or a 文号 in any brackets and script) and checks each against the corpus as on asOf: VALID, NOT_IN_FORCE (with the clause that replaced it), NOT_FOUND, MISQUOTED (the sums or rates the same sentence gives that the clause does not state). Check before sending an answer.',
      shape: { text: z.string().trim().min(1).max(20_000), asOf },
      described: { text: '要检查的回答草稿（含《标题》条款编号或文号）', asOf: AS_OF },
    },
    async (a) => {
      const checks = verifyCitations(snapshot(), a.text, a.asOf ?? todayInChina());
      return answer({
        asOf: a.asOf ?? todayInChina(),
        checks: checks.map((c) => ({
          cited: c.cited,
          verdict: c.verdict,
          ...(c.clause ? { clauseId: c.clause.id } : c.policy ? { policyId: c.policy.id } : {}),
          ...(c.successor ? { successor: { clauseId: c.successor.id, citation: c.successor.citation } } : {}),
          ...(c.wrongFigures.length ? { wrongFigures: c.wrongFigures } : {}),
          reason: c.reason,
        })),
      });
    },
  );

  tool(
    server,
    'get_clause',
    {
      title: 'Get a clause',
      description: 'One clause by id (e.g. chengdu-ai-rules-2024/8.2) with its text, citation and status on asOf.',
      shape: { id: z.string().min(1), asOf },
      described: { id: '条款编号，如 chengdu-ai-rules-2024/8.2', asOf: AS_OF },
    },
    async (a) => {
      const bundle = await passageBundle(session().loaders, a.id, a.asOf ?? todayInChina());
      return bundle
        ? answer({
            asOf: bundle.asOf,
            ...passageForChat({ ...bundle, focus: null }),
            statusReason: bundle.statusReason,
          })
        : refusal('NOT_FOUND', `没有编号为 ${a.id} 的条款。`, { argument: 'id' });
    },
  );

  tool(
    server,
    'get_policy',
    {
      title: 'Get a policy document',
      description: 'A document by id or by 文号 (any brackets), with its status on asOf and its top-level clauses.',
      shape: { id: z.string().min(1).optional(), docNumber: z.string().min(1).optional(), asOf },
      described: { id: '文件编号，如 chengdu-ai-rules-2024', docNumber: '文号，如 成经信办〔2024〕16号', asOf: AS_OF },
    },
    async (a) => {
      const { loaders } = session();
      const named = documentNamed(loaders.snapshot, a);
      if ('refused' in named) return named.refused;
      return answer(await documentBundle(loaders, named.id, a.asOf ?? todayInChina()));
    },
  );

  tool(
    server,
    'list_in_force',
    {
      title: 'List documents in force',
      description: 'The documents in force on a day, each with its status and its top-level clauses.',
      shape: { date: day, first: z.number().int().min(1).max(100).optional() },
      described: { date: '日期（YYYY-MM-DD）', first: '最多返回几份文件（1–100，默认50）' },
    },
    async (a) => {
      const { loaders } = session();
      const page = policyPage(loaders.snapshot, { inForceOn: a.date }, a.first ?? 50, undefined, a.date);
      const documents = await Promise.all(page.ids.map((id) => documentBundle(loaders, id, a.date)));
      return answer({ date: a.date, totalCount: page.totalCount, documents });
    },
  );

  tool(
    server,
    'status_timeline',
    {
      title: 'Status timeline of a document',
      description:
        'What was in force when: a document (by id or 文号) period by period from the beginning, each with its status, the reason in Chinese and whether it is inferred (a policy in force because its 实施细则 were), and its real last day in force beside the one written.',
      shape: { id: z.string().min(1).optional(), docNumber: z.string().min(1).optional() },
      described: { id: '文件编号，如 chengdu-ai-rules-2024', docNumber: '文号，如 成经信办〔2024〕16号' },
    },
    async (a) => {
      const { loaders } = session();
      const named = documentNamed(loaders.snapshot, a);
      if ('refused' in named) return named.refused;
      const policy = (await loaders.policy.load(named.id))!;
      return answer({
        id: policy.id,
        title: policy.title,
        docNumber: policy.docNumber ?? null,
        effectiveFrom: policy.effectiveFrom ?? null,
        effectiveTo: policy.effectiveTo ?? null,
        ...(await timelineOf(loaders, policy.id)),
      });
    },
  );

  tool(
    server,
    'compare_policies',
    {
      title: 'What changed between two documents',
      description:
        'Compares an old document with a new one (ids): clause pairs where the new replaces the old, with amounts old → new and 申报条件 added or dropped; funded items of the old one with no successor; new funded items. E.g. old chengdu-ai-rules-2024, new chengdu-ai-highland-policy-2025.',
      shape: { old: z.string().min(1), new: z.string().min(1) },
      described: { old: '旧文件的编号', new: '新文件的编号' },
    },
    async (a) => {
      const { loaders } = session();
      const [oldPolicy, newPolicy] = await Promise.all([loaders.policy.load(a.old), loaders.policy.load(a.new)]);
      if (!oldPolicy || !newPolicy) {
        const missing = oldPolicy ? 'new' : 'old';
        return refusal('NOT_FOUND', `没有编号为 ${a[missing]} 的文件。`, { argument: missing });
      }
      const d = await differences(loaders, a.old, a.new);
      const clause = (c: Clause) => ({ id: c.id, citation: c.citation, maxYuan: c.maxYuan ?? null });
      const amount = (x: Amount | null) => x && plainAmount(x);
      return answer({
        old: { id: oldPolicy.id, title: oldPolicy.title },
        new: { id: newPolicy.id, title: newPolicy.title },
        pairs: d.pairs.map((p) => ({
          old: clause(p.old),
          new: clause(p.new),
          note: p.note,
          amounts: p.amounts.map((c) => ({ change: c.change, kind: c.kind, old: amount(c.old), new: amount(c.new) })),
          conditionsCompared: p.conditionsCompared,
          conditionsAdded: p.conditionsAdded,
          conditionsDropped: p.conditionsDropped,
        })),
        dropped: d.dropped.map(clause),
        added: d.added.map(clause),
      });
    },
  );

  const facts = Object.fromEntries(
    FACT_NAMES.map((name) => {
      const { unit, description } = BENEFIT_FACTS[name];
      const b = factBounds(name);
      const number = z.number().min(b.least).max(b.most);
      const type = unit === 'flag' ? z.boolean() : b.whole ? number.int() : number;
      return [name, type.optional().describe(`${description} (${unit})`)];
    }),
  );
  tool(
    server,
    'estimate_benefits',
    {
      title: 'What a company can receive',
      description:
        'Estimates what a company can receive under the clauses in force on asOf, from the facts it knows (leave out what is not known: the answer names the facts still needed, never guesses). Each item: verdict ELIGIBLE / NOT_ELIGIBLE / NEEDS_INFO, the sum in yuan and its arithmetic; for a condition it fails by a figure, how far it is from it (gap, in Chinese); totalYuan counts only what may be paid together. Where review sets the sum (经评审择优) an ELIGIBLE item has no estimatedYuan, only maxYuan, counted in maxTotalYuan, never in totalYuan. includeDrafts adds drafts for comment, never in the total.',
      // Strict: a misnamed fact (computingSpendYuan for computePurchaseYuan) is refused, naming the
      // fact meant, rather than dropped and answered as if the company had not said it.
      shape: { profile: z.object(facts).strict(), asOf, includeDrafts: z.boolean().optional() },
      described: {
        profile: '企业已知的情况（如 computePurchaseYuan、aiRevenueShare），不知道的不填',
        asOf: AS_OF,
        includeDrafts: '是否连同征求意见稿一起估算（仅供参考，不计入总额）',
      },
      precheck: (raw) => unknownFacts(raw.profile),
    },
    async (a) => {
      const e = await estimateBenefits(session().loaders, a.profile, {
        asOf: a.asOf ?? todayInChina(),
        includeDrafts: a.includeDrafts ?? false,
      });
      return answer({
        asOf: e.asOf,
        totalYuan: e.totalYuan,
        maxTotalYuan: e.maxTotalYuan,
        items: e.items.map(itemForChat),
      });
    },
  );

  tool(
    server,
    'what_changed',
    {
      title: 'What changed',
      description:
        'What changed in the corpus since a version (v3) or a day (YYYY-MM-DD): documents added, amended (clause by clause: text, sums and rates old → new) or removed by a load, and documents coming into force, repealed or lapsing by the calendar, in order. Pass `after` (the `next` of the last answer) to go on.',
      shape: {
        since: z.string().min(1).max(20),
        until: z.string().min(1).max(20).optional(),
        first: z.number().int().min(1).max(50).optional(),
        after: z.string().min(1).max(500).optional(),
      },
      described: {
        since: '从哪个版本（如 v3）或哪一天（YYYY-MM-DD）之后',
        until: '到哪个版本或哪一天为止（默认：现在）',
        first: '最多返回几条变化（1–50，默认20）',
        after: '上次回答的 next，从那里接着列',
      },
    },
    async (a) => {
      // A bound refused is said in its own Chinese words by the tool's one mapping of refusals.
      const window: Window = await windowOf(
        deps.versions,
        parseBound('since', a.since),
        a.until ? parseBound('until', a.until) : null,
        new Date(),
      );
      let page: ChangePage;
      try {
        page = await deps.changes.page(snapshot(), window, { first: a.first ?? 20, after: a.after });
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        return refusal('BAD_ARGUMENT', 'after 须为上次回答的 next。', { argument: 'after' });
      }
      const last = page.changes.at(-1);
      return answer({
        totalCount: page.totalCount,
        changes: page.changes.map(changeForChat),
        next: page.hasNextPage && last ? encodeChangeCursor(last) : null,
      });
    },
  );
}

/**
 * The refusal of a profile naming a fact the estimate does not know, with the one meant; other
 * bad profiles are refused by the argument check's own message.
 */
export function unknownFacts(profile: unknown): ToolResult | null {
  if (typeof profile !== 'object' || profile === null) return null;
  const unknown = Object.keys(profile).find((k) => !(FACT_NAMES as readonly string[]).includes(k));
  if (!unknown) return null;
  const meant = nearest(unknown, FACT_NAMES);
  // The field to type first, then its name in Chinese.
  const named = (fact: string) => `${fact}（${BENEFIT_FACTS[fact as FactName].name}）`;
  return refusal(
    'BAD_ARGUMENT',
    `profile 中没有名为 ${unknown} 的事实${meant.length ? `，您是否要用 ${meant.map(named).join('或')}` : ''}。可用的事实见本工具的参数说明。`,
    { argument: `profile.${unknown}`, ...(meant.length ? { didYouMean: meant } : {}) },
  );
}
