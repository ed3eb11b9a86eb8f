/**
 * The pages a person opens, against the real server process: the dashboard at / and the
 * GraphiQL explorer at /graphql, their files and headers, and both driven in headless Chromium
 * (Debian's, through playwright-core, which downloads no browser) with every request outside
 * the server refused and recorded. Screenshots go to var/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_STATUSES } from '../src/domain/statuses.js';
import { CONTENT_SECURITY_POLICY } from '../src/server/pages.js';
import { ROOT, startServerProcess, until, type ServerProcess } from './support/server-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'var/artifacts');
const DAY = '2025-10-01';
const QUERY = '算力券';

let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'policy-pages-'));
  server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'development' });
  // Search from Meilisearch, so the page and the API's answers below come from one engine.
  await until(
    'the server ready',
    () => server.readyz(),
    (r) => r.status === 'ready',
    60_000,
    200,
  );
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the files served to browsers', () => {
  it.each([
    ['/', /^text\/html; charset=utf-8$/],
    ['/dashboard.js', /^text\/javascript; charset=utf-8$/],
    ['/api.js', /^text\/javascript; charset=utf-8$/],
    ['/timeline.js', /^text\/javascript; charset=utf-8$/],
    ['/statuses.js', /^text\/javascript; charset=utf-8$/],
    ['/dashboard.css', /^text\/css; charset=utf-8$/],
    ['/favicon.svg', /^image\/svg\+xml$/],
    ['/explorer/graphiql.min.js', /^text\/javascript; charset=utf-8$/],
    ['/explorer/graphiql.min.css', /^text\/css; charset=utf-8$/],
    ['/explorer/react.production.min.js', /^text\/javascript; charset=utf-8$/],
  ])('serve %s as %s with a policy that allows only this server', async (path, type) => {
    const res = await fetch(`${server.base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('give the explorer at /graphql to a browser under the same policy, with a nonce of its own for styles', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy')!;
    const nonce = /^(.*); style-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'$/.exec(policy);
    expect(nonce?.[1]).toBe(CONTENT_SECURITY_POLICY);
    const html = await res.text();
    expect(html).toContain(`<meta name="style-nonce" content="${nonce?.[2]}" />`);
    const again = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(again.headers.get('content-security-policy')).not.toBe(policy);
    expect(html).toContain('<script src="/explorer/graphiql.min.js" defer></script>');
    // Every script and style it names is served here, none from elsewhere.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.every((ref) => ref.startsWith('/') && !ref.startsWith('//'))).toBe(true);
  });

  it('name the API statuses, made from the one list in src/domain', async () => {
    const text = await (await fetch(`${server.base}/statuses.js`)).text();
    const statuses = JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1)) as { name: string }[];
    expect(statuses.map((s) => s.name)).toEqual(POLICY_STATUSES);
  });

  it('answer HEAD without a body, a known version with 304, and gzip when asked', async () => {
    const head = await fetch(`${server.base}/`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const etag = head.headers.get('etag')!;
    expect((await fetch(`${server.base}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const gz = await fetch(`${server.base}/explorer/graphiql.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await gz.text()).length).toBeGreaterThan(500_000);
  });

  it.each([
    '/index.html',
    '/dashboard.js/',
    '//',
    '/explorer/',
    '/explorer/graphiql.js',
    '/node_modules/graphiql/package.json',
    '/src/server/pages/index.html',
    '/..%2fpackage.json',
  ])('answer %s with a coded 404', async (path) => {
    const res = await fetch(`${server.base}${path}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuse other methods on a page with 405', async () => {
    const res = await fetch(`${server.base}/`, { method: 'POST', body: 'x' });
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

/** What the API itself answers for the day and the query the page is given. */
async function expectedFromApi() {
  const counts = await server.gql(
    `query ($day: Date) { all: policies { totalCount } ${POLICY_STATUSES.map((s) => `${s}: policies(filter: { status: [${s}], asOf: $day }) { totalCount }`).join(' ')} }`,
    { day: DAY },
  );
  const docs = await server.gql(
    'query ($day: Date) { policies(first: 100) { edges { node { id status(asOf: $day) } } } }',
    {
      day: DAY,
    },
  );
  const search = await server.gql(
    'query ($q: String!) { search(query: $q, first: 20) { totalHits hits { snippet clause { citation } } } }',
    {
      q: QUERY,
    },
  );
  expect([counts.errors, docs.errors, search.errors]).toEqual([undefined, undefined, undefined]);
  return { counts: counts.data, docs: docs.data.policies.edges.map((e: any) => e.node), search: search.data.search };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('in a browser with no network beyond the server', () => {
  let browser: Browser;
  let context: BrowserContext;
  /** Requests the pages made to anywhere but the server; refused, and expected to stay empty. */
  const outside: string[] = [];
  /** Console errors (a refused CSP shows there) and uncaught exceptions. */
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // No host name resolves: only the server's own address is reachable.
      args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const origin = new URL(server.base).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    context.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    context.on('weberror', (e) => problems.push(`exception: ${e.error().message}`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openDashboard(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await page.waitForSelector('body[data-state="ready"]');
    return page;
  }

  it('opens the dashboard on today in China, then shows a search on a chosen day as the API answers it', async () => {
    const page = await openDashboard();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await page.inputValue('#as-of')).toBe(today);
    expect(await page.textContent('#counts-day')).toBe(today);

    await page.fill('#as-of', DAY);
    await page.fill('#q', QUERY);
    await page.press('#q', 'Enter');
    await page.waitForSelector(`#results[data-query="${QUERY}"][data-as-of="${DAY}"]`);
    await page.waitForSelector('body[data-state="ready"]');
    const expected = await expectedFromApi();

    // Counts by status on the day, as the API counts them.
    const counts = await page.$$eval('#counts-list li', (items) =>
      items.map((li) => [li.getAttribute('data-status'), li.querySelector('.count-value')!.textContent]),
    );
    expect(Object.fromEntries(counts)).toEqual(
      Object.fromEntries(POLICY_STATUSES.map((s) => [s, String(expected.counts[s].totalCount)])),
    );
    expect(expected.counts).toMatchObject({ IN_FORCE: { totalCount: 1 }, REPEALED: { totalCount: 3 } });
    expect(await page.textContent('#counts-total')).toBe(String(expected.counts.all.totalCount));

    // One bar per document, coloured by its status on the day.
    const bars = await page.$$eval('#timeline-rows .bar', (els) =>
      els.map((e) => [e.getAttribute('data-policy-id'), e.className]),
    );
    expect(bars).toHaveLength(expected.counts.all.totalCount);
    for (const doc of expected.docs)
      expect(bars.find(([id]) => id === doc.id)?.[1], doc.id).toContain(`status-${doc.status}`);

    // How bars end: the two policies the 2025 policy repeals and the news report on one of them,
    // both 实施细则 lapsing with them, the 2025 policy's own end.
    const ends = await page.$$eval('#timeline-rows .row', (rows) =>
      rows.map((r) => [r.getAttribute('data-policy-id'), r.querySelector('.row-end')!.textContent]),
    );
    expect(Object.fromEntries(ends)).toMatchObject({
      'chengdu-ai-measures-2024': '2025-09-18 起废止',
      'chengdu-computing-power-measures-2023': '2025-09-18 起废止',
      'chengdu-computing-power-news-2023': '2025-09-18 起废止',
      'chengdu-ai-rules-2024': '2025-09-18 起随所实施政策失效',
      'chengdu-computing-power-rules-2023': '2025-09-18 起随所实施政策失效',
      'chengdu-ai-highland-policy-2025': '2027-09-17 期满失效',
      'chengdu-computing-voucher-draft-2024': '从未生效',
    });

    // Results: the API's citations in its order, its highlighted words as <mark>, the rest as text.
    const hits = await page.$$eval('#results-list .hit', (items) =>
      items.map((li) => ({
        citation: li.querySelector('cite')!.textContent,
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
        text: li.querySelector('.snippet')!.textContent,
      })),
    );
    expect(hits.map((h) => h.citation)).toEqual(expected.search.hits.map((h: any) => h.clause.citation));
    expect(hits.length).toBeGreaterThan(5);
    expect(hits.map((h) => h.text)).toEqual(expected.search.hits.map((h: any) => h.snippet.replace(/<\/?mark>/g, '')));
    expect(hits.flatMap((h) => h.marks)).toContain(QUERY);
    expect(await page.textContent('#results-summary')).toContain(`${expected.search.totalHits} 条结果`);

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-full.png'), fullPage: true });
    // The top of the page: search, counts, timeline and the first results (docs/dashboard.png is a copy).
    await page.screenshot({
      path: join(ARTIFACTS, 'dashboard.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1500 },
    });
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(DAY);
    await page.close();
  });

  it("shows the API's own message when it refuses a search", async () => {
    const page = await openDashboard();
    // Longer than the box allows (maxlength), as a script or an edited address could send it.
    await page.$eval('#q', (input: any) => {
      input.value = '算'.repeat(201);
    });
    await page.press('#q', 'Enter');
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#error')).toMatch(/^Argument "query" must be .*, but got: /);
    await page.close();
  });

  it('runs a query in the explorer', async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}/graphql`);
    const editor = '.graphiql-query-editor .CodeMirror';
    await page.waitForSelector(editor);
    await page.$eval(
      editor,
      (e: any, day) => {
        e.CodeMirror.setValue(
          `{ policies(filter: { status: [IN_FORCE], asOf: "${day}" }) { totalCount edges { node { id } } } }`,
        );
      },
      DAY,
    );
    await page.click('.graphiql-execute-button');
    await page.locator('.graphiql-response', { hasText: 'totalCount' }).waitFor();
    const response = await page.$eval('.graphiql-response .CodeMirror', (e: any) => e.CodeMirror.getValue());
    expect(JSON.parse(response)).toEqual({
      data: { policies: { totalCount: 1, edges: [{ node: { id: 'chengdu-ai-highland-policy-2025' } }] } },
      extensions: { cost: expect.objectContaining({ actualNodes: 1 }) },
    });
    // Its dialogs insert a <style>, which must pass the policy (a refusal would log an error).
    await page.click('[aria-label="Open settings dialog"]');
    await page.locator('[role="dialog"]').waitFor();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });
    await page.close();
  });

  it('made no request outside the server, and logged no error', () => {
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
