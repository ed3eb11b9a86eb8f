/**
 * Which driver errors mean a database down or hung (src/db/faults.ts): the errors pg, knex and
 * MikroORM give when PostgreSQL is killed or stopped, as test/postgresql-faults.test.ts met them;
 * and what a search does with them (src/search/search.service.ts).
 */
import { DriverException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { databaseFault } from '../../src/db/faults.js';
import type { EngineResult, SearchEngine } from '../../src/search/engine.js';
import { SearchService } from '../../src/search/search.service.js';

/** An error as MikroORM throws it: the statement, then the driver's message; the driver's code kept. */
const driver = (message: string, code?: string) =>
  new DriverException(
    Object.assign(new Error(`select "p0".* from "policy" as "p0" where "p0"."id" = 'x' limit 1 - ${message}`), {
      code,
    }),
  );

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('database faults', () => {
  it('reads a server gone or refusing as unavailable', () => {
    expect(databaseFault(new DriverException(refused()))).toBe('unavailable');
    expect(databaseFault(driver('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(databaseFault(driver('read ECONNRESET', 'ECONNRESET'))).toBe('unavailable');
    expect(databaseFault(driver('the database system is in recovery mode', '57P03'))).toBe('unavailable');
    expect(databaseFault(driver('Client has encountered a connection error and is not queryable'))).toBe('unavailable');
  });

  it('reads a server that does not answer in time as a timeout', () => {
    expect(databaseFault(driver('Query read timeout'))).toBe('timeout');
    expect(databaseFault(new DriverException(new Error('timeout expired')))).toBe('timeout');
    expect(databaseFault(driver('canceling statement due to statement timeout', '57014'))).toBe('timeout');
    const acquire = new Error(
      'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
    );
    expect(databaseFault(Object.assign(acquire, { name: 'KnexTimeoutError' }))).toBe('timeout');
  });

  it('finds the fault under a GraphQLError, and nothing in other errors', () => {
    expect(databaseFault(new GraphQLError('wrapped', { originalError: driver('Query read timeout') }))).toBe('timeout');
    expect(databaseFault(driver('duplicate key value violates unique constraint', '23505'))).toBeUndefined();
    expect(databaseFault(new TypeError('Cannot read properties of undefined'))).toBeUndefined();
    // A user's text in the statement is not the driver's message.
    expect(databaseFault(driver(`syntax error at or near "'Query read timeout'"`, '42601'))).toBeUndefined();
    // Meilisearch down: the same errno, from another client.
    expect(
      databaseFault(new Error('Request to http://127.0.0.1:7700/multi-search has failed', { cause: refused() })),
    ).toBeUndefined();
  });
});

describe('a search while the database is down', () => {
  const answered: EngineResult = { totalHits: 0, hits: [], terms: [] };
  const engine = (name: string, fail?: () => Error): SearchEngine => ({
    name,
    search: async () => {
      if (fail) throw fail();
      return answered;
    },
  });
  const gate = () => {
    const failures: unknown[] = [];
    return { failures, usable: () => true, failed: (e: unknown) => void failures.push(e) };
  };
  const search = (service: SearchService) => service.search('算力券', {}, 3, 0, '2025-01-01');

  it('is its error, not a failure of Meilisearch: the engine stays in use and the fallback is not asked', async () => {
    const g = gate();
    const fallbackAsked = vi.fn(async () => answered);
    const service = new SearchService(
      engine('meilisearch', () => driver('Query read timeout')),
      { name: 'database-fallback', search: fallbackAsked },
      { gate: g },
    );
    await expect(search(service)).rejects.toBeInstanceOf(DriverException);
    expect(g.failures).toEqual([]);
    expect(fallbackAsked).not.toHaveBeenCalled();
  });

  it('with Meilisearch refusing connections, still falls back to the database', async () => {
    const g = gate();
    const service = new SearchService(
      engine('meilisearch', () => new Error('Request to http://127.0.0.1:7700 has failed', { cause: refused() })),
      engine('database-fallback'),
      { gate: g },
    );
    expect((await search(service)).engine).toBe('database-fallback');
    expect(g.failures).toHaveLength(1);
  });
});
