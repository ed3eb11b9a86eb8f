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

describe('what_changed', () => {
  it('says in Chinese what changed in a window, in calendar order: the repeals and lapses of 2025-09-18', async () => {
    const { value, isError } = await call('what_changed', { since: '2025-09-01', until: '2025-09-30' });
    expect(isError).toBe(false);
    expect(value.totalCount).toBe(5);
    expect(value.next).toBeNull();
    expect(value.changes.map((c: any) => [c.day, c.kind, c.policyId])).toEqual([
      ['2025-09-18', '生效', 'chengdu-ai-highland-policy-2025'],
      ['2025-09-18', '废止', 'chengdu-ai-measures-2024'],
      ['2025-09-18', '随所实施政策失效', 'chengdu-ai-rules-2024'],
      ['2025-09-18', '废止', 'chengdu-computing-power-measures-2023'],
      ['2025-09-18', '随所实施政策失效', 'chengdu-computing-power-rules-2023'],
    ]);
    expect(value.changes[2].summary).toMatch(
      /^《成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则》自2025年9月18日起随所实施的政策失效。/,
    );
  });

  it('pages with next, and refuses a since that is neither a version nor a day, in Chinese', async () => {
    const first = await call('what_changed', { since: '2023-01-01', until: '2028-12-31', first: 2 });
    expect(first.value.changes).toHaveLength(2);
    const rest = await call('what_changed', { since: '2023-01-01', until: '2028-12-31', after: first.value.next });
    expect([...first.value.changes, ...rest.value.changes].map((c: any) => c.day)).toEqual(
      [...first.value.changes, ...rest.value.changes].map((c: any) => c.day).sort(),
    );
    expect(rest.value.changes.at(-1)).toMatchObject({ day: '2027-09-18', kind: '期满失效' });
    const refused = await raw('what_changed', { since: '上个月' });
    expect(refused.isError).toBe(true);
    expect(JSON.parse(refused.content[0].text).error).toMatchObject({ code: 'BAD_ARGUMENT', argument: 'since' });
    const unknown = JSON.parse((await raw('what_changed', { since: 'v99' })).content[0].text).error;
    expect(unknown).toMatchObject({ code: 'BAD_ARGUMENT', argument: 'since' });
    expect(unknown.message).toBe('没有 v99 这个版本（现有的版本见 corpusVersions）。');
  });
});

describe('the MCP server over stdio', () => {
  it('offers its nine tools, each schema as written', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'check_citations',
      'compare_policies',
      'estimate_benefits',
      'get_clause',
      'get_policy',
      'list_in_force',
      'search_clauses',
      'status_timeline',
      'what_changed',
    ]);
    const search = tools.find((t) => t.name === 'search_clauses')!.inputSchema as any;
    expect(search.required).toEqual(['question']);
    expect(search.properties.question).toMatchObject({ type: 'string', maxLength: 1000 });
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
    expect(scene).toMatchObject({ verdict: 'ELIGIBLE', estimatedYuan: null, maxYuan: 1_000_000 });
    expect(scene).not.toHaveProperty('award');
    expect(scene.warning).toMatch(
      /^金额由评审确定（「.+」）：最高 1,000,000 元，计入 maxTotalYuan，不计入 totalYuan。$/,
    );
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

  it('refuses a fact it does not know, naming it and the facts meant, instead of answering without it', async () => {
    const { value, isError } = await call('estimate_benefits', {
      profile: { computingSpendYuan: 2_000_000 },
      asOf: '2025-10-01',
    });
    expect(isError).toBe(true);
    expect(value.error).toMatchObject({ code: 'BAD_ARGUMENT', argument: 'profile.computingSpendYuan' });
    expect(value.error.didYouMean).toContain('computePurchaseYuan');
    expect(value.error.message).toContain('computePurchaseYuan（当年算力购买费用）');
  });

  it('says in one Chinese sentence how far a company is from a condition it fails', async () => {
    const { value } = await call('estimate_benefits', {
      profile: { equityInvestmentYuan: 5_000_000, aiRevenueShare: 0.45 },
      asOf: '2026-03-01',
    });
    const item = value.items.find((i: any) => i.clauseId === 'chengdu-ai-highland-policy-2025/5');
    expect(item.gap).toBe('距条件「人工智能相關業務收入占比60%以上」还差15个百分点（要求60%，贵司为45%）。');
    expect(item.warning).toBe(
      '不符合条件「人工智能相關業務收入占比60%以上」：人工智能相关业务收入占比（aiRevenueShare）为 0.45，须 ≥ 0.6。',
    );
  });

  it('says a company has none, not that it is 1元 short, of something it must have some of', async () => {
    const { value } = await call('estimate_benefits', {
      profile: { modelUsageFeesYuan: 0, equityInvestmentYuan: 0 },
      asOf: '2026-03-01',
    });
    const gaps = value.items.flatMap((i: any) => (i.gap ? [i.gap] : []));
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      expect(gap).not.toContain('还差1元');
      expect(gap).toMatch(/^未满足条件「.+」：须大于0元，贵司为0元。$/);
    }
  });

  it('checks the citations of a drafted answer', async () => {
    const { value } = await call('check_citations', {
      text: '根据《成都市打造人工智能产业发展新高地若干政策》第一条，算力券最高可抵扣80%。成经信办[2024]16号规定小巨人奖励30万元。',
      asOf: '2026-01-01',
    });
    expect(value.checks.map((c: any) => [c.cited, c.verdict, c.wrongFigures ?? []])).toEqual([
      ['《成都市打造人工智能产业发展新高地若干政策》第一条', 'MISQUOTED', ['80%']],
      ['成经信办[2024]16号', 'NOT_IN_FORCE', []],
    ]);
    expect(value.checks[1].reason).toContain('已失效');
  });

  it('gives each passage its document’s term when asked how long a policy holds, which no clause states', async () => {
    const { value } = await call('search_clauses', { question: '新高地政策有效期到幾時', asOf: '2025-10-01' });
    expect(value.passages.some((x: any) => x.clauseId.startsWith('chengdu-ai-highland-policy-2025/'))).toBe(true);
    for (const p of value.passages.filter((x: any) => x.clauseId.startsWith('chengdu-ai-highland-policy-2025/')))
      expect(p.statusReason).toContain('2027年9月17日');
    const plain = await call('search_clauses', { question: '算力券最多多少', asOf: '2025-10-01' });
    expect(plain.value.passages[0]).not.toHaveProperty('statusReason');
  });

  it('names the documents a question asks about by title or year, each with its status and why', async () => {
    const { value } = await call('search_clauses', { question: '2024年的AI政策被废止了吗', asOf: '2026-01-01' });
    expect(value).toMatchObject({ answerable: true, confidence: 'LOW' });
    expect(value.documents.map((d: any) => [d.policyId, d.status])).toEqual([
      ['chengdu-ai-measures-2024', 'REPEALED'],
      ['chengdu-ai-rules-2024', 'EXPIRED'],
    ]);
    expect(value.documents[0].statusReason).toContain('废止');
    const plain = await call('search_clauses', { question: '算力券最多多少', asOf: '2025-10-01' });
    expect(plain.value).not.toHaveProperty('documents');
  });

  it('searches clauses in force on a day, with citation bundles from Meilisearch', async () => {
    const { value } = await call('search_clauses', { question: '算力券', asOf: '2025-10-01' });
    expect(value.engine).toBe('meilisearch');
    expect(value).toMatchObject({ answerable: true, confidence: 'HIGH' });
    expect(value.passages[0]).toMatchObject({
      clauseId: 'chengdu-ai-highland-policy-2025/1',
      citation: '《成都市打造人工智能產業發展新高地若干政策》一',
      status: 'IN_FORCE',
    });
    // In force: no warning to say. Each text once: no snippet, no amount texts, no indentation.
    expect(value.passages[0]).not.toHaveProperty('warning');
    const text = (await raw('search_clauses', { question: '算力券', asOf: '2025-10-01' })).content[0].text;
    const quoted = JSON.stringify(value.passages[0].text.slice(0, 30)).slice(1, -1);
    expect(text.split(quoted).length - 1).toBe(1);
    expect(text).not.toContain('\n  ');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
  });

  it('says where the day came from: the question, the request or today', async () => {
    const read = (await call('search_clauses', { question: '2024年8月还能申请算力券吗' })).value;
    expect(read).toMatchObject({ asOf: '2024-08-01', asOfSource: 'QUESTION', asOfWords: '2024年8月' });
    const given = (await call('search_clauses', { question: '2024年8月还能申请算力券吗', asOf: '2025-10-01' })).value;
    expect(given).toMatchObject({ asOf: '2025-10-01', asOfSource: 'REQUEST' });
    expect(given).not.toHaveProperty('asOfWords');
  });

  it('says when the corpus has no answer, and quotes nothing', async () => {
    const { value } = await call('search_clauses', { question: '上海有没有算力补贴' });
    expect(value).toMatchObject({ answerable: false, confidence: 'NONE', passages: [], outOfForce: [] });
    expect(value.coverageNote).toContain('上海');
  });

  it('says first that the 备案 reward lapsed with no replacement, before any passage in force', async () => {
    const { value } = await call('search_clauses', { question: '大模型备案有什么奖励', asOf: '2026-01-01' });
    const keys = Object.keys(value);
    expect(keys.indexOf('notice')).toBeLessThan(keys.indexOf('passages'));
    expect(keys.indexOf('bestMatch')).toBeLessThan(keys.indexOf('passages'));
    expect(value.notice).toContain('二（二）');
    expect(value.notice).toContain('没有现行的替代条款');
    expect(value.bestMatch).toMatchObject({ clauseId: 'chengdu-ai-rules-2024/2.2', status: 'EXPIRED' });
    expect(value.bestMatch.warning).toContain('不得作为现行规定引用');
    // Given once: not again among the clauses out of force.
    expect(value.outOfForce.map((p: any) => p.clauseId)).not.toContain('chengdu-ai-rules-2024/2.2');
  });

  it('gets a repealed-era clause with its warning and successor', async () => {
    const { value } = await call('get_clause', { id: 'chengdu-computing-power-rules-2023/7.1', asOf: '2025-10-01' });
    expect(value).toMatchObject({
      status: 'EXPIRED',
      successor: { clauseId: 'chengdu-ai-highland-policy-2025/1' },
    });
    expect(value.statusReason).toContain('随之失效');
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

  it('refuses in one shape and in Chinese, whatever the tool and the cause', async () => {
    const refusals = [
      ['get_clause', { id: 'nope/1' }, 'NOT_FOUND', 'id', '没有编号为 nope/1 的条款。'],
      ['list_in_force', { date: '2025-13-45' }, 'BAD_ARGUMENT', 'date', 'YYYY-MM-DD'],
      ['get_policy', {}, 'BAD_ARGUMENT', 'id', '请提供 id'],
      ['search_clauses', {}, 'BAD_ARGUMENT', 'question', '缺少参数 question：请提供要查的问题'],
      ['search_clauses', { questoin: '算力券' }, 'BAD_ARGUMENT', 'questoin', '您是否要用 question'],
      ['compare_policies', { old: 'nope', new: 'chengdu-ai-highland-policy-2025' }, 'NOT_FOUND', 'old', 'nope'],
      [
        'compare_policies',
        { old: 'chengdu-ai-highland-policy-2025', new: 'chengdu-computing-power-rules-2023' },
        'BAD_ARGUMENT',
        'old',
        '请以 old=chengdu-computing-power-rules-2023、new=chengdu-ai-highland-policy-2025 比较',
      ],
      ['what_changed', { since: '2025-10-01', until: '2025-01-01' }, 'BAD_ARGUMENT', 'until', 'until 不能早于 since'],
      ['check_citations', { text: '' }, 'BAD_ARGUMENT', 'text', '不能为空'],
      ['search_clauses', { question: '算力券', first: 500 }, 'BAD_ARGUMENT', 'first', '不能大于 20'],
      ['search_clauses', { question: '算力券', first: '3' }, 'BAD_ARGUMENT', 'first', '应为数字'],
      [
        'estimate_benefits',
        { profile: { firstEditionRdSpend: 1 } },
        'BAD_ARGUMENT',
        'profile.firstEditionRdSpend',
        'firstEditionRdSpendYuan（首版次开发框架研发支出）',
      ],
      // A company's finance person: each fact's bounds as GraphQL has them, the fact named with its value.
      [
        'estimate_benefits',
        { profile: { computePurchaseYuan: 3_000_000, aiRevenueShare: 0.6, equityInvestmentYuan: -1 } },
        'BAD_ARGUMENT',
        'profile.equityInvestmentYuan',
        '参数 profile.equityInvestmentYuan的值 -1 不可用：不能小于 0。',
      ],
      [
        'estimate_benefits',
        { profile: { computePurchaseYuan: 1e20 } },
        'BAD_ARGUMENT',
        'profile.computePurchaseYuan',
        '不能大于 9007199254740991',
      ],
      ['estimate_benefits', { profile: { racks: 1200.5 } }, 'BAD_ARGUMENT', 'profile.racks', '应为整数'],
      [
        'estimate_benefits',
        { profile: { racks: 3_000_000_000 } },
        'BAD_ARGUMENT',
        'profile.racks',
        '不能大于 2147483647',
      ],
      ['estimate_benefits', { profile: { sceneScore: 150 } }, 'BAD_ARGUMENT', 'profile.sceneScore', '不能大于 100'],
      ['estimate_benefits', { profile: { demoParkLevel: 7 } }, 'BAD_ARGUMENT', 'profile.demoParkLevel', '不能大于 3'],
      ['estimate_benefits', { profile: { pue: 0 } }, 'BAD_ARGUMENT', 'profile.pue', '不能小于 1'],
      ['no_such_tool', {}, 'NOT_FOUND', 'name', '可用的工具'],
      ['', {}, 'NOT_FOUND', 'name', '没有名为“”的工具'],
      ['toString', {}, 'NOT_FOUND', 'name', '没有名为“toString”的工具'],
      ['search clauses', {}, 'NOT_FOUND', 'name', '您是否要用 search_clauses'],
      ['search_clauses', { question: '   ' }, 'BAD_ARGUMENT', 'question', '不能为空'],
      ['search_clause', {}, 'NOT_FOUND', 'name', '您是否要用 search_clauses'],
    ] as const;
    for (const [tool, args, code, argument, says] of refusals) {
      const { value, isError } = await call(tool, args);
      expect(isError, tool).toBe(true);
      expect(Object.keys(value), tool).toEqual(['error']);
      expect(value.error, tool).toMatchObject({ code, argument });
      expect(value.error.message, tool).toContain(says);
      expect(value.error.message, tool).toMatch(/[\u4e00-\u9fff]/);
      // No English of the SDK's or of the checks' own: only names of tools, arguments and facts.
      expect(value.error.message, tool).not.toMatch(
        /\b(?:[Tt]oo|[Ee]xpected|[Ii]nvalid|[Tt]ool|of|not|[Aa]rgument|must|got|[Ee]rror)\b/,
      );
    }
    const { value } = await call('search_clauses', { questoin: '算力券' });
    expect(value.error.didYouMean).toEqual(['question']);
  });

  it('says in its log the engine it really answers with: a second server on the same data searches the database', async () => {
    const stderr: string[] = [];
    const second = new Client({ name: 'policy-test-2', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/mcp/main.ts'],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
    await second.connect(transport);
    try {
      const r = (await second.callTool({ name: 'search_clauses', arguments: { question: '算力券' } })) as {
        content: { text: string }[];
      };
      const { engine } = JSON.parse(r.content[0].text);
      const ready = stderr
        .join('')
        .split('\n')
        .filter((l) => l.includes('"mcp-ready"'))
        .map((l) => JSON.parse(l));
      expect(ready).toHaveLength(1);
      expect(ready[0].engine).toBe(engine);
      expect(engine).toBe('database-fallback');
    } finally {
      await second.close();
    }
  });
});
