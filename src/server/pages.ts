/**
 * What a browser opens: the dashboard at / (src/server/pages/), and the files of the GraphQL
 * explorer that /graphql shows (GraphiQL and React from node_modules, our start script). Every
 * file is read once at start and served from memory at a fixed path, so nothing a page needs
 * comes from anywhere but this server, and no request path ever reaches the file system.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectPath } from '../common/paths.js';
import { POLICY_STATUSES, STATUS_FACTS } from '../domain/statuses.js';

/** One file as served. */
export interface Page {
  body: Buffer;
  type: string;
  etag: string;
  /** The body gzipped, made at its first request. */
  gzip?: Buffer;
}

/** Request path → file. */
export type Pages = ReadonlyMap<string, Page>;

/**
 * Only this server's own files and fetches; `data:` fonts and images because GraphiQL's CSS
 * embeds its fonts and icons that way. No inline script or style: the pages load theirs as files
 * (styles set from scripts through element.style are not inline styles to CSP).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const PAGES_DIR = projectPath('src/server/pages');

/** The dashboard's files, by the path they are served at. */
const DASHBOARD: Record<string, string> = {
  '/': join(PAGES_DIR, 'index.html'),
  '/dashboard.css': join(PAGES_DIR, 'dashboard.css'),
  '/dashboard.js': join(PAGES_DIR, 'dashboard.js'),
  '/api.js': join(PAGES_DIR, 'api.js'),
  '/timeline.js': join(PAGES_DIR, 'timeline.js'),
  '/favicon.svg': join(PAGES_DIR, 'favicon.svg'),
};

/** The explorer's files; its HTML is Apollo's landing page (explorerLandingPage). */
function explorerFiles(): Record<string, string> {
  return {
    '/explorer/explorer.js': join(PAGES_DIR, 'explorer.js'),
    '/explorer/explorer.css': join(PAGES_DIR, 'explorer.css'),
    // React 19 ships no UMD build; GraphiQL's UMD build reads the globals React and ReactDOM.
    '/explorer/react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
    '/explorer/react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
    '/explorer/graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
    '/explorer/graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
  };
}

const require = createRequire(import.meta.url);

/** A file of an installed package; through its package.json, since `exports` hides the UMD builds. */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

function page(body: Buffer, type: string): Page {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/**
 * The statuses as the dashboard's module `/statuses.js`, made from the one list in src/domain,
 * so the page counts and colours exactly the API's statuses.
 */
function statusesModule(): Page {
  const statuses = POLICY_STATUSES.map((name) => ({ name, label: STATUS_FACTS[name].chinese }));
  const text = `/** Made by the server from src/domain/statuses.ts. */\nexport const STATUSES = ${JSON.stringify(statuses)};\n`;
  return page(Buffer.from(text), TYPES['.js']);
}

/**
 * Reads every file served to browsers; the explorer's only when it is on. A missing file stops
 * the start, naming it.
 */
export function loadPages(options: { explorer: boolean }): Pages {
  const files = { ...DASHBOARD, ...(options.explorer ? explorerFiles() : {}) };
  const pages = new Map<string, Page>();
  for (const [path, file] of Object.entries(files)) pages.set(path, page(readFileSync(file), TYPES[extname(file)]));
  pages.set('/statuses.js', statusesModule());
  return pages;
}

/** The explorer's HTML, for Apollo to answer a browser's GET of /graphql with. */
export function explorerHtml(): string {
  return readFileSync(join(PAGES_DIR, 'explorer.html'), 'utf8');
}

/** Where the explorer's HTML holds the nonce of its answer. */
const NONCE_SLOT = '{{style-nonce}}';

/**
 * The explorer's page as one answer sends it: with a fresh nonce, and a policy that allows the
 * <style> elements carrying it. GraphiQL's dialogs insert one (to lock scrolling) and give it the
 * nonce its bundle reads from `__webpack_nonce__`, which explorer.js sets; anything else inline
 * is still refused.
 */
export function explorerAnswer(html: string): { html: string; policy: string } {
  const nonce = randomBytes(16).toString('base64');
  return {
    html: html.replaceAll(NONCE_SLOT, nonce),
    policy: `${CONTENT_SECURITY_POLICY}; style-src 'self' 'nonce-${nonce}'`,
  };
}

/** Headers every HTML answer carries, the explorer's from Apollo included. */
export function setPageSecurityHeaders(res: ServerResponse, policy = CONTENT_SECURITY_POLICY): void {
  res.setHeader('content-security-policy', policy);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/** Whether Accept-Encoding lists gzip (or *) without q=0. */
function acceptsGzip(req: IncomingMessage): boolean {
  return (req.headers['accept-encoding'] ?? '').split(',').some((item) => {
    const [coding, ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * Answers GET or HEAD of a page: 304 when the browser holds this version (ETag), gzipped when it
 * asks for that. `no-cache` makes browsers check each time, so a new version shows at once.
 */
export function sendPage(req: IncomingMessage, res: ServerResponse, p: Page): void {
  setPageSecurityHeaders(res);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('etag', p.etag);
  res.setHeader('vary', 'accept-encoding');
  if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === p.etag)) {
    res.writeHead(304).end();
    return;
  }
  let body = p.body;
  if (body.length > 1024 && acceptsGzip(req)) {
    p.gzip ??= gzipSync(p.body);
    body = p.gzip;
    res.setHeader('content-encoding', 'gzip');
  }
  res.writeHead(200, { 'content-type': p.type, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
