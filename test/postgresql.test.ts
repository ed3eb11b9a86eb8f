/**
 * What is PostgreSQL's own: a load stored there reads back as the same rows SQLite's does (so
 * replicas build the snapshot a single server builds), and a server that cannot be used is
 * refused at start with a message naming it (its password hidden) and the cause. Runs in the
 * "postgresql" test project only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { loadFromDir } from '../src/corpus/load.js';
import { StorageError } from '../src/db/database-file.js';
import type { MikroORM } from '../src/db/dialect.js';
import { openDatabase } from '../src/db/orm.js';
import { readCorpusRows } from '../src/snapshot/store.js';
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

/** Every table's rows, each table sorted by id, as plain data. */
async function stored(orm: MikroORM) {
  const rows = await readCorpusRows(orm.em.fork());
  return Object.fromEntries(
    Object.entries(rows).map(([table, list]) => [
      table,
      [...list].sort((a, b) => String(a.id).localeCompare(String(b.id))),
    ]),
  );
}

describe('the store of record on PostgreSQL', () => {
  it('reads back the rows SQLite reads back: the same snapshot on either', async () => {
    const [a, b] = await Promise.all([stored(sqlite), stored(postgresql)]);
    expect(b.clauses.length).toBeGreaterThan(200);
    expect(b).toEqual(a);
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

  it('refuses a database it may not create, saying what the user lacks', async () => {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    const role = `nocreate_${process.pid}`;
    try {
      await admin.query(`create role ${role} login password 'pw-${process.pid}'`);
      const url = new URL(server);
      url.username = role;
      url.password = `pw-${process.pid}`;
      url.pathname = `/never_${process.pid}`;
      const error = await openDatabase({ dialect: 'postgresql', url: url.toString() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(
        /^Cannot open the database postgres.*: this user is not allowed to do it: .*CREATEDB/,
      );
      expect((error as Error).message).not.toContain(`pw-${process.pid}`);
    } finally {
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://a@b:5432/c' }).databaseUrl).toBe('postgresql://a@b:5432/c');
  });
});
