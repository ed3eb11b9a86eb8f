/**
 * The pages a person opens, against the real server process: the dashboard at / and the
 * GraphiQL explorer at /graphql, their files and headers, and both driven in headless Chromium
 * (Debian's, through playwright-core, which downloads no browser) with every request outside
 * the server refused and recorded. Screenshots go to var/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { hasChromium, type OfflineBrowser, offlineBrowser } from './support/browser.js';
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_STATUSES } from '../src/domain/statuses.js';
import { CONTENT_SECURITY_POLICY } from '../src/server/pages.js';
import { ROOT, startReadyServer, type ServerProcess } from './support/server-process.js';

const ARTIFACTS = join(ROOT, 'var/artifacts');
const DAY = '2025-10-01';
const QUERY = '算力券';

let server: ServerProcess;
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, cleanup } = await startReadyServer('policy-pages-'));
});

afterAll(async () => {
  await cleanup?.();
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
    // Not with fetch: it adds Cache-Control: no-cache to a request with If-None-Match (the
    // Fetch standard's no-store mode), asking for a full answer as a browser's hard reload does.
    const revalidated = await new Promise<number | undefined>((resolve, reject) =>
      httpGet(`${server.base}/`, { headers: { 'if-none-match': etag } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(revalidated).toBe(304);
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

/** What the API itself answers for a day and the query the page is given. */
async function expectedFromApi(day: string) {
  const counts = await server.gql(
    `query ($day: Date) { all: policies { totalCount } ${POLICY_STATUSES.map((s) => `${s}: policies(filter: { status: [${s}], asOf: $day }) { totalCount }`).join(' ')} }`,
    { day },
  );
  const docs = await server.gql(
    `query ($day: Date) { policies(first: 100) { edges { node {
      id status(asOf: $day) effectiveTo inForceUntil statusTimeline { from to status reason inferred }
    } } } }`,
    { day },
  );
  const topics = await server.gql('query ($day: Date) { topics(filter: { inForceOn: $day }) { topic clauses } }', {
    day,
  });
  const search = await server.gql(
    'query ($q: String!) { search(query: $q, first: 20) { totalHits hits { snippet clause { citation } } } }',
    {
      q: QUERY,
    },
  );
  expect([counts.errors, docs.errors, topics.errors, search.errors]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  return {
    counts: counts.data,
    docs: docs.data.policies.edges.map((e: any) => e.node),
    topics: topics.data.topics,
    search: search.data.search,
  };
}

/** The topics the page lists: [topic, clauses]. */
const topicsShown = (page: Page) =>
  page.$$eval('#topics-list .topic', (items) =>
    items.map((li) => [li.getAttribute('data-topic'), li.querySelector('.topic-count')!.textContent]),
  );

describe.skipIf(!hasChromium)('in a browser with no network beyond the server', () => {
  let offline: OfflineBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    offline = await offlineBrowser(server.base);
    context = await offline.context({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await offline?.browser.close();
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
    const expected = await expectedFromApi(DAY);
    // The README's picture is this page, as this test sees it (docs/dashboard.png).
    await page.screenshot({ path: join(import.meta.dirname, '..', 'docs', 'dashboard.png') });

    // Counts by status on the day, as the API counts them.
    const counts = await page.$$eval('#counts-list li', (items) =>
      items.map((li) => [li.getAttribute('data-status'), li.querySelector('.count-value')!.textContent]),
    );
    expect(Object.fromEntries(counts)).toEqual(
      Object.fromEntries(POLICY_STATUSES.map((s) => [s, String(expected.counts[s].totalCount)])),
    );
    expect(expected.counts).toMatchObject({
      IN_FORCE: { totalCount: 1 },
      REPEALED: { totalCount: 2 },
      INFORMATIONAL: { totalCount: 1 },
    });
    expect(await page.textContent('#counts-total')).toBe(String(expected.counts.all.totalCount));

    // The ten topics most used by the clauses in force that day, with their clause counts.
    expect(await topicsShown(page)).toEqual(expected.topics.slice(0, 10).map((t: any) => [t.topic, String(t.clauses)]));
    expect(expected.topics.length).toBeGreaterThan(0);

    // One bar per document, its badge and the period holding the day in its status on the day.
    const bars = await page.$$eval('#timeline-rows .row', (rows) =>
      rows.map((r) => ({
        id: r.querySelector('.bar')!.getAttribute('data-policy-id'),
        badge: r.querySelector('.row-label .badge')!.className,
        holdingDay: r.querySelectorAll('.segment.holds-day').length,
        holdingStatus: r.querySelector('.segment.holds-day')?.getAttribute('data-status'),
      })),
    );
    expect(bars).toHaveLength(expected.counts.all.totalCount);
    expect(await page.$$eval('#timeline-rows .bar', (els) => els.length)).toBe(expected.counts.all.totalCount);
    for (const doc of expected.docs) {
      const bar = bars.find((b) => b.id === doc.id);
      expect(bar?.badge, doc.id).toContain(`status-${doc.status}`);
      expect([bar?.holdingDay, bar?.holdingStatus], doc.id).toEqual([1, doc.status]);
    }

    // How bars end: the two policies the 2025 policy repeals and the news report on one of them,
    // both 实施细则 lapsing with them, the 2025 policy's own end.
    const ends = await page.$$eval('#timeline-rows .row', (rows) =>
      rows.map((r) => [r.getAttribute('data-policy-id'), r.querySelector('.row-end .end-text')!.textContent]),
    );
    expect(Object.fromEntries(ends)).toMatchObject({
      'chengdu-ai-measures-2024': '2025-09-18 起废止',
      'chengdu-computing-power-measures-2023': '2025-09-18 起废止',
      'chengdu-computing-power-news-2023': '解读，本身不具效力',
      'chengdu-ai-rules-2024': '2025-09-18 起随所实施政策失效',
      'chengdu-computing-power-rules-2023': '2025-09-18 起随所实施政策失效',
      'chengdu-ai-highland-policy-2025': '2027-09-17 期满失效',
      'chengdu-computing-voucher-draft-2024': '从未生效',
    });

    // The end as written, only where the API's real end differs: the 2023 rules, written until
    // 2026-02-09, ended with their policy on 2025-09-17.
    const written = await page.$$eval('#timeline-rows .row', (rows) =>
      rows
        .filter((r) => r.querySelector('.written-end'))
        .map((r) => [
          r.getAttribute('data-policy-id'),
          r.querySelector('.row-end .written')!.textContent,
          r.querySelector('.written-end')!.getAttribute('title'),
        ]),
    );
    expect(written).toEqual(
      expected.docs
        .filter((d: any) => d.effectiveTo && d.effectiveTo !== d.inForceUntil)
        .map((d: any) => [
          d.id,
          `载明至 ${d.effectiveTo}`,
          `载明有效期至 ${d.effectiveTo}，实际有效至 ${d.inForceUntil}`,
        ]),
    );
    expect(written.map(([id, , title]) => [id, title])).toEqual([
      ['chengdu-computing-power-rules-2023', '载明有效期至 2026-02-09，实际有效至 2025-09-17'],
    ]);

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

  it("draws each document's periods as the API's statusTimeline gives them, in two requests, inferred ones hatched", async () => {
    const day = '2024-08-01';
    const page = await context.newPage();
    const operations: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/graphql') operations.push(/^\s*query (\w+)/.exec(r.postDataJSON().query)![1]);
    });
    await page.goto(`${server.base}/?asOf=${day}`);
    await page.waitForSelector('body[data-state="ready"]');
    // The documents with their timelines, and the day's counts and topics: no day probed.
    expect(operations.sort()).toEqual(['Day', 'Documents']);
    const expected = await expectedFromApi(day);

    const rows = await page.$$eval('#timeline-rows .bar', (els) =>
      els.map((bar) => ({
        id: bar.getAttribute('data-policy-id'),
        segments: [...bar.querySelectorAll('.segment')].map((s) => ({
          from: s.getAttribute('data-from') || null,
          to: s.getAttribute('data-to') || null,
          status: s.getAttribute('data-status'),
          inferred: s.getAttribute('data-inferred') === 'true',
          hatched: s.classList.contains('inferred'),
          coloured: s.classList.contains(`status-${s.getAttribute('data-status')}`),
          holdsDay: s.classList.contains('holds-day'),
          title: s.getAttribute('title'),
        })),
      })),
    );
    expect(rows.map((r) => r.id).sort()).toEqual(expected.docs.map((d: any) => d.id).sort());
    for (const doc of expected.docs) {
      const segments = rows.find((r) => r.id === doc.id)!.segments;
      expect(
        segments.map(({ from, to, status, inferred }) => ({ from, to, status, inferred })),
        doc.id,
      ).toEqual(doc.statusTimeline.map(({ from, to, status, inferred }: any) => ({ from, to, status, inferred })));
      segments.forEach((s, i) => {
        expect([s.coloured, s.hatched], `${doc.id} ${i}`).toEqual([true, s.inferred]);
        expect(s.title, `${doc.id} ${i}`).toContain(doc.statusTimeline[i].reason);
      });
      expect(segments.find((s) => s.holdsDay)?.status, doc.id).toBe(doc.status);
    }

    // On that day the 2023 and 2024 measures are in force as their 实施细则 imply, hatched.
    const holding = (id: string) => rows.find((r) => r.id === id)!.segments.find((s) => s.holdsDay);
    for (const id of ['chengdu-computing-power-measures-2023', 'chengdu-ai-measures-2024'])
      expect(holding(id), id).toMatchObject({ status: 'IN_FORCE', inferred: true, hatched: true });
    expect(holding('chengdu-computing-power-rules-2023')).toMatchObject({ status: 'IN_FORCE', hatched: false });
    expect(holding('chengdu-computing-power-measures-2023')?.title).toContain('推定');

    expect(await topicsShown(page)).toEqual(expected.topics.slice(0, 10).map((t: any) => [t.topic, String(t.clauses)]));
    // The news item's clauses are not in force: 算法 leads the topics of the clauses in force that day.
    expect((await topicsShown(page))[0]).toEqual(['算法', '8']);
    await page.close();
  });

  it('says above the hits when the corpus has nothing that answers, and nothing for a question it answers', async () => {
    const page = await openDashboard();
    await page.fill('#q', '上海有没有算力补贴');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results[data-query="上海有没有算力补贴"]');
    await page.waitForSelector('body[data-state="ready"]');
    const note = page.locator('#results-coverage');
    expect(await note.isVisible()).toBe(true);
    expect(await note.getAttribute('data-confidence')).toBe('NONE');
    expect(await note.textContent()).toMatch(/^本库没有能回答这个问题的条款：本库只收录成都的政策，没有上海的政策/);
    // The nearest hits answer nothing: behind a button, shown when asked for.
    const nearest = page.locator('#results-nearest');
    const marked = () => page.locator('#timeline-rows .row.matched').count();
    expect(await page.locator('#results-list').isVisible()).toBe(false);
    expect(await page.locator('#results-summary').textContent()).toMatch(/^“上海有没有算力补贴”：没有能回答的条款/);
    expect(await marked()).toBe(0);
    expect(await nearest.textContent()).toMatch(/^仍要查看最接近的 \d+ 条/);
    await nearest.click();
    expect(await page.locator('#results-list li').first().isVisible()).toBe(true);
    expect(await nearest.isVisible()).toBe(false);
    expect(await marked()).toBeGreaterThan(0);
    expect(await page.locator('#results-list').evaluate((list) => list.ownerDocument.activeElement === list)).toBe(
      true,
    );
    await page.fill('#as-of', DAY);
    await page.fill('#q', '参加人工智能展会的展位费能补多少');
    await page.press('#q', 'Enter');
    await page.waitForSelector(`#results[data-query="参加人工智能展会的展位费能补多少"][data-as-of="${DAY}"]`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await note.isVisible()).toBe(false);
    expect(await page.locator('#results-nearest').isVisible()).toBe(false);
    expect(await page.locator('#results-list li').first().isVisible()).toBe(true);
    await page.close();
  });

  it('shows the results first, above the counts, and with the switch only the clauses in force that day', async () => {
    const page = await openDashboard();
    await page.fill('#as-of', '2024-08-01');
    await page.fill('#q', '算力券');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results[data-query="算力券"][data-as-of="2024-08-01"][data-in-force-only="false"]');
    await page.waitForSelector('body[data-state="ready"]');
    const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
    expect(await top('#results')).toBeLessThan(await top('#counts'));
    // At 1400×1000 the first hits are on the first screen.
    expect(await top('#results-list li:first-child')).toBeLessThan(1000);
    const statuses = () =>
      page.$$eval('#results-list .hit .badge', (b) => b.map((x) => x.className.replace('badge status-', '')));
    expect(await statuses()).toContain('DRAFT');

    await page.check('#in-force-only');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results[data-in-force-only="true"]');
    await page.waitForSelector('body[data-state="ready"]');
    const inForce = await statuses();
    expect(inForce.length).toBeGreaterThan(0);
    expect(new Set(inForce)).toEqual(new Set(['IN_FORCE']));
    expect(new URL(page.url()).searchParams.get('inForce')).toBe('1');
    await page.close();
  });

  it('tells apart documents whose titles begin alike, by the 文号 under each title', async () => {
    const page = await openDashboard();
    const numbers = await page.$$eval('#timeline-rows .row .row-number', (n) => n.map((x) => x.textContent));
    expect(numbers).toContain('成新经济〔2023〕1号');
    expect(new Set(numbers).size).toBe(numbers.length);
    await page.close();
  });

  it('is usable 375 px wide: nothing overlaps the header, the form is one column', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/`);
    await page.waitForSelector('body[data-state="ready"]');
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const header = await box('header.top');
    const title = await box('header.top h1');
    const nav = await box('header.top nav');
    expect(nav.y).toBeGreaterThanOrEqual(title.y + title.height - 1);
    expect(header.width).toBeLessThanOrEqual(375);
    expect((await box('#q')).width).toBeGreaterThan(300);
    // The page itself does not scroll sideways; the validity chart scrolls inside its panel.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await page.close();
  });

  it('serves a feed the browser reads as well-formed Atom, each entry with an id, a title and a link', async () => {
    const page = await openDashboard();
    const feed = await page.evaluate(async () => {
      const text = await (await fetch('/feed.atom')).text();
      const doc = new (globalThis as any).DOMParser().parseFromString(text, 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        entries: [...doc.getElementsByTagNameNS(atom, 'entry')].map((e: any) => ({
          id: e.getElementsByTagNameNS(atom, 'id')[0]?.textContent,
          title: e.getElementsByTagNameNS(atom, 'title')[0]?.textContent,
          link: e.getElementsByTagNameNS(atom, 'link')[0]?.getAttribute('href'),
          updated: e.getElementsByTagNameNS(atom, 'updated')[0]?.textContent,
        })),
      };
    });
    expect(feed.error).toBe(0);
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
    // The seeds' first version, and the status events up to today.
    expect(feed.entries.length).toBeGreaterThanOrEqual(10);
    expect(
      feed.entries.every((e) => e.id?.startsWith('tag:chengdu-policies,2026:change:') && e.title && e.updated),
    ).toBe(true);
    const link = feed.entries.find((e) => e.id?.endsWith(':chengdu-ai-rules-2024:LAPSED_WITH_PARENT'))!.link!;
    await page.goto(link);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.textContent('h1')).toContain('成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则');
    await page.close();
  });

  it('writes every status badge in white on a colour of at least 4.5:1 contrast (WCAG AA for small text)', async () => {
    const page = await openDashboard();
    const contrasts = await page.$$eval('.badge', (badges: any[]) => {
      const luminance = (css: string) => {
        const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
        const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      return badges.map((b) => {
        const style = (globalThis as any).getComputedStyle(b);
        const [fg, bg] = [luminance(style.color), luminance(style.backgroundColor)];
        return { text: b.textContent, ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) };
      });
    });
    expect(contrasts.length).toBeGreaterThan(5);
    for (const { text, ratio } of contrasts) expect(ratio, text).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it('goes Back to the search before, and cuts a search in the address longer than the box allows', async () => {
    const page = await openDashboard();
    for (const q of ['算力券', '人才']) {
      await page.fill('#q', q);
      await page.press('#q', 'Enter');
      await page.waitForFunction(
        (asked) => new URLSearchParams((globalThis as any).location.search).get('q') === asked,
        q,
      );
      await page.waitForSelector('body[data-state="ready"]');
    }
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams((globalThis as any).location.search).get('q') === '算力券');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.inputValue('#q')).toBe('算力券');
    expect(await page.getAttribute('#results', 'data-query')).toBe('算力券');
    // A shared link with a search of 1,000 characters: cut to the box's 200, and the page works.
    await page.goto(`${server.base}/?q=${encodeURIComponent('算力券'.repeat(334))}`);
    await page.waitForSelector('body[data-state="ready"]');
    expect((await page.inputValue('#q')).length).toBe(200);
    expect(await page.textContent('#counts')).toMatch(/\d/);
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
    expect(offline.outside).toEqual([]);
    expect(offline.problems).toEqual([]);
  });
});
