/**
 * What a browser opens: the dashboard at / and each document's page at /policy/<id>
 * (src/server/pages/), and the files of the GraphQL explorer that /graphql shows (GraphiQL and
 * React from node_modules, our start script). Files are served by @fastify/static at fixed paths
 * only, so no request path ever names a file, and gzipped by @fastify/compress when asked;
 * nothing a page needs comes from anywhere else.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors.js';
import { projectPath } from '../common/paths.js';
import { POLICY_ID_PATTERN } from '../corpus/corpus-schema.js';
import { POLICY_STATUSES, STATUS_FACTS } from '../domain/statuses.js';
import { HttpError } from './http-errors.js';
import { readOnly } from './http-requests.js';

/** Request path → a file on disk, or a text made at start. */
export type Pages = ReadonlyMap<string, { file: string } | { text: string; type: string }>;

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

/**
 * Headers every page carries, the explorer's too (with its own policy). Set here, not by helmet:
 * helmet's dozen middlewares cost about 100 µs on every API request (measured with
 * scripts/bench/front.ts), and JSON answers need none of them.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const PAGES_DIR = projectPath('src/server/pages');

/** The files of the dashboard and of the document page, by the path they are served at. */
const DASHBOARD: Record<string, string> = {
  '/': join(PAGES_DIR, 'index.html'),
  '/dashboard.css': join(PAGES_DIR, 'dashboard.css'),
  '/dashboard.js': join(PAGES_DIR, 'dashboard.js'),
  '/api.js': join(PAGES_DIR, 'api.js'),
  '/timeline.js': join(PAGES_DIR, 'timeline.js'),
  '/snippet.js': join(PAGES_DIR, 'snippet.js'),
  '/dom.js': join(PAGES_DIR, 'dom.js'),
  '/links.js': join(PAGES_DIR, 'links.js'),
  '/amounts.js': join(PAGES_DIR, 'amounts.js'),
  '/policy.css': join(PAGES_DIR, 'policy.css'),
  '/policy.js': join(PAGES_DIR, 'policy.js'),
  '/policy-queries.js': join(PAGES_DIR, 'policy-queries.js'),
  '/policy-clauses.js': join(PAGES_DIR, 'policy-clauses.js'),
  '/policy-differences.js': join(PAGES_DIR, 'policy-differences.js'),
  '/favicon.svg': join(PAGES_DIR, 'favicon.svg'),
};

/** One page for every document, at /policy/<id>: it reads the id from its address. */
const DOCUMENT_PAGE = join(PAGES_DIR, 'policy.html');

const require = createRequire(import.meta.url);

/** A file of an installed package; through its package.json, since `exports` hides the UMD builds. */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

/** The explorer's files; its HTML is Apollo's landing page (src/graphql/apollo.ts). */
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

/**
 * The statuses as the dashboard's module `/statuses.js`, made from the one list in src/domain,
 * so the page counts and colours exactly the API's statuses.
 */
function statusesModule(): string {
  const statuses = POLICY_STATUSES.map((name) => ({ name, label: STATUS_FACTS[name].chinese }));
  return `/** Made by the server from src/domain/statuses.ts. */\nexport const STATUSES = ${JSON.stringify(statuses)};\n`;
}

/** The pages to serve; the explorer's only when it is on. A missing file stops the start, naming it. */
export function loadPages(options: { explorer: boolean }): Pages {
  const files = { ...DASHBOARD, ...(options.explorer ? explorerFiles() : {}) };
  const pages = new Map<string, { file: string } | { text: string; type: string }>();
  for (const [path, file] of Object.entries({ ...files, '/policy/<id>': DOCUMENT_PAGE })) {
    if (!existsSync(file)) throw new Error(`A page's file is missing: ${file} (served at ${path}).`);
    if (file !== DOCUMENT_PAGE) pages.set(path, { file });
  }
  pages.set('/statuses.js', { text: statusesModule(), type: TYPES['.js'] });
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

/** What a browser opening /graphql sees when the explorer is off (production's default), read at start. */
const EXPLORER_OFF_PAGE = readFileSync(join(PAGES_DIR, 'explorer-off.html'), 'utf8');

export const explorerOffPage = (): string => EXPLORER_OFF_PAGE;

/**
 * Serves each page at its exact path ("//", "/index.html" or "/dashboard.js/" are no page), and
 * the document page at /policy/<id>. `no-cache` makes browsers check each time (ETag), so a new
 * version shows at once. `knownPolicy` tells which ids the data holds (left out: all).
 */
export async function registerPages(
  app: FastifyInstance,
  pages: Pages,
  knownPolicy: (id: string) => boolean = () => true,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyCompress, { threshold: 1024, encodings: ['gzip'] });
    await scope.register(fastifyStatic, {
      root: PAGES_DIR,
      serve: false,
      cacheControl: false,
      lastModified: false,
      setHeaders: (reply, file) => reply.header('content-type', TYPES[extname(file)] ?? 'application/octet-stream'),
    });
    for (const [path, page] of pages) {
      // A made page's version is its text's hash; a file's, @fastify/static's (size and time).
      const etag = 'text' in page ? `"${createHash('sha256').update(page.text).digest('base64url').slice(0, 22)}"` : '';
      scope.all(path, async (request: FastifyRequest, reply: FastifyReply) => {
        readOnly(request.method, path);
        reply.headers(PAGE_SECURITY_HEADERS).header('cache-control', 'no-cache');
        if ('text' in page) {
          reply.header('etag', etag);
          if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag))
            return reply.code(304).send();
          return reply.type(page.type).send(page.text);
        }
        return reply.sendFile(basename(page.file), dirname(page.file));
      });
    }
    scope.all('/policy/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      readOnly(request.method, '/policy/<id>');
      const { id } = request.params;
      // No document could have this id: the route's 404, as for any other path that is no page.
      if (!POLICY_ID_PATTERN.test(id) || id.length > MAX_POLICY_ID_LENGTH)
        throw new HttpError(
          404,
          ErrorCode.NOT_FOUND,
          `A document's page is /policy/<id>, its id a lower-case slug such as chengdu-ai-rules-2024, but got: ${JSON.stringify(id.slice(0, 200))}.`,
        );
      reply.headers(PAGE_SECURITY_HEADERS).header('cache-control', 'no-cache');
      // An id the data does not hold: the same page, which says so, under a 404 that link
      // checkers and crawlers read; no ETag, so that no 304 ever stands for a 404.
      if (!knownPolicy(id))
        return reply
          .code(404)
          .type(TYPES['.html'])
          .send(await readFile(DOCUMENT_PAGE));
      return reply.sendFile(basename(DOCUMENT_PAGE), dirname(DOCUMENT_PAGE));
    });
  });
}

/** Longer ids than any slug the data would hold are refused unread. */
const MAX_POLICY_ID_LENGTH = 200;
