/**
 * `npm run mcp:sizes`: how large the MCP server's answers are in a chat window. Starts `npm run
 * mcp` (src/mcp/main.ts) as a real client does, over stdio, asks `search_clauses` every question
 * of data/search/users-questions.yaml and data/search/answerability.yaml, and prints the median,
 * p90 and largest answer in bytes (UTF-8), and the share at most 4 KB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readAnswerabilitySet } from './judge/answerability.js';
import { readUsersQuestions } from './judge/users-questions.js';

const dataDir = mkdtempSync(join(tmpdir(), 'mcp-sizes-'));
const client = new Client({ name: 'mcp-sizes', version: '1.0.0' });
await client.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/mcp/main.ts'],
    cwd: join(import.meta.dirname, '..'),
    env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir },
    stderr: 'ignore',
  }),
);
try {
  const questions = [...readUsersQuestions().map((q) => q.q), ...readAnswerabilitySet().map((q) => q.q)];
  const sizes: number[] = [];
  for (const question of questions) {
    const r = (await client.callTool({ name: 'search_clauses', arguments: { question } })) as {
      content: { text: string }[];
    };
    sizes.push(Buffer.byteLength(r.content.map((c) => c.text).join(''), 'utf8'));
  }
  sizes.sort((a, b) => a - b);
  const at = (q: number) => sizes[Math.min(sizes.length - 1, Math.ceil(q * sizes.length) - 1)];
  const small = sizes.filter((s) => s <= 4096).length / sizes.length;
  console.log(
    `search_clauses over ${sizes.length} questions: median ${at(0.5)} B, p90 ${at(0.9)} B, largest ${sizes.at(-1)} B; ${Math.round(small * 100)}% at most 4 KB`,
  );
} finally {
  await client.close();
  rmSync(dataDir, { recursive: true, force: true });
}
