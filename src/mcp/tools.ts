/**
 * MCP tools over the same services as the API; every answer is a citation bundle
 * (src/retrieval/bundle.ts) as JSON text.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createLoaders } from '../snapshot/lookups.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { isIsoDate, todayInChina } from '../domain/dates.js';
import { policyByDocNumber, policyPage } from '../snapshot/lists.js';
import { documentBundle, passageBundle, plainAmount } from '../retrieval/bundle.js';
import { retrieve, type Retrieval } from '../retrieval/retrieval.service.js';
import type { SearchService } from '../search/search.service.js';
import { timelineOf } from '../analytics/timeline.js';
import { differences } from '../analytics/differences.js';
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import { estimateBenefits } from '../benefits/estimate.js';
import { BENEFIT_FACTS, FACT_NAMES } from '../domain/benefit-facts.js';
import { BadUserInputError } from '../common/errors.js';

const day = z.string().refine(isIsoDate, { error: 'must be a real calendar day written YYYY-MM-DD' });
const asOf = day.optional().describe('The day to judge legal status on (YYYY-MM-DD); default today in China.');

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };
const answer = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const notFound = (what: string): ToolResult => ({
  content: [{ type: 'text', text: JSON.stringify({ error: 'NOT_FOUND', message: what }) }],
  isError: true,
});

/**
 * A retrieval as a model reads it, top down: the question and its day, then the notice and the
 * best match it names (a lapsed clause with no replacement), then the passages in force. The
 * best match is also outOfForce's first, so there it is named by id rather than given twice.
 */
function noticeFirst(r: Retrieval) {
  const { notice, bestMatch, passages, outOfForce, ...head } = r;
  return {
    ...head,
    notice,
    bestMatch,
    passages,
    outOfForce: outOfForce.map((p) =>
      bestMatch && p.clauseId === bestMatch.clauseId ? { clauseId: p.clauseId, sameAs: 'bestMatch' } : p,
    ),
  };
}

export function registerTools(server: McpServer, search: SearchService, snapshot: () => Snapshot): void {
  // Each call reads the snapshot served when it starts.
  const session = () => ({ loaders: createLoaders(snapshot()) });

  server.registerTool(
    'search_clauses',
    {
      title: 'Search policy clauses',
      description:
        'Finds clauses of Chengdu computing-power and AI policies answering a question (Chinese, Simplified or Traditional). Returns passages with verbatim text, citation, status on asOf and, for clauses not in force, a warning and the in-force successor. Only clauses in force on asOf unless includeHistory.',
      inputSchema: {
        question: z.string().min(1).max(200),
        asOf,
        first: z.number().int().min(1).max(20).optional(),
        includeHistory: z.boolean().optional(),
      },
    },
    async (a) => {
      const { loaders } = session();
      return answer(
        noticeFirst(
          await retrieve(search, loaders, a.question, {
            asOf: a.asOf ?? null,
            today: todayInChina(),
            documentByNumber: async (n) => policyByDocNumber(loaders.snapshot, n)?.id ?? null,
            first: a.first ?? 5,
            includeHistory: a.includeHistory ?? false,
          }),
        ),
      );
    },
  );

  server.registerTool(
    'get_clause',
    {
      title: 'Get a clause',
      description: 'One clause by id (e.g. chengdu-ai-rules-2024/8.2) as a citation bundle on asOf.',
      inputSchema: { id: z.string().min(1), asOf },
    },
    async (a) => {
      const bundle = await passageBundle(session().loaders, a.id, a.asOf ?? todayInChina());
      return bundle ? answer(bundle) : notFound(`No clause has the id ${JSON.stringify(a.id)}.`);
    },
  );

  server.registerTool(
    'get_policy',
    {
      title: 'Get a policy document',
      description: 'A document by id or by 文号 (any brackets), with its status on asOf and its top-level clauses.',
      inputSchema: { id: z.string().min(1).optional(), docNumber: z.string().min(1).optional(), asOf },
    },
    async (a) => {
      const { loaders } = session();
      const id = a.id ?? (a.docNumber ? policyByDocNumber(loaders.snapshot, a.docNumber)?.id : undefined);
      const bundle = id ? await documentBundle(loaders, id, a.asOf ?? todayInChina()) : null;
      return bundle
        ? answer(bundle)
        : notFound(`No document has the id or 文号 ${JSON.stringify(a.id ?? a.docNumber ?? '')}.`);
    },
  );

  server.registerTool(
    'list_in_force',
    {
      title: 'List documents in force',
      description: 'The documents in force on a day, each as a citation bundle with its top-level clauses.',
      inputSchema: { date: day, first: z.number().int().min(1).max(100).optional() },
    },
    async (a) => {
      const { loaders } = session();
      const page = policyPage(loaders.snapshot, { inForceOn: a.date }, a.first ?? 50, undefined, a.date);
      const documents = await Promise.all(page.ids.map((id) => documentBundle(loaders, id, a.date)));
      return answer({ date: a.date, totalCount: page.totalCount, documents });
    },
  );

  server.registerTool(
    'status_timeline',
    {
      title: 'Status timeline of a document',
      description:
        'What was in force when: a document (by id or 文号) period by period from the beginning, each with its status, the reason in Chinese and whether it is inferred (a policy in force because its 实施细则 were), and its real last day in force beside the one written.',
      inputSchema: { id: z.string().min(1).optional(), docNumber: z.string().min(1).optional() },
    },
    async (a) => {
      const { loaders } = session();
      const id = a.id ?? (a.docNumber ? policyByDocNumber(loaders.snapshot, a.docNumber)?.id : undefined);
      const policy = id ? await loaders.policy.load(id) : null;
      if (!policy) return notFound(`No document has the id or 文号 ${JSON.stringify(a.id ?? a.docNumber ?? '')}.`);
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

  server.registerTool(
    'compare_policies',
    {
      title: 'What changed between two documents',
      description:
        'Compares an old document with a new one (ids): clause pairs where the new replaces the old, with amounts old → new and 申报条件 added or dropped; funded items of the old one with no successor; new funded items. E.g. old chengdu-ai-rules-2024, new chengdu-ai-highland-policy-2025.',
      inputSchema: { old: z.string().min(1), new: z.string().min(1) },
    },
    async (a) => {
      const { loaders } = session();
      const [oldPolicy, newPolicy] = await Promise.all([loaders.policy.load(a.old), loaders.policy.load(a.new)]);
      if (!oldPolicy || !newPolicy)
        return notFound(`No document has the id ${JSON.stringify(oldPolicy ? a.new : a.old)}.`);
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

  server.registerTool(
    'estimate_benefits',
    {
      title: 'What a company can receive',
      description:
        'Estimates what a company can receive under the clauses in force on asOf, from the facts it knows (leave out what is not known: the answer names the facts still needed, never guesses). Each item: verdict ELIGIBLE / NOT_ELIGIBLE / NEEDS_INFO, the sum in yuan and its arithmetic, the conditions checked; totalYuan counts only what may be paid together. Where review sets the sum (经评审择优) an ELIGIBLE item has no estimatedYuan, only maxYuan, the ceiling the text states, counted in maxTotalYuan, never in totalYuan. includeDrafts adds drafts for comment, never in the total.',
      inputSchema: {
        // Strict: a misnamed fact (computingSpendYuan for computePurchaseYuan) is refused, naming it,
        // rather than dropped and answered as if the company had not said it.
        profile: z
          .object(
            Object.fromEntries(
              FACT_NAMES.map((name) => [
                name,
                (BENEFIT_FACTS[name].unit === 'flag' ? z.boolean() : z.number().min(0))
                  .optional()
                  .describe(`${BENEFIT_FACTS[name].description} (${BENEFIT_FACTS[name].unit})`),
              ]),
            ),
          )
          .strict(),
        asOf,
        includeDrafts: z.boolean().optional(),
      },
    },
    async (a) => {
      const { loaders } = session();
      try {
        const e = await estimateBenefits(loaders, a.profile, {
          asOf: a.asOf ?? todayInChina(),
          includeDrafts: a.includeDrafts ?? false,
        });
        return answer({
          asOf: e.asOf,
          totalYuan: e.totalYuan,
          maxTotalYuan: e.maxTotalYuan,
          items: e.items.map((item) => ({
            clauseId: item.clause.id,
            citation: item.clause.citation,
            award: item.award,
            verdict: item.verdict,
            estimatedYuan: item.estimatedYuan,
            maxYuan: item.maxYuan,
            formula: item.formula,
            conditions: item.conditions,
            missingFacts: item.missingFacts,
            status: item.status,
            warning: item.warning,
          })),
        });
      } catch (error) {
        if (!(error instanceof BadUserInputError)) throw error;
        return {
          content: [{ type: 'text', text: JSON.stringify({ error: 'BAD_USER_INPUT', message: error.message }) }],
          isError: true,
        };
      }
    },
  );
}
