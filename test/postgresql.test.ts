/**
 * What is PostgreSQL's own: its full-text search scores as SQLite's FTS5 does (the same BM25 over
 * the same terms), and a server that cannot be used is refused at start with a message naming
 * it (its password hidden) and the cause. Runs in the "postgresql" test project only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { loadFromDir } from '../src/corpus/load.js';
import { StorageError } from '../src/db/database-file.js';
import { openDatabase, type MikroORM } from '../src/db/orm.js';
import { ClauseSearchRepository, type TermMatch } from '../src/repositories/clause-search.repository.js';
import { queryTerms } from '../src/text/terms.js';
import { DATA_DIR } from './support/db.js';
import { freshDatabase } from './support/postgres.js';

const server = inject('postgresUrl')!;
let sqlite: MikroORM;
let postgresql: MikroORM;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'policy-pg-vs-sqlite-'));
  sqlite = await openDatabase({ dialect: 'sqlite', file: join(dir, 'policies.sqlite') });
  postgresql = await openDatabase({ dialect: 'postgresql', url: await freshDatabase(server) });
  await loadFromDir(sqlite, DATA_DIR);
  await loadFromDir(postgresql, DATA_DIR);
});

afterAll(async () => {
  await sqlite?.close();
  await postgresql?.close();
  rmSync(dir, { recursive: true, force: true });
});

const search = (orm: MikroORM, query: string, match: TermMatch, heavy: string[] = []) =>
  new ClauseSearchRepository(orm.em.fork()).search(queryTerms(query), match, new Set(heavy), { statusOn: [] }, 20, 0);

describe('full-text search on PostgreSQL', () => {
  it.each([
    ['算力', 'ANY'],
    ['补贴', 'ANY'],
    ['券', 'ANY'],
    ['gpu', 'ANY'],
  ] as const)(
    'scores the one-word query %s as FTS5 does: same clauses, same order, BM25 within 0.5%',
    async (query, match) => {
      const [a, b] = await Promise.all([search(sqlite, query, match), search(postgresql, query, match)]);
      expect(b.total).toBe(a.total);
      expect(b.rows.map((r) => r.id)).toEqual(a.rows.map((r) => r.id));
      // The same BM25; lengths differ where FTS5's tokenizer splits a term again (5000万).
      for (const [i, r] of b.rows.entries()) expect(Math.abs(r.score / a.rows[i].score - 1)).toBeLessThan(5e-3);
    },
  );

  it.each([
    ['算力券', 'ALL'],
    ['人工智能 补贴', 'ANY'],
    ['数据中心 机架', 'ALL'],
    ['申报 材料', 'ANY'],
  ] as const)('finds the same clauses for %s (%s), ranked alike', async (query, match) => {
    const [a, b] = await Promise.all([search(sqlite, query, match), search(postgresql, query, match)]);
    expect(b.total).toBe(a.total);
    expect(a.total).toBeGreaterThan(0);
    // Lengths differ a little where FTS5's tokenizer splits a term again, so near ties may swap:
    // the first five hits are compared as a set.
    const top = (rows: { id: string }[]) => new Set(rows.slice(0, 5).map((r) => r.id));
    const shared = [...top(a.rows)].filter((id) => top(b.rows).has(id)).length;
    expect(shared).toBeGreaterThanOrEqual(Math.min(4, a.rows.length));
    expect(Math.abs(b.rows[0].score / a.rows[0].score - 1)).toBeLessThan(5e-3);
  });

  it('counts a heavy term twice, as FTS5 does', async () => {
    const [a, b] = await Promise.all([
      search(sqlite, '算力', 'ANY', queryTerms('算力')),
      search(postgresql, '算力', 'ANY', queryTerms('算力')),
    ]);
    expect(b.rows.map((r) => r.id)).toEqual(a.rows.map((r) => r.id));
    for (const [i, r] of b.rows.entries()) expect(Math.abs(r.score / a.rows[i].score - 1)).toBeLessThan(5e-3);
  });
});

describe('a PostgreSQL that cannot be used', () => {
  it('refuses a port where no server listens, naming the server but not the password', async () => {
    const error = await openDatabase({
      dialect: 'postgresql',
      url: 'postgres://policy:s3cret-pw@127.0.0.1:1/policy',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain('postgres://policy:***@127.0.0.1:1/policy');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('creates a database that does not exist yet on the server, and its schema', async () => {
    const url = new URL(server);
    url.pathname = `/created_${process.pid}`;
    const orm = await openDatabase({ dialect: 'postgresql', url: url.toString() });
    try {
      expect(await orm.em.fork().execute('select count(*) as n from clause')).toEqual([{ n: 0 }]);
    } finally {
      await orm.close();
    }
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://a@b:5432/c' }).databaseUrl).toBe('postgresql://a@b:5432/c');
  });
});
