import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
let client: Client;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'policy-mcp-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/mcp/main.ts'],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir },
    stderr: 'ignore',
  });
  client = new Client({ name: 'policy-test', version: '1.0.0' });
  await client.connect(transport);
});
afterAll(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A tool's result as the client gets it (a refusal's text is a message, not JSON). */
async function raw(
  name: string,
  args: Record<string, unknown>,
): Promise<{ content: { type: string; text: string }[]; isError?: boolean }> {
  return (await client.callTool({ name, arguments: args })) as {
    content: { type: string; text: string }[];
    isError?: boolean;
  };
}

async function call(name: string, args: Record<string, unknown>): Promise<{ value: any; isError: boolean }> {
  const result = await raw(name, args);
  return { value: JSON.parse(result.content[0].text), isError: result.isError === true };
}

describe('the MCP server over stdio', () => {
  it('offers its seven tools', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      'compare_policies',
      'estimate_benefits',
      'get_clause',
      'get_policy',
      'list_in_force',
      'search_clauses',
      'status_timeline',
    ]);
  });

  it('estimates benefits as the API does: 60% of 600万 of computing power, and a fact still needed', async () => {
    const { value, isError } = await call('estimate_benefits', {
      profile: { computePurchaseYuan: 6_000_000, equityInvestmentYuan: 8_000_000 },
      asOf: '2026-03-01',
    });
    expect(isError).toBe(false);
    expect(value.totalYuan).toBe(3_600_000);
    expect(value.items[0]).toMatchObject({
      clauseId: 'chengdu-ai-highland-policy-2025/1',
      verdict: 'ELIGIBLE',
      estimatedYuan: 3_600_000,
      formula: 'min(60% × 6,000,000, 5,000,000) = 3,600,000',
    });
    const investment = value.items.find((i: any) => i.clauseId === 'chengdu-ai-highland-policy-2025/5');
    expect(investment).toMatchObject({ verdict: 'NEEDS_INFO', estimatedYuan: null, missingFacts: ['aiRevenueShare'] });
  });

  it('gives a ceiling set by review as maxYuan, outside totalYuan, and each award of a clause as its own item', async () => {
    const { value, isError } = await call('estimate_benefits', {
      profile: { benchmarkScenario: true, frameworkProductRdProject: true },
      asOf: '2024-08-01',
    });
    expect(isError).toBe(false);
    expect(value).toMatchObject({ totalYuan: 0, maxTotalYuan: 3_000_000 });
    const scene = value.items.find((i: any) => i.clauseId === 'chengdu-ai-rules-2024/3.1');
    expect(scene).toMatchObject({ verdict: 'ELIGIBLE', estimatedYuan: null, maxYuan: 1_000_000, award: null });
    expect(scene).not.toHaveProperty('rule');
    const project = value.items.filter((i: any) => i.clauseId === 'chengdu-ai-rules-2024/1.3');
    expect(project.map((i: any) => [i.award, i.maxYuan])).toEqual([
      ['给予重点项目最高200万元经费支持', 2_000_000],
      ['给予一般项目最高20万元经费支持', 200_000],
    ]);
  });

  it('takes yes/no facts as booleans: 30万 for a new 小巨人 under the 2024 rules, and refuses 1 for true', async () => {
    const { value, isError } = await call('estimate_benefits', {
      profile: { newLittleGiant: true },
      asOf: '2024-08-01',
    });
    expect(isError).toBe(false);
    expect(value.totalYuan).toBe(300_000);
    expect(value.items[0]).toMatchObject({ clauseId: 'chengdu-ai-rules-2024/5.2', estimatedYuan: 300_000 });
    const refused = await raw('estimate_benefits', { profile: { newLittleGiant: 1 }, asOf: '2024-08-01' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toContain('newLittleGiant');
  });

  it('refuses a fact it does not know, naming it, instead of answering without it', async () => {
    const refused = await raw('estimate_benefits', { profile: { computingSpendYuan: 2_000_000 }, asOf: '2025-10-01' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toContain('computingSpendYuan');
  });

  it('searches clauses in force on a day, with citation bundles from Meilisearch', async () => {
    const { value } = await call('search_clauses', { question: '算力券', asOf: '2025-10-01' });
    expect(value.engine).toBe('meilisearch');
    expect(value.passages[0]).toMatchObject({
      clauseId: 'chengdu-ai-highland-policy-2025/1',
      citation: '《成都市打造人工智能產業發展新高地若干政策》一',
      status: 'IN_FORCE',
      warning: null,
    });
  });

  it('says first that the 备案 reward lapsed with no replacement, before any passage in force', async () => {
    const { value } = await call('search_clauses', { question: '大模型备案有什么奖励', asOf: '2026-01-01' });
    const keys = Object.keys(value);
    expect(keys.indexOf('notice')).toBeLessThan(keys.indexOf('passages'));
    expect(keys.indexOf('bestMatch')).toBeLessThan(keys.indexOf('passages'));
    expect(value.notice).toContain('二（二）');
    expect(value.notice).toContain('没有现行的替代条款');
    expect(value.bestMatch).toMatchObject({ clauseId: 'chengdu-ai-rules-2024/2.2', status: 'EXPIRED' });
    // Named, not given twice.
    expect(value.outOfForce[0]).toEqual({ clauseId: 'chengdu-ai-rules-2024/2.2', sameAs: 'bestMatch' });
  });

  it('gets a repealed-era clause with its warning and successor', async () => {
    const { value } = await call('get_clause', { id: 'chengdu-computing-power-rules-2023/7.1', asOf: '2025-10-01' });
    expect(value).toMatchObject({
      status: 'EXPIRED',
      inForce: false,
      successor: { clauseId: 'chengdu-ai-highland-policy-2025/1' },
    });
    expect(value.warning).toContain('已失效');
  });

  it('gets a policy by 文号 in any brackets, and lists what is in force on a day', async () => {
    const { value: doc } = await call('get_policy', { docNumber: '成经信办[2024]16号', asOf: '2024-08-01' });
    expect(doc).toMatchObject({
      policyId: 'chengdu-ai-rules-2024',
      citation: '《成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则》（成经信办〔2024〕16号）',
      status: 'IN_FORCE',
    });
    expect(doc.clauses).toHaveLength(10);
    const { value: list } = await call('list_in_force', { date: '2024-08-01' });
    // The two policies with no dates of their own are in force as their 实施细则 are.
    expect(list.documents.map((d: any) => d.policyId)).toEqual([
      'chengdu-ai-measures-2024',
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-measures-2023',
      'chengdu-computing-power-rules-2023',
    ]);
  });

  it('gives a document’s timeline: the 2023 rules written until 2026-02-09, in force until 2025-09-17', async () => {
    const { value: byId } = await call('status_timeline', { id: 'chengdu-computing-power-rules-2023' });
    expect(byId).toMatchObject({
      id: 'chengdu-computing-power-rules-2023',
      effectiveTo: '2026-02-09',
      inForceFrom: '2023-07-28',
      inForceUntil: '2025-09-17',
      endedOn: '2025-09-18',
    });
    expect(byId.periods.map((p: any) => p.status)).toEqual(['NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED']);
    expect(byId.periods[2].reason).toContain('本细则随之失效');
    const { value: parent } = await call('status_timeline', { docNumber: '成经信发[2024]1号' });
    expect(parent).toMatchObject({
      id: 'chengdu-ai-measures-2024',
      inForceFrom: '2024-07-11',
      inForceUntil: '2025-09-17',
    });
    expect(parent.periods[1]).toMatchObject({ status: 'IN_FORCE', inferred: true });
  });

  it('compares the 2024 rules with the 2025 policy: pairs, the dropped 备案 reward, new items', async () => {
    const { value } = await call('compare_policies', {
      old: 'chengdu-ai-rules-2024',
      new: 'chengdu-ai-highland-policy-2025',
    });
    expect(value.pairs.map((p: any) => [p.old.id, p.new.id])).toEqual([
      ['chengdu-ai-rules-2024/3.1', 'chengdu-ai-highland-policy-2025/3'],
      ['chengdu-ai-rules-2024/8.2', 'chengdu-ai-highland-policy-2025/4'],
      ['chengdu-ai-rules-2024/6.2', 'chengdu-ai-highland-policy-2025/5'],
    ]);
    expect(value.dropped.map((c: any) => c.id)).toContain('chengdu-ai-rules-2024/2.2');
    expect(value.added.map((c: any) => c.id)).toContain('chengdu-ai-highland-policy-2025/1');
  });

  it('answers unknown ids and bad dates as errors', async () => {
    expect(await call('get_clause', { id: 'nope/1' })).toEqual({
      isError: true,
      value: { error: 'NOT_FOUND', message: 'No clause has the id "nope/1".' },
    });
    const bad = (await client.callTool({ name: 'list_in_force', arguments: { date: '2025-13-45' } })) as {
      isError?: boolean;
      content: { text: string }[];
    };
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toContain('YYYY-MM-DD');
  });
});
