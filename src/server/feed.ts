/**
 * The changes as a feed any reader follows: /feed.atom (Atom, RFC 4287), /feed.json (JSON Feed
 * 1.1), and /feed, which answers JSON Feed to a client that asks for it and Atom otherwise. The
 * newest changes up to now, newest first: what `changes` answers, each with its stable key as the
 * entry's id, so a reader shows each change once however often it polls.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Changes, clauseChangeLine } from '../analytics/changes.js';
import type { Change } from '../schema/changes.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { readOnly } from './http-requests.js';

/** Entries in a feed: readers keep what they have seen, so the newest fifty are enough. */
export const FEED_ENTRIES = 50;
const TITLE = '成都算力与人工智能政策：变化';
const ID_ROOT = 'tag:chengdu-policies,2026:';

export interface FeedOptions {
  changes: Changes;
  snapshot: () => Snapshot;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Clauses of an amendment an entry lists; the rest are counted. */
const CLAUSES_SHOWN = 20;

/** What an entry says beyond its title: the clauses an amendment changed, one line each. */
function details(change: Change): string {
  const more = change.clauses.length - CLAUSES_SHOWN;
  const lines = change.clauses.slice(0, CLAUSES_SHOWN).map(clauseChangeLine);
  return [change.summary, ...lines, ...(more > 0 ? [`另有${more}条条款有变化。`] : [])].join('\n');
}

/** The site's address as the request reached it, for the feed's own links. */
function siteOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function atom(changes: Change[], site: string, now: Date): string {
  const updated = changes[0]?.at ?? now.toISOString();
  const entries = changes.map(
    (c) => `  <entry>
    <id>${escapeXml(`${ID_ROOT}change:${c.key}`)}</id>
    <title>${escapeXml(c.summary)}</title>
    <updated>${c.at}</updated>
    <link rel="alternate" href="${escapeXml(`${site}/policy/${c.policyId}`)}"/>
    <category term="${c.kind}"/>
    <content type="text">${escapeXml(details(c))}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${ID_ROOT}changes</id>
  <title>${TITLE}</title>
  <updated>${updated}</updated>
  <author><name>成都算力与人工智能政策库</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${site}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${site}/`)}"/>
${entries.join('\n')}
</feed>
`;
}

function jsonFeed(changes: Change[], site: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: TITLE,
    home_page_url: `${site}/`,
    feed_url: `${site}/feed.json`,
    language: 'zh-CN',
    items: changes.map((c) => ({
      id: `${ID_ROOT}change:${c.key}`,
      url: `${site}/policy/${c.policyId}`,
      title: c.summary,
      content_text: details(c),
      date_published: c.at,
      tags: [c.kind],
      _change: { ...c, clauses: c.clauses.slice(0, CLAUSES_SHOWN), clauseCount: c.clauses.length },
    })),
  });
}

export function feedRoutes(o: FeedOptions): (app: FastifyInstance) => void {
  const answer = async (request: FastifyRequest, reply: FastifyReply, format: 'atom' | 'json') => {
    readOnly(request.method, request.url);
    const now = new Date();
    const changes = await o.changes.latest(o.snapshot(), now, FEED_ENTRIES);
    const site = siteOf(request);
    // /feed answers by Accept: a shared cache must keep the two apart.
    reply.header('cache-control', 'public, max-age=60').header('vary', 'Accept');
    if (format === 'json') return reply.type('application/feed+json; charset=utf-8').send(jsonFeed(changes, site));
    return reply.type('application/atom+xml; charset=utf-8').send(atom(changes, site, now));
  };
  return (app) => {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    const route = (url: string, format: (r: FastifyRequest) => 'atom' | 'json') =>
      app.route({
        method: [...methods],
        url,
        exposeHeadRoute: false,
        handler: (request, reply) => answer(request, reply, format(request)),
      });
    route('/feed.atom', () => 'atom');
    route('/feed.json', () => 'json');
    route('/feed', (r) => (/application\/(feed\+)?json/.test(String(r.headers.accept ?? '')) ? 'json' : 'atom'));
  };
}
