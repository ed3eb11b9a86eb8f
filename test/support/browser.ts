/**
 * Headless Chromium (Debian's, through playwright-core, which downloads no browser) that can
 * reach only the server under test: no host name resolves, and every request to another origin
 * is refused and recorded, as are console errors and uncaught exceptions.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here (on CI they must: a missing browser fails them). */
export const hasChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);

export interface OfflineBrowser {
  browser: Browser;
  /** Requests the pages made to anywhere but the server; refused. */
  outside: string[];
  /** Console errors (a refused CSP shows there) and uncaught exceptions. */
  problems: string[];
  /** A context of this viewport, its requests kept to the server's origin. */
  context(viewport: { width: number; height: number }): Promise<BrowserContext>;
}

export async function offlineBrowser(serverBase: string): Promise<OfflineBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const origin = new URL(serverBase).origin;
  const outside: string[] = [];
  const problems: string[] = [];
  return {
    browser,
    outside,
    problems,
    async context(viewport) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        outside.push(url);
        return route.abort('internetdisconnected');
      });
      context.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
      });
      context.on('weberror', (e) => problems.push(`exception: ${e.error().message}`));
      return context;
    },
  };
}
