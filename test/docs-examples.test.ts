/**
 * The README and docs/ cannot drift from the server: every GraphQL and curl example in them is run
 * against the seeds, on the real server with its own Meilisearch, and the answer shown beside it is
 * checked (test/support/doc-examples.ts says how an answer may be shortened). Their links must
 * lead somewhere, and the README stays a quick start.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { differences, examplesIn, outputDifferences } from './support/doc-examples.js';
import { ROOT } from './support/server-process.js';

const DOCS = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
];
const examples = DOCS.map((file) => examplesIn(file));
const graphql = examples.flatMap((e) => e.graphql);
const shell = examples.flatMap((e) => e.shell);

/** The addresses the docs' commands name: the local server, and the compose stack's balancer. */
const DOCS_ADDRESSES = /http:\/\/(127\.0\.0\.1:4000|localhost:8080)/g;
const ADMIN_TOKEN = randomBytes(24).toString('hex');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { ADMIN_TOKEN });
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

describe('the examples of the README and docs/', () => {
  it('all follow the conventions: each query with its answer, each curl with its output', () => {
    expect(examples.flatMap((e) => e.problems)).toEqual([]);
    expect(graphql.length).toBeGreaterThan(20);
    expect(shell.length).toBeGreaterThan(5);
  });

  it.each(graphql.map((e) => [e.at, e] as const))('%s answers as shown', async (_at, example) => {
    const answer = await app.gql(example.query);
    const shown = example.shown as Record<string, unknown>;
    const problems = differences(answer, shown);
    if (!('errors' in shown) && answer.errors) problems.unshift(`errors: ${JSON.stringify(answer.errors)}`);
    expect(problems).toEqual([]);
  });

  it.each(shell.map((e) => [e.at, e] as const))('%s prints what is shown', async (_at, example) => {
    const base = app.url.replace(/\/graphql$/, '');
    const command = example.command.replace(DOCS_ADDRESSES, base);
    const { stdout } = await promisify(execFile)('bash', ['-c', command], {
      cwd: ROOT,
      env: { ...process.env, ADMIN_TOKEN },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(outputDifferences(stdout, example.shown)).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

describe('the README and docs/ as pages', () => {
  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split('#');
        const linked = path ? resolve(dirname(file), path) : file;
        if (!existsSync(linked)) {
          broken.push(`${file.slice(ROOT.length + 1)} → ${target}`);
          continue;
        }
        if (anchor && linked.endsWith('.md')) {
          const headings = [...readFileSync(linked, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]));
          if (!headings.includes(anchor)) broken.push(`${file.slice(ROOT.length + 1)} → ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('keep the README a quick start of about 200 lines', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(210);
  });
});
