/**
 * Introspection and the landing page: on for development, off under NODE_ENV=production as
 * Apollo intends, and each switchable (GRAPHQL_INTROSPECTION, GRAPHQL_LANDING_PAGE). Checked
 * against the real server process, since NODE_ENV is read from its environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphqlSettings, loadConfig } from '../src/config.js';
import { startServerProcess } from './support/server-process.js';
import { INTROSPECTION_OFF } from '../src/graphql/limit-messages.js';

interface Served {
  introspection: { status: number; codes: string[]; typeName?: string; message?: string };
  landingPage: { status: number; contentType: string; explorerOff: boolean };
}

/** What a server started with `env` serves: an introspection query, and /graphql as a browser asks for it. */
async function servedWith(env: Record<string, string>): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-settings-'));
  const server = await startServerProcess({ ...env, DATA_DIR: dataDir });
  try {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const body = (await res.json()) as {
      data?: { __schema: { queryType: { name: string } } };
      errors?: { message: string; extensions: { code: string } }[];
    };
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    return {
      introspection: {
        status: res.status,
        codes: (body.errors ?? []).map((e) => e.extensions.code),
        typeName: body.data?.__schema.queryType.name,
        ...(body.errors ? { message: body.errors[0].message } : {}),
      },
      landingPage: {
        status: page.status,
        contentType: page.headers.get('content-type') ?? '',
        explorerOff: html.includes('GRAPHQL_LANDING_PAGE=true'),
      },
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const CASES = {
  development: { NODE_ENV: 'development' },
  production: { NODE_ENV: 'production' },
  productionTurnedOn: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: 'true' },
  developmentTurnedOff: { NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false', GRAPHQL_LANDING_PAGE: '0' },
} as const;
let served: Record<keyof typeof CASES, Served>;

// The four servers start side by side: each start loads the corpus and its own search engine.
beforeAll(async () => {
  const entries = await Promise.all(
    Object.entries(CASES).map(async ([name, env]) => [name, await servedWith(env)] as const),
  );
  served = Object.fromEntries(entries) as typeof served;
}, 120_000);

describe('introspection and the landing page', () => {
  it('are on outside production', () => {
    expect(served.development.introspection).toEqual({ status: 200, codes: [], typeName: 'Query' });
    expect(served.development.landingPage).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^text\/html/),
    });
  });

  it('are off under NODE_ENV=production: introspection is a validation error, /graphql no page', () => {
    expect(served.production.introspection).toEqual({
      status: 400,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      typeName: undefined,
      message: INTROSPECTION_OFF,
    });
    // A browser opening the address gets a short page saying how to turn the explorer on.
    expect(served.production.landingPage).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^text\/html/),
      explorerOff: true,
    });
  });

  it('can be turned on under NODE_ENV=production', () => {
    expect(served.productionTurnedOn.introspection).toEqual({ status: 200, codes: [], typeName: 'Query' });
    expect(served.productionTurnedOn.landingPage).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^text\/html/),
    });
  });

  it('can be turned off outside production', () => {
    expect(served.developmentTurnedOff.introspection.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(served.developmentTurnedOff.landingPage).toMatchObject({ status: 200, explorerOff: true });
  });
});

describe('GraphQL settings', () => {
  it('default to on unless NODE_ENV=production', () => {
    expect(graphqlSettings({})).toEqual({ introspection: true, landingPage: true });
    expect(graphqlSettings({ NODE_ENV: 'test' })).toEqual({ introspection: true, landingPage: true });
    expect(graphqlSettings({ NODE_ENV: 'production' })).toEqual({ introspection: false, landingPage: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_LANDING_PAGE: '1' }).graphql).toEqual({
      introspection: false,
      landingPage: true,
    });
  });

  it('refuse a value that is not a boolean, naming the variable and the value', () => {
    expect(() => graphqlSettings({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(
      'GRAPHQL_INTROSPECTION must be "true", "false", "1" or "0", but got: "yes".',
    );
    expect(() => graphqlSettings({ GRAPHQL_LANDING_PAGE: 'off' })).toThrow(
      'GRAPHQL_LANDING_PAGE must be "true", "false", "1" or "0", but got: "off".',
    );
  });
});
