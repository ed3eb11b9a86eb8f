/**
 * The changes as a feed any reader follows: /feed.atom (Atom, RFC 4287), /feed.json (JSON Feed
 * 1.1), and /feed, which answers JSON Feed to a client that asks for it and Atom otherwise. The
 * newest changes up to now, newest first: what `changes` answers, each with its stable key as the
 * entry's id, so a reader shows each change once however often it polls.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Changes } from '../analytics/changes.js';
import { atom, FEED_ENTRIES, jsonFeed } from '../analytics/feeds.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { readOnly } from './http-requests.js';

export interface FeedOptions {
  changes: Changes;
  snapshot: () => Snapshot;
}

/** The site's address as the request reached it, for the feed's own links. */
function siteOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
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
