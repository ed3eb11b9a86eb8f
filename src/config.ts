/**
 * Configuration, parsed once from the environment into a typed object. Factories take an
 * explicit config (or overrides), so tests never touch process.env.
 */
import { join, resolve } from 'node:path';
import { projectPath } from './common/paths.js';

export interface MeiliConfig {
  /** An external server (MEILI_HOST); when unset the API starts its own. */
  host?: string;
  masterKey?: string;
  /** Port for the server the API starts (MEILI_PORT); 0 picks a free one. */
  port: number;
  /** A search not answered within this goes to the database instead (SEARCH_TIMEOUT_MS, 1000). */
  searchTimeoutMs: number;
  /** An engine the API started that answers nothing this long is killed and restarted (MEILI_HANG_RESTART_MS, 10000). */
  hangRestartMs: number;
}

export interface AppConfig {
  host: string;
  port: number;
  /** Everything the server writes lives here (DATA_DIR). */
  dataDir: string;
  /** SQLite database file, inside dataDir unless DB_FILE says otherwise. */
  dbFile: string;
  /** Curated policy files (POLICY_DATA_DIR). */
  policyDir: string;
  meili: MeiliConfig;
  /** Bearer token for admin operations (ADMIN_TOKEN); unset turns them off. */
  adminToken?: string;
  /** Access-Control-Allow-Origin for browsers (CORS_ORIGIN). */
  corsOrigin: string;
  /** How often the server checks whether the database was changed beside it, e.g. by npm run ingest (DATA_POLL_MS, 2000; 0: never). */
  dataPollMs: number;
  /** Slow-client and connection limits of the HTTP front (HTTP_*). */
  http: HttpLimits;
  /** Introspection and the landing page (GRAPHQL_*). */
  graphql: GraphqlSettings;
}

/** A whole number of milliseconds in [min, max], or the fallback when unset. */
function millis(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number of milliseconds from ${min} to ${max}, but got: "${value}".`);
  return n;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number 0–65535, but got: "${value}".`);
  return n;
}

// --- HTTP connection limits and GraphQL serving switches ---

/** What one connection may take of the server; every default cuts a slow client within 30 s. */
export interface HttpLimits {
  /** All request headers must arrive within this from the request's first byte, or from connecting (HTTP_HEADERS_TIMEOUT_MS, 10000). */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (HTTP_REQUEST_TIMEOUT_MS, 20000). */
  requestTimeoutMs: number;
  /** A kept-alive connection waits this long for its next request; Node 20 adds 1 s (HTTP_KEEP_ALIVE_TIMEOUT_MS, 5000). */
  keepAliveTimeoutMs: number;
  /** A connection with no bytes either way for this long is closed, e.g. a client not reading its answer (HTTP_IDLE_TIMEOUT_MS, 30000). */
  idleTimeoutMs: number;
  /** Connections beyond this many open ones are closed on arrival (HTTP_MAX_CONNECTIONS, 1000). */
  maxConnections: number;
}

export const HTTP_LIMIT_DEFAULTS: Readonly<HttpLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5000,
  idleTimeoutMs: 30_000,
  maxConnections: 1000,
};

function count(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, but got: "${value}".`);
  return n;
}

export function httpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const d = HTTP_LIMIT_DEFAULTS;
  const limits: HttpLimits = {
    headersTimeoutMs: millis('HTTP_HEADERS_TIMEOUT_MS', env.HTTP_HEADERS_TIMEOUT_MS, d.headersTimeoutMs, 100, 3_600_000),
    requestTimeoutMs: millis('HTTP_REQUEST_TIMEOUT_MS', env.HTTP_REQUEST_TIMEOUT_MS, d.requestTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: millis('HTTP_KEEP_ALIVE_TIMEOUT_MS', env.HTTP_KEEP_ALIVE_TIMEOUT_MS, d.keepAliveTimeoutMs, 100, 3_600_000),
    idleTimeoutMs: millis('HTTP_IDLE_TIMEOUT_MS', env.HTTP_IDLE_TIMEOUT_MS, d.idleTimeoutMs, 100, 3_600_000),
    maxConnections: count('HTTP_MAX_CONNECTIONS', env.HTTP_MAX_CONNECTIONS, d.maxConnections, 1, 1_000_000),
  };
  // Node refuses the pair otherwise: the whole request includes its headers.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`HTTP_HEADERS_TIMEOUT_MS must be at most HTTP_REQUEST_TIMEOUT_MS (the request includes its headers), but got: ${limits.headersTimeoutMs} > ${limits.requestTimeoutMs}.`);
  }
  return limits;
}

/** What the GraphQL endpoint shows about itself; Apollo's own default is off under NODE_ENV=production. */
export interface GraphqlSettings {
  /** Schema introspection queries (GRAPHQL_INTROSPECTION; on unless NODE_ENV=production). */
  introspection: boolean;
  /** The Apollo explorer page for browsers at /graphql (GRAPHQL_LANDING_PAGE; on unless NODE_ENV=production). */
  landingPage: boolean;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be "true", "false", "1" or "0", but got: "${value}".`);
}

export function graphqlSettings(env: NodeJS.ProcessEnv): GraphqlSettings {
  const development = env.NODE_ENV !== 'production';
  return {
    introspection: flag('GRAPHQL_INTROSPECTION', env.GRAPHQL_INTROSPECTION, development),
    landingPage: flag('GRAPHQL_LANDING_PAGE', env.GRAPHQL_LANDING_PAGE, development),
  };
}

// --- end of HTTP connection limits and GraphQL serving switches ---

/** Reads the environment once; explicit overrides win over it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? './var');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: port('PORT', env.PORT, 4000),
    dbFile: env.DB_FILE ? resolve(env.DB_FILE) : join(dataDir, 'policies.sqlite'),
    policyDir: env.POLICY_DATA_DIR ? resolve(env.POLICY_DATA_DIR) : projectPath('data/policies'),
    meili: {
      host: env.MEILI_HOST || undefined, masterKey: env.MEILI_MASTER_KEY || undefined, port: port('MEILI_PORT', env.MEILI_PORT, 0),
      searchTimeoutMs: millis('SEARCH_TIMEOUT_MS', env.SEARCH_TIMEOUT_MS, 1000, 50, 60_000),
      hangRestartMs: millis('MEILI_HANG_RESTART_MS', env.MEILI_HANG_RESTART_MS, 10_000, 1000, 3_600_000),
    },
    dataPollMs: millis('DATA_POLL_MS', env.DATA_POLL_MS, 2000, 0, 3_600_000),
    adminToken: env.ADMIN_TOKEN || undefined,
    corsOrigin: env.CORS_ORIGIN ?? '*',
    http: httpLimits(env),
    graphql: graphqlSettings(env),
    ...overrides,
    dataDir,
  };
}
