/**
 * Configuration, parsed once from the environment into a typed object by zod schemas (one per
 * part: the app, its HTTP limits, its GraphQL settings). Factories take an explicit config (or
 * overrides), so tests never touch process.env.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
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
  /** A PostgreSQL server instead of the SQLite file (DATABASE_URL, postgres://user:password@host:port/database). */
  databaseUrl?: string;
  /** A PostgreSQL statement, new connection or wait for a free one not done within this fails (DATABASE_TIMEOUT_MS, 10000). */
  databaseTimeoutMs: number;
  /** Curated policy files (POLICY_DATA_DIR). */
  policyDir: string;
  meili: MeiliConfig;
  /** Bearer token for admin operations (ADMIN_TOKEN); unset turns them off. */
  adminToken?: string;
  /** Access-Control-Allow-Origin for browsers (CORS_ORIGIN). */
  corsOrigin: string;
  /** Proxies in front whose X-Forwarded-For names the client, for limits per client (TRUST_PROXY_HOPS, 0). */
  trustProxyHops: number;
  /** How often the server checks whether the database was changed beside it, by npm run ingest or another replica (DATA_POLL_MS, 1000; 0: never). */
  dataPollMs: number;
  /**
   * How often the server looks for files added, changed or removed in the data folder, and loads
   * them (DATA_FOLDER_POLL_MS, default DATA_POLL_MS; 0: never, reload by the admin API or npm run ingest).
   */
  folderPollMs: number;
  /** Slow-client and connection limits of the HTTP front (HTTP_*). */
  http: HttpLimits;
  /** Introspection and the landing page (GRAPHQL_*). */
  graphql: GraphqlSettings;
  /** Outgoing webhooks (WEBHOOK_*). */
  webhooks: WebhookSettings;
}

export interface WebhookSettings {
  /** Receivers on loopback, private or link-local addresses are allowed (WEBHOOK_ALLOW_PRIVATE, false). */
  allowPrivate: boolean;
  /** How often changes are queued and due deliveries sent (WEBHOOK_POLL_MS, 1000; 0: never). */
  pollMs: number;
  /** One delivery attempt, connect to answer (WEBHOOK_TIMEOUT_MS, 15000). */
  timeoutMs: number;
  /** The waits before each attempt, in ms (WEBHOOK_RETRY_MS, comma-separated; default: about a day in 8 attempts). */
  retryScheduleMs?: number[];
}

/**
 * Where the database is: a SQLite file, or a PostgreSQL server's URL and how long anything asked
 * of it may take (DATABASE_TIMEOUT_MS; unset: DATABASE_TIMEOUT_DEFAULT_MS).
 */
export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgresql'; url: string; timeoutMs?: number };

export const DATABASE_TIMEOUT_DEFAULT_MS = 10_000;

/** The database the config names: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function databaseTarget(
  config: Pick<AppConfig, 'dbFile' | 'databaseUrl'> & Partial<Pick<AppConfig, 'databaseTimeoutMs'>>,
): DatabaseTarget {
  return config.databaseUrl
    ? { dialect: 'postgresql', url: config.databaseUrl, timeoutMs: config.databaseTimeoutMs }
    : { dialect: 'sqlite', file: config.dbFile };
}

// --- Parsing the environment (zod) ---

/**
 * A whole number in [min, max] from an environment variable, or `fallback` when it is unset or
 * empty. Read with Number(), so " 5 ", "1e3" and "0x10" count as numbers. The error says what
 * the variable must be; parseEnv adds its name and the value received.
 */
function wholeNumber(fallback: number, min: number, max: number, expected: string) {
  const error = { error: expected };
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : Number(value)))
    .pipe(z.number(error).int(error).min(min, error).max(max, error));
}

const millis = (fallback: number, min: number, max: number) =>
  wholeNumber(fallback, min, max, `a whole number of milliseconds from ${min} to ${max}`);
/** Milliseconds from `min` to `max`, or undefined when unset (the caller's default then). */
const optionalMillis = (min: number, max: number) => {
  const error = { error: `a whole number of milliseconds from ${min} to ${max}` };
  return z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : Number(value)))
    .pipe(z.number(error).int(error).min(min, error).max(max, error).optional());
};
const port = (fallback: number) => wholeNumber(fallback, 0, 65535, 'a port number 0–65535');
const count = (fallback: number, min: number, max: number) =>
  wholeNumber(fallback, min, max, `a whole number from ${min} to ${max}`);

/** "true"/"1" or "false"/"0"; undefined when unset or empty, for the caller's default. */
const flag = z
  .enum(['true', 'false', '1', '0', ''], { error: '"true", "false", "1" or "0"' })
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

/** Text where unset and empty both mean "not given". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => value || undefined);

/** A setting refused: its message names the variable and the value; no stack is needed to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The environment as `schema` reads it, or a ConfigError naming the first variable refused (in the
 * schema's order) and the value it had: "PORT must be a port number 0–65535, but got: "x"."
 * A check across variables states its whole message itself (a custom issue).
 */
function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  throw new ConfigError(
    issue.code === 'custom' ? issue.message : `${name} must be ${issue.message}, but got: "${env[name]}".`,
  );
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
  /** Expensive requests (search, retrieve, estimates, stats, exports) run at once (HTTP_EXPENSIVE_CONCURRENCY, 4). */
  expensiveConcurrency: number;
  /** Expensive requests that wait for a turn; more are refused with SERVER_BUSY (HTTP_EXPENSIVE_QUEUE, 64). */
  expensiveQueue: number;
  /** Requests one client address may make a minute; 0: no limit (RATE_LIMIT_PER_MINUTE, 0; deploy/ sets one). */
  ratePerMinute: number;
}

export const HTTP_LIMIT_DEFAULTS: Readonly<HttpLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5000,
  idleTimeoutMs: 30_000,
  maxConnections: 1000,
  expensiveConcurrency: 4,
  expensiveQueue: 64,
  ratePerMinute: 0,
};

const HttpVariables = z.object({
  HTTP_HEADERS_TIMEOUT_MS: millis(HTTP_LIMIT_DEFAULTS.headersTimeoutMs, 100, 3_600_000),
  HTTP_REQUEST_TIMEOUT_MS: millis(HTTP_LIMIT_DEFAULTS.requestTimeoutMs, 100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(HTTP_LIMIT_DEFAULTS.keepAliveTimeoutMs, 100, 3_600_000),
  HTTP_IDLE_TIMEOUT_MS: millis(HTTP_LIMIT_DEFAULTS.idleTimeoutMs, 100, 3_600_000),
  HTTP_MAX_CONNECTIONS: count(HTTP_LIMIT_DEFAULTS.maxConnections, 1, 1_000_000),
  HTTP_EXPENSIVE_CONCURRENCY: count(HTTP_LIMIT_DEFAULTS.expensiveConcurrency, 1, 10_000),
  HTTP_EXPENSIVE_QUEUE: count(HTTP_LIMIT_DEFAULTS.expensiveQueue, 0, 100_000),
  RATE_LIMIT_PER_MINUTE: count(HTTP_LIMIT_DEFAULTS.ratePerMinute, 0, 1_000_000),
});

const HttpEnv = HttpVariables.superRefine((e, ctx) => {
  // Node refuses the pair otherwise: the whole request includes its headers.
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['HTTP_HEADERS_TIMEOUT_MS'],
      message: `HTTP_HEADERS_TIMEOUT_MS must be at most HTTP_REQUEST_TIMEOUT_MS (the request includes its headers), but got: ${e.HTTP_HEADERS_TIMEOUT_MS} > ${e.HTTP_REQUEST_TIMEOUT_MS}.`,
    });
  }
}).transform(
  (e): HttpLimits => ({
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
    maxConnections: e.HTTP_MAX_CONNECTIONS,
    expensiveConcurrency: e.HTTP_EXPENSIVE_CONCURRENCY,
    expensiveQueue: e.HTTP_EXPENSIVE_QUEUE,
    ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
  }),
);

export function httpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  return parseEnv(HttpEnv, env);
}

/** What the GraphQL endpoint shows about itself; Apollo's own default is off under NODE_ENV=production. */
export interface GraphqlSettings {
  /** Schema introspection queries (GRAPHQL_INTROSPECTION; on unless NODE_ENV=production). */
  introspection: boolean;
  /** The GraphiQL explorer for browsers at /graphql (GRAPHQL_LANDING_PAGE; on unless NODE_ENV=production). */
  landingPage: boolean;
}

const GraphqlVariables = z.object({
  NODE_ENV: z.string().optional(),
  GRAPHQL_INTROSPECTION: flag,
  GRAPHQL_LANDING_PAGE: flag,
});

const GraphqlEnv = GraphqlVariables.transform((e): GraphqlSettings => {
  const development = e.NODE_ENV !== 'production';
  return {
    introspection: e.GRAPHQL_INTROSPECTION ?? development,
    landingPage: e.GRAPHQL_LANDING_PAGE ?? development,
  };
});

export function graphqlSettings(env: NodeJS.ProcessEnv): GraphqlSettings {
  return parseEnv(GraphqlEnv, env);
}

// --- end of HTTP connection limits and GraphQL serving switches ---

/** Everything but the HTTP limits and GraphQL settings, in the order they are checked. */
const AppEnv = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port(4000),
  DATA_DIR: z.string().optional(),
  DB_FILE: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: 'a PostgreSQL URL: postgres://user:password@host:port/database' })
      .optional(),
  ),
  DATABASE_TIMEOUT_MS: millis(DATABASE_TIMEOUT_DEFAULT_MS, 100, 600_000),
  POLICY_DATA_DIR: optionalText,
  MEILI_HOST: optionalText,
  MEILI_MASTER_KEY: optionalText,
  MEILI_PORT: port(0),
  SEARCH_TIMEOUT_MS: millis(1000, 50, 60_000),
  MEILI_HANG_RESTART_MS: millis(10_000, 1000, 3_600_000),
  DATA_POLL_MS: millis(1000, 0, 3_600_000),
  DATA_FOLDER_POLL_MS: optionalMillis(0, 3_600_000),
  ADMIN_TOKEN: optionalText,
  CORS_ORIGIN: z.string().default('*'),
  TRUST_PROXY_HOPS: count(0, 0, 10),
  WEBHOOK_ALLOW_PRIVATE: flag,
  WEBHOOK_POLL_MS: millis(1000, 0, 3_600_000),
  WEBHOOK_TIMEOUT_MS: millis(15_000, 100, 120_000),
  WEBHOOK_RETRY_MS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,9}(,\d{1,9}){0,49}$/, {
        error: 'the waits before each attempt in milliseconds, comma-separated (e.g. 0,5000,300000)',
      })
      .optional(),
  ),
});

/** Every environment variable the configuration reads (a deployment file may set only these). */
export const CONFIG_VARIABLES: readonly string[] = [
  ...Object.keys(AppEnv.shape),
  ...Object.keys(HttpVariables.shape),
  ...Object.keys(GraphqlVariables.shape),
];

/** Reads the environment once; explicit overrides win over it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const e = parseEnv(AppEnv, env);
  const dataDir = resolve(overrides.dataDir ?? e.DATA_DIR ?? './var');
  return {
    host: e.HOST,
    port: e.PORT,
    dbFile: e.DB_FILE ? resolve(e.DB_FILE) : join(dataDir, 'policies.sqlite'),
    databaseUrl: e.DATABASE_URL,
    databaseTimeoutMs: e.DATABASE_TIMEOUT_MS,
    policyDir: e.POLICY_DATA_DIR ? resolve(e.POLICY_DATA_DIR) : projectPath('data/policies'),
    meili: {
      host: e.MEILI_HOST,
      masterKey: e.MEILI_MASTER_KEY,
      port: e.MEILI_PORT,
      searchTimeoutMs: e.SEARCH_TIMEOUT_MS,
      hangRestartMs: e.MEILI_HANG_RESTART_MS,
    },
    dataPollMs: e.DATA_POLL_MS,
    folderPollMs: e.DATA_FOLDER_POLL_MS ?? e.DATA_POLL_MS,
    adminToken: e.ADMIN_TOKEN,
    corsOrigin: e.CORS_ORIGIN,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    http: httpLimits(env),
    graphql: graphqlSettings(env),
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE ?? false,
      pollMs: e.WEBHOOK_POLL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: e.WEBHOOK_RETRY_MS?.split(',').map(Number),
    },
    ...overrides,
    dataDir,
  };
}
