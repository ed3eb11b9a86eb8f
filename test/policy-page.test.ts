/**
 * The document page at /policy/<id>, against the real server process, in Chromium at a desktop
 * and a phone's size with no network beyond the server: what it shows of the seeds in
 * data/policies/ on a chosen day, its two queries, its links from the dashboard and to related
 * documents, and its answers for ids the data does not hold. Screenshots go to var/artifacts/
 * (docs/policy-page.png is the desktop one).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../src/server/pages.js';
import { hasChromium, offlineBrowser, type OfflineBrowser } from './support/browser.js';
import { ROOT, startReadyServer, type ServerProcess } from './support/server-process.js';

const ARTIFACTS = join(ROOT, 'var/artifacts');
const RULES = 'chengdu-ai-rules-2024';
const HIGHLAND = 'chengdu-ai-highland-policy-2025';
const MISSING = 'no-such-policy';

let server: ServerProcess;
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, cleanup } = await startReadyServer('policy-page-'));
});

afterAll(async () => {
  await cleanup?.();
});

describe('the document page from the server', () => {
  it('is served for an id the data holds, under the pages’ policy', async () => {
    const res = await fetch(`${server.base}/policy/${RULES}?asOf=2024-08-01`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/policy.js"></script>');
    for (const file of [
      '/policy.js',
      '/policy-queries.js',
      '/policy-clauses.js',
      '/policy-differences.js',
      '/links.js',
    ])
      expect((await fetch(`${server.base}${file}`)).headers.get('content-type'), file).toBe(
        'text/javascript; charset=utf-8',
      );
  });

  it('answers a well-formed id the data does not hold with 404 and the same page, which says so', async () => {
    const res = await fetch(`${server.base}/policy/${MISSING}`);
    expect([res.status, res.headers.get('content-type'), res.headers.get('etag')]).toEqual([
      404,
      'text/html; charset=utf-8',
      null,
    ]);
    expect(await res.text()).toContain('id="missing"');
  });

  it.each([
    '/policy/Chengdu-AI',
    '/policy/chengdu_ai',
    '/policy/%E6%88%90%E9%83%BD',
    '/policy/..%2Fpackage.json',
    '/policy/',
    `/policy/${RULES}/`,
  ])('answers %s, which no document could be, with a coded 404', async (path) => {
    const res = await fetch(`${server.base}${path}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

/** The GraphQL operations a page sent, by name, in order. */
function operationsOf(page: Page): string[] {
  const operations: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/graphql') operations.push(/^\s*query (\w+)/.exec(r.postDataJSON().query)![1]);
  });
  return operations;
}

const text = (page: Page, selector: string) => page.locator(selector).textContent();

/** The page's width as laid out: wider than the viewport means the body scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

describe.skipIf(!hasChromium)('the document page in a browser with no network beyond the server', () => {
  let chromium: OfflineBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    chromium = await offlineBrowser(server.base);
  });

  afterAll(async () => {
    await chromium?.browser.close();
  });

  describe.each(VIEWPORTS)('at $name size ($width×$height)', (viewport) => {
    let context: BrowserContext;

    beforeAll(async () => {
      context = await chromium.context({ width: viewport.width, height: viewport.height });
    });

    async function open(path: string, state = 'ready'): Promise<{ page: Page; operations: string[] }> {
      const page = await context.newPage();
      const operations = operationsOf(page);
      await page.goto(`${server.base}${path}`);
      await page.waitForSelector(`body[data-state="${state}"]`);
      return { page, operations };
    }

    it('shows the 2024 rules in force on 2024-08-01, with title, 文号, issuers, reason and timeline, in one query', async () => {
      const { page, operations } = await open(`/policy/${RULES}?asOf=2024-08-01`);
      expect(await text(page, 'h1')).toBe('成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则');
      expect(await page.title()).toBe(
        '成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则 · 成都算力与人工智能政策',
      );
      expect(await text(page, '#doc-number')).toBe('成经信办〔2024〕16号');
      expect(await text(page, '#facts dd[data-fact="发布机关"]')).toBe(
        '成都市经济和信息化局、中共成都市委金融委员会办公室、成都市发展和改革委员会、成都市科学技术局、成都市财政局、成都市城市运行和政务服务管理办公室',
      );
      expect(await text(page, '#facts dd[data-fact="实际有效"]')).toBe('2024-07-11 至 2025-09-17');
      expect(await text(page, '#status-day')).toBe('2024-08-01');
      expect(await page.getAttribute('#status-badge', 'data-status')).toBe('IN_FORCE');
      expect(await text(page, '#status-badge')).toBe('现行有效');
      expect(await text(page, '#status-reason')).toMatch(/^自2024年7月11日起施行，至2025年9月17日有效/);
      const periods = await page.$$eval('#status-periods .period', (items) =>
        items.map((li) => [li.getAttribute('data-status'), li.getAttribute('data-holds-day')]),
      );
      expect(periods).toEqual([
        ['NOT_YET_EFFECTIVE', 'false'],
        ['IN_FORCE', 'true'],
        ['EXPIRED', 'false'],
      ]);
      expect(await page.locator('#status-track .segment.holds-day.status-IN_FORCE').count()).toBe(1);
      // Nothing it replaced: no comparison asked for, none shown.
      expect(operations).toEqual(['PolicyPage']);
      expect(await page.locator('#differences').isHidden()).toBe(true);
      await page.close();
    });

    it('changes the day with its picker, and the address with it: expired on 2025-10-01, naming the 2025 policy', async () => {
      const { page } = await open(`/policy/${RULES}?asOf=2024-08-01`);
      await page.fill('#as-of', '2025-10-01');
      await page.waitForSelector('body[data-state="ready"][data-as-of="2025-10-01"]');
      expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-10-01');
      expect(await page.getAttribute('#status-badge', 'data-status')).toBe('EXPIRED');
      expect(await text(page, '#status-reason')).toBe(
        '所实施的《成都市进一步促进人工智能产业高质量发展的若干政策措施》（成经信发〔2024〕1号）自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止，本细则随之失效。',
      );
      expect(await page.getAttribute('#status-periods .period.holds-day', 'data-status')).toBe('EXPIRED');
      // Links to related documents carry the day.
      expect(await page.getAttribute('#relations-list [data-relation="implements"] a', 'href')).toBe(
        '/policy/chengdu-ai-measures-2024?asOf=2025-10-01',
      );
      await page.close();
    });

    it('shows the clause tree with amounts, and a clause’s conditions, materials and contacts', async () => {
      const { page } = await open(`/policy/${RULES}?asOf=2024-08-01`);
      expect(await page.locator('#clause-tree > .clause').count()).toBe(10);
      const item = page.locator('#clause-2\\.2');
      expect(await item.getAttribute('data-clause-id')).toBe(`${RULES}/2.2`);
      // Its sub-clauses below it, in order.
      expect(await item.locator(':scope > .clause-children > .clause').evaluateAll((l) => l.map((e) => e.id))).toEqual([
        'clause-2.2.1',
        'clause-2.2.2',
        'clause-2.2.3',
        'clause-2.2.4',
      ]);
      const facts = item.locator(':scope > .clause-facts');
      expect(await text(page, '#clause-2\\.2 > .clause-meta .tag-max')).toBe('最高可得 100万元');
      expect(await facts.locator('.amount-figure').allTextContents()).toEqual(['100万元']);
      expect(await facts.locator('.amount-words').textContent()).toBe('给予100万元一次性奖励');
      const conditions = facts.locator('.fact-conditions');
      expect(await conditions.locator('summary').textContent()).toBe('申报条件 Conditions · 4 项');
      // Folded, as the sub-clause 申报条件 states them in full; opened, they show.
      expect(await conditions.locator('li').first().isVisible()).toBe(false);
      await conditions.locator('summary').click();
      expect(await conditions.locator('li').nth(1).textContent()).toBe(
        '申报主体对行业大模型拥有自主知识产权，且该行业大模型成功通过中央网信办备案登记；',
      );
      expect(await facts.locator('.fact-materials li').first().textContent()).toBe(
        '支持开展行业大模型研发应用项目申报表；',
      );
      const phone = facts.locator('.fact-contacts a');
      expect([await phone.textContent(), await phone.getAttribute('href')]).toEqual([
        '028-61884670',
        'tel:02861884670',
      ]);
      expect(await facts.locator('.contact-department').textContent()).toBe('市经信局市新经济委人工智能产业处');
      await page.close();
    });

    it('links the documents it is related to, and a document known only by its 文号 says so plainly', async () => {
      const { page } = await open(`/policy/${RULES}?asOf=2025-10-01`);
      const superseded = page.locator('#relations-list [data-relation="supersededBy"] li');
      expect(await superseded.getAttribute('data-policy-id')).toBe(HIGHLAND);
      expect(await superseded.locator('.related-count').textContent()).toBe('3 条');
      expect(await page.$$eval('#relations-list [data-relation="references"] li', (l) => l.length)).toBe(3);
      await page.click('#relations-list [data-relation="implements"] a');
      await page.waitForURL('**/policy/chengdu-ai-measures-2024?asOf=2025-10-01');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await text(page, 'h1')).toBe('成都市进一步促进人工智能产业高质量发展的若干政策措施');
      expect(await text(page, '#no-clauses')).toBe(
        '本库只有这份文件的文号与名称，未收录全文，故无条款可列。Only its 文号 and title are known: no clauses.',
      );
      expect(await page.locator('#clause-tree > li').count()).toBe(0);
      expect(await page.getAttribute('#status-badge', 'data-status')).toBe('REPEALED');
      expect(await page.getAttribute('#relations-list [data-relation="repealedBy"] li', 'data-policy-id')).toBe(
        HIGHLAND,
      );
      expect(await page.getAttribute('#relations-list [data-relation="implementedBy"] li', 'data-policy-id')).toBe(
        RULES,
      );
      await page.close();
    });

    it('shows the 2025 policy as published, in Traditional characters, and what changed against the rules it replaced', async () => {
      const { page, operations } = await open(`/policy/${HIGHLAND}?asOf=2025-10-01`);
      expect(operations).toEqual(['PolicyPage', 'PolicyDifferences']);
      expect(await text(page, 'h1')).toBe('成都市打造人工智能產業發展新高地若干政策');
      expect(await page.getAttribute('h1', 'lang')).toBe('zh-Hant');
      expect(await text(page, '#facts dd[data-fact="简体标题"]')).toBe('成都市打造人工智能产业发展新高地若干政策');
      expect(await text(page, '#doc-number')).toBe('文号未载 No 文号 known');
      expect(await page.getAttribute('#status-badge', 'data-status')).toBe('IN_FORCE');
      expect(await text(page, '#clause-1 > .clause-text > .clause-head')).toBe('一、優化算力供給');
      expect(
        (
          await page.$$eval('#relations-list [data-relation="repeals"] li', (l) =>
            l.map((e) => e.getAttribute('data-policy-id')),
          )
        ).sort(),
      ).toEqual(['chengdu-ai-measures-2024', 'chengdu-computing-power-measures-2023']);

      // One comparison per document whose clauses its clauses supersede, as the API's differences.
      const compared = await page.$$eval('#differences .comparison', (s) =>
        s.map((e) => e.getAttribute('data-old-id')),
      );
      expect(compared.sort()).toEqual(['chengdu-ai-rules-2024', 'chengdu-computing-power-rules-2023']);
      const rules = page.locator(`#differences .comparison[data-old-id="${RULES}"]`);
      const api = (
        await server.gql(
          `{ differences(old: "${RULES}", new: "${HIGHLAND}") { pairs { old { id } new { id } } dropped { id } added { id } } }`,
        )
      ).data.differences;
      expect(
        await rules
          .locator('.pair')
          .evaluateAll((l) => l.map((e) => [e.getAttribute('data-old'), e.getAttribute('data-new')])),
      ).toEqual(api.pairs.map((p: any) => [p.old.id, p.new.id]));
      expect(
        await rules.locator('.dropped li').evaluateAll((l) => l.map((e) => e.getAttribute('data-clause-id'))),
      ).toEqual(api.dropped.map((c: any) => c.id));
      expect(await rules.locator('.added li').count()).toBe(api.added.length);
      // 三（一） → 三: the same cap, and a rate the old clause did not have.
      const scene = rules.locator(`.pair[data-old="${RULES}/3.1"]`);
      expect(await scene.getAttribute('data-new')).toBe(`${HIGHLAND}/3`);
      expect(
        await scene
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent))),
      ).toEqual([
        ['上限', '最高100万元', '最高100万元', '不变'],
        ['比例', '—', '场景建设实际投入的30%', '新增'],
      ]);
      expect(await scene.locator('.pair-old').getAttribute('href')).toBe(`/policy/${RULES}?asOf=2025-10-01#clause-3.1`);
      expect(await rules.locator(`.dropped li[data-clause-id="${RULES}/1.1"]`).textContent()).toBe(
        '一（一） 鼓励研制人工智能开发框架 最高 250万元',
      );
      // The 算力券 of the 2023 rules: a budget ten times larger.
      const vouchers = page.locator(
        '#differences .pair[data-old="chengdu-computing-power-rules-2023/7.1"] tr.change-CHANGED',
      );
      expect(await vouchers.evaluate((r) => [...r.children].map((c) => c.textContent))).toEqual([
        '总额',
        '总额不超过1000万元',
        '总额不超过1亿元',
        '改变',
      ]);
      // The two measures it repeals are known only by their 文号: nothing to compare, said so.
      expect(
        await page.$$eval('#differences .textless', (l) => l.map((e) => e.getAttribute('data-policy-id')).sort()),
      ).toEqual(['chengdu-ai-measures-2024', 'chengdu-computing-power-measures-2023']);

      // The day changes the statuses, not the differences: only the page's query again.
      await page.fill('#as-of', '2027-10-01');
      await page.waitForSelector('body[data-state="ready"][data-as-of="2027-10-01"]');
      expect(await page.getAttribute('#status-badge', 'data-status')).toBe('EXPIRED');
      expect(operations).toEqual(['PolicyPage', 'PolicyDifferences', 'PolicyPage']);
      await page.fill('#as-of', '2025-10-01');
      await page.waitForSelector('body[data-state="ready"][data-as-of="2025-10-01"]');

      const shot = join(ARTIFACTS, `policy-page-${viewport.name}.png`);
      await page.locator('#as-of').blur();
      await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
      await page.screenshot({ path: shot });
      await page.screenshot({ path: join(ARTIFACTS, `policy-page-${viewport.name}-full.png`), fullPage: true });
      await page
        .locator('#differences')
        .screenshot({ path: join(ARTIFACTS, `policy-page-${viewport.name}-differences.png`) });
      if (viewport.name === 'desktop') copyFileSync(shot, join(ROOT, 'docs/policy-page.png'));
      await page.close();
    });

    it('says there is no such document for an id the data does not hold', async () => {
      const { page } = await open(`/policy/${MISSING}?asOf=2025-10-01`, 'missing');
      expect(await text(page, '#missing h2')).toBe('没有这份文件 No such document');
      expect(await text(page, '#missing-id')).toBe(MISSING);
      expect(await page.locator('#document').isHidden()).toBe(true);
      expect(await page.locator('#contents').isHidden()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(ARTIFACTS, `policy-page-missing-${viewport.name}.png`) });
      await page.close();
    });

    it('is reached from a search result on the dashboard, opened at the cited clause', async () => {
      const { page } = await open('/?q=%E8%A1%8C%E4%B8%9A%E5%A4%A7%E6%A8%A1%E5%9E%8B&asOf=2024-08-01');
      await page.waitForSelector('#results[data-query="行业大模型"]');
      const cite = page.locator(`#results-list .hit[data-clause-id="${RULES}/2.2"] cite a`);
      expect(await cite.getAttribute('href')).toBe(`/policy/${RULES}?asOf=2024-08-01#clause-2.2`);
      // The validity chart's titles link to the pages too.
      expect(await page.getAttribute(`#timeline-rows .row[data-policy-id="${HIGHLAND}"] a.row-title`, 'href')).toBe(
        `/policy/${HIGHLAND}?asOf=2024-08-01`,
      );
      await cite.click();
      await page.waitForURL(`**/policy/${RULES}?asOf=2024-08-01#clause-2.2`);
      await page.waitForSelector('body[data-state="ready"]');
      const clause = page.locator('#clause-2\\.2');
      expect(await clause.getAttribute('class')).toContain('cited');
      expect(await page.locator('.clause.cited').count()).toBe(1);
      // Scrolled to it: its top is on the screen, near the top.
      const box = (await clause.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(viewport.height / 3);
      await page.screenshot({ path: join(ARTIFACTS, `policy-page-cited-${viewport.name}.png`) });
      await page.close();
    });

    it.each([
      `/policy/${RULES}?asOf=2024-08-01`,
      `/policy/${HIGHLAND}?asOf=2025-10-01`,
      '/policy/chengdu-computing-power-news-2023',
    ])('lays %s out within the viewport’s width', async (path) => {
      const { page } = await open(path);
      // Open every fold: the widest the page gets.
      await page.$$eval('details', (all) => {
        for (const d of all) (d as any).open = true;
      });
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.close();
    });
  });

  it('lays the pages out within 360 px, the narrowest phone it is made for', async () => {
    const context = await chromium.context({ width: 360, height: 740 });
    for (const path of [`/policy/${RULES}?asOf=2024-08-01`, `/policy/${HIGHLAND}?asOf=2025-10-01`]) {
      const page = await context.newPage();
      await page.goto(`${server.base}${path}`);
      await page.waitForSelector('body[data-state="ready"]');
      expect(await pageWidth(page), path).toBeLessThanOrEqual(360);
      await page.close();
    }
    await context.close();
  });

  it('made no request outside the server, and logged no error but the 404 of the missing document', () => {
    expect(chromium.outside).toEqual([]);
    expect(chromium.problems.filter((p) => !p.includes(`/policy/${MISSING}`))).toEqual([]);
    expect(chromium.problems.every((p) => p.includes('status of 404'))).toBe(true);
  });
});
