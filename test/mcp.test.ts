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

async function call(name: string, args: Record<string, unknown>): Promise<{ value: any; isError: boolean }> {
  const result = (await client.callTool({ name, arguments: args })) as {
    content: { type: string; text: string }[];
    isError?: boolean;
  };
  return { value: JSON.parse(result.content[0].text), isError: result.isError === true };
}

describe('the MCP server over stdio', () => {
  it('offers the four tools', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      'get_clause',
      'get_policy',
      'list_in_force',
      'search_clauses',
    ]);
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
    expect(list.documents.map((d: any) => d.policyId)).toEqual([
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-rules-2023',
    ]);
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
