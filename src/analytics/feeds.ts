/**
 * The changes as feeds any reader follows: Atom (RFC 4287) and JSON Feed 1.1, newest first, each
 * change with its stable key as the entry's id, so a reader shows each change once however often
 * it polls; links lead to the site the feed was fetched from (src/server/feed.ts serves them).
 */
import type { Change } from '../schema/changes.js';
import { clauseChangeLine } from './changes.js';

/** Entries in a feed: readers keep what they have seen, so the newest fifty are enough. */
export const FEED_ENTRIES = 50;
const TITLE = '成都算力与人工智能政策：变化';
const ID_ROOT = 'tag:chengdu-policies,2026:';

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

export function atom(changes: Change[], site: string, now: Date): string {
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

export function jsonFeed(changes: Change[], site: string): string {
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
