/**
 * `npm run bench [-- --sizes 1000,10000,100000 --seconds 5 --database postgresql --only search,direct
 * --cpu-prof DIR]`: how the
 * service grows with its corpus. For each size a realistic corpus (scripts/bench/realistic-corpus.ts)
 * is written into a fresh DATA_DIR and served by a child process started through createApp and
 * loadConfig only (this file again, with --serve, as scripts/bench/front.ts does), then loaded
 * over loopback (the service with NODE_ENV=production, as deploy/ runs it): 16 connections, a
 * second of warm-up not counted, and every request body
 * different from every other of the run (one counter), so no response cache answers a repeat.
 * Questions are in users' own words, built from the corpus's places and kinds of support.
 * Prints one markdown table (a column per size) and the ratios; writes no file.
 *
 * `--database postgresql` serves from the PostgreSQL database at DATABASE_URL instead of a SQLite
 * file in the temp DATA_DIR (the service replaces what it holds with each size's corpus).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { jsonLoggerToDevNull, type Logger } from '../../src/common/logging.js';
import { loadConfig } from '../../src/config.js';
import { MEILI_REQUEST_HEADERS } from '../../src/search/meili-client.js';
import { SEARCH_PARAMS } from '../../src/search/meili-engine.js';
import { CLAUSE_INDEX, loadSearchVocabulary, MATCHING_STRATEGIES } from '../../src/search/settings.js';
import { createApp } from '../../src/server/app.js';
import { queryText } from '../../src/text/normalise.js';
import type { PacedSample } from './paced-load.js';
import { pacedDuring } from './reload.js';
import { SUPPORT_ASKS, writeRealisticCorpus } from './realistic-corpus.js';

const CONNECTIONS = 16;
const option = (name: string): string | undefined =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined;
/** `--only search,counts`: those scenarios alone (the table's other cells stay empty). */
const ONLY = option('only')?.split(',');
/** `--cpu-prof DIR`: the service writes a V8 CPU profile of its whole run into DIR. */
const PROFILE_DIR = option('cpu-prof');
/** The admin token of the child service (ADMIN_TOKEN needs 24 characters or more). */
const TOKEN = 'growth-bench-admin-token-0123456789';
/** Cheap reads per second sent on schedule while the data is reloaded (scenario 9). */
const RELOAD_READ_RATE = 100;

// ---------------------------------------------------------------------------------------------
// The child: the service on the given folders, reporting its figures over IPC.

/** What the child says once it serves with search. */
interface Started {
  type: 'started';
  url: string;
  /** The Meilisearch the service searches with; null when it answers from the database. */
  meili: { host: string; key: string; pid: number | null } | null;
  engine: string;
  /** createApp called → data served (read, validated, stored). */
  dataMs: number;
  /** createApp called → search ready (index built from that data). */
  readyMs: number;
}

interface ChildStats {
  type: 'stats';
  rss: number;
  maxRss: number;
  /** user + system CPU time so far, µs. */
  cpu: number;
  /** Meilisearch's resident memory, when its process can be read (/proc). */
  meiliRss: number | null;
}

/** The index was rebuilt after an admin reload (the service logged it): the reload is over. */
interface Reloaded {
  type: 'reloaded';
}

type Message = Started | ChildStats | Reloaded;

function residentBytes(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** A process's user + system CPU time so far, µs (/proc; null where it cannot be read). */
function cpuMicros(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields 14 and 15 (utime, stime), in clock ticks of 1/100 s, read after the name (field 2, in brackets, which may hold anything).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

async function serve(dataDir: string, policyDir: string): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const devNull = jsonLoggerToDevNull();
  // The parent learns the end of a reload from the log too: an answer cut on the way is no end.
  const log: Logger = (entry) => {
    devNull(entry);
    if (entry.event === 'search-index' && entry.trigger === 'reload')
      process.send!({ type: 'reloaded' } satisfies Reloaded);
  };
  const t0 = performance.now();
  const app = await createApp(
    loadConfig({}, { dataDir, policyDir, port: 0, adminToken: TOKEN, ...(databaseUrl ? { databaseUrl } : {}) }),
    { log },
  );
  const dataMs = performance.now() - t0;
  await app.search.ready;
  const readyMs = performance.now() - t0;
  const engine = app.search.server?.current;
  const started: Started = {
    type: 'started',
    url: app.url,
    meili: engine ? { host: engine.host, key: engine.masterKey, pid: engine.process.pid ?? null } : null,
    engine: app.search.state().engine,
    dataMs,
    readyMs,
  };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.close().then(() => process.exit(0)));
  process.on('disconnect', stop);
  process.on('message', (m) => {
    if (m === 'stats') {
      const { user, system } = process.cpuUsage();
      const stats: ChildStats = {
        type: 'stats',
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
        cpu: user + system,
        meiliRss: residentBytes(app.search.server?.current?.process.pid),
      };
      process.send!(stats);
    }
    if (m === 'close') void stop();
  });
  process.send!(started);
}

/** The parent's handle on the child: its messages by type, and its end. */
class Service {
  private readonly waiting = new Map<Message['type'], ((m: Message) => void)[]>();
  /** Rejects when the child exits: every wait on it fails then. */
  readonly exited: Promise<never>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: Message) => this.waiting.get(m.type)?.shift()?.(m));
    this.exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`The service exited (code ${code}).`))),
    );
    this.exited.catch(() => undefined);
  }

  /** The next message of `type`; ask for it before doing what sends it. */
  next<T extends Message>(type: T['type']): Promise<T> {
    const message = new Promise<T>((ok) => {
      const list = this.waiting.get(type) ?? [];
      list.push((m) => ok(m as T));
      this.waiting.set(type, list);
    });
    return Promise.race([this.exited, message]);
  }

  stats(): Promise<ChildStats> {
    const reply = this.next<ChildStats>('stats');
    this.child.send('stats');
    return reply;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const stopped = new Promise((ok) => this.child.once('exit', ok));
    this.child.send('close');
    await stopped;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests: users' questions, GraphQL bodies, and the engine's own search.

/** One counter for the whole run: no body, day, sum or question is ever sent twice. */
let counter = 0;
const next = () => counter++;

/** The ways a person names a place: 成都市高新区, 成都高新区, 高新区; 绵阳市, 绵阳. */
function placeWords(places: string[]): string[] {
  return [
    ...new Set(
      places.flatMap((p) => {
        const m = /^(.+?市)(.+)?$/.exec(p);
        if (!m) return [p];
        const city = m[1].replace(/市$/, '');
        return m[2] ? [p, `${city}${m[2]}`, m[2]] : [p, city];
      }),
    ),
  ];
}

/** Search-box questions: place × subject × frame × a number no other question has. */
const SEARCH_FRAMES: ((place: string, subject: string, n: number) => string)[] = [
  (p, s, n) => `${p}${s}最高能补多少 ${n}万`,
  (p, s, n) => `我们公司在${p}，${s}能报销吗，投入${n}万元`,
  (p, s, n) => `${p}${s}怎么申请 公司${n}人`,
  (p, s, n) => `${p}的${s}需要什么材料 ${n}`,
  (p, s, n) => `${s}在${p}找谁咨询 项目${n}`,
  (p, s, n) => `${p} ${s} 申报条件 营收${n}万`,
  (p, s, n) => `${p}有没有${s}，去年花了${n}万`,
  (p, s, n) => `年投入${n}万元 ${p}${s}能拿多少`,
];

/** Chatbot questions: whole sentences, as a user types them to an assistant. */
const CHAT_FRAMES: ((place: string, subject: string, n: number) => string)[] = [
  (p, s, n) => `请问${p}对${s}有什么支持政策？我们是一家${n}人的企业`,
  (p, s, n) => `我们在${p}注册，今年${s}花了${n}万元，最多能拿到多少补贴？`,
  (p, s, n) => `${p}的${s}现在还能申请吗？要准备哪些材料？（编号${n}）`,
  (p, s, n) => `想了解${p}${s}的申报条件，公司去年营收${n}万元，符合吗`,
  (p, s, n) => `${s}这个事在${p}该找哪个部门，电话多少？第${n}次问了`,
];

function questions(places: string[], frames: typeof SEARCH_FRAMES): (n: number) => string {
  const words = placeWords(places);
  return (n) => {
    const frame = frames[n % frames.length];
    const place = words[Math.floor(n / frames.length) % words.length];
    const subject = SUPPORT_ASKS[Math.floor(n / (frames.length * words.length)) % SUPPORT_ASKS.length];
    return frame(place, subject, 10 + (n % 9_990) + Math.floor(n / 9_990) * 10_000);
  };
}

const gql = (query: string, variables: object) => JSON.stringify({ query, variables });
/**
 * A day from 2018 to 2030, different for 4,748 consecutive counters, and spread over the whole
 * range by a stride (2,969, prime to 4,748): what a day costs depends on the documents in force
 * then (at 100k, an estimate lists 0 items on 2018-03-01, 306 on 2020-01-01, 1,505 on
 * 2024-01-01), so consecutive days made a scenario's figure depend on where the shared counter
 * stood when it began (runs of 6 s of estimates took 4.4 to 28 ms of CPU a request).
 */
const dayOf = (n: number) => new Date(Date.UTC(2018, 0, 1 + ((n * 2_969) % 4_748))).toISOString().slice(0, 10);

const SEARCH =
  'query($q: String!) { search(query: $q, first: 10) { totalHits hits { score snippet clause { id citation } } } }';
const RETRIEVE =
  'query($q: String!) { retrieve(question: $q) { focus engine notice passages { citation text status } outOfForce { citation } } }';
const CLAUSES =
  'query($day: Date, $min: SafeInt) { clauses(first: 10, filter: { inForceOn: $day, minYuan: $min }) { totalCount edges { node { id citation maxYuan } } } }';
/** The alias varies the body as the day does; the counts asked are the same. */
const counts = (n: number) =>
  `query($d: Date!) { c${n}: clauseStats(groupBy: STATUS, asOf: $d) { groups { key clauses } total { clauses } } policyStats(groupBy: STATUS, asOf: $d) { groups { key documents } total { documents } } }`;
const ESTIMATE =
  'query($p: CompanyProfile!, $d: Date) { estimateBenefits(profile: $p, asOf: $d) { totalYuan maxTotalYuan items { verdict estimatedYuan clause { id } } } }';

interface Fact {
  name: string;
  unit: string;
}

/** A full company profile, every fact stated, different for every `n`. */
function profile(facts: Fact[], n: number): Record<string, number | boolean> {
  const values: Record<string, (n: number) => number | boolean> = {
    yuan: (k) => 100_000 + ((k * 7919) % 9_900_000),
    count: (k) => 1 + (k % 200),
    share: (k) => ((k % 97) + 1) / 100,
    number: (k) => 1 + (k % 3),
    yuanPerUnit: (k) => 1_000 + (k % 9_000),
    flag: (k) => k % 2 === 0,
  };
  return Object.fromEntries(facts.map((f, i) => [f.name, (values[f.unit] ?? values.count)(n + i)]));
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon for the closed loops, one client for the sequential figures.

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, timeouts, socket errors and 200s carrying GraphQL errors. */
  errors: number;
  /** Service CPU per request (µs), where measured. */
  cpuUs?: number;
  /** Meilisearch's CPU per request (µs), where its process can be read. */
  engineCpuUs?: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
/** The first few error bodies seen, for the report. */
const errorSamples = new Set<string>();

async function load(
  url: string,
  body: (n: number) => string,
  seconds: number,
  headers = JSON_HEADERS,
): Promise<Figures> {
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (req) => ({ ...req, body: body(next()) }),
        onResponse: (status, text) => {
          if (status === 200 && !text.includes('"errors"')) return;
          if (status === 200) graphqlErrors++;
          if (errorSamples.size < 5) errorSamples.add(`${status} ${text.slice(0, 300)}`);
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A wait that does not keep the process alive once everything else is done. */
const unrefSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * One POST with node:http, no client timeout (a reload of 100k clauses takes minutes); on the
 * kept-alive connection of the sequential figures unless `via` says otherwise (false: a new one).
 */
function post(
  url: string,
  body: string,
  headers: Record<string, string> = JSON_HEADERS,
  via: Agent | false = agent,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: via, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Waits for what the last load left queued: autocannon stops sending at the end, but the service
 * still answers what it holds (expensive requests wait their turn). A counts request is expensive
 * too and queued behind them, so it comes back last.
 */
async function drain(url: string): Promise<void> {
  await post(url, gql(counts(next()), { d: dayOf(next()) }), JSON_HEADERS, false);
}

/** One body first, checked: a scenario must not measure an error path. Returns why it failed, or null. */
async function check(url: string, body: string, headers = JSON_HEADERS): Promise<string | null> {
  const res = await post(url, body, headers);
  if (res.status === 200 && !res.text.includes('"errors"')) return null;
  return `${res.status} ${res.text.slice(0, 400)}`;
}

const percentile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : Number.NaN;

/** One client, one request at a time, each a new body, for `seconds`: latencies (ms, sorted) and how many answers found something. */
async function sequential(
  url: string,
  body: (n: number) => string,
  seconds: number,
  headers: Record<string, string> = JSON_HEADERS,
): Promise<{ ms: number[]; found: number }> {
  const ms: number[] = [];
  let found = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t = performance.now();
    const res = await post(url, body(next()), headers);
    ms.push(performance.now() - t);
    // GraphQL's {"totalHits":N, and the engine's "estimatedTotalHits":N both say whether anything matched.
    if (/[tT]otalHits":[1-9]/.test(res.text)) found++;
    if (res.status !== 200 && errorSamples.size < 5) errorSamples.add(`${res.status} ${res.text.slice(0, 300)}`);
  }
  return { ms: ms.sort((a, b) => a - b), found };
}

/**
 * Scenario 9: varied cheap reads (a document, a clause, a page of documents in force, a status)
 * sent on schedule for `seconds` without a reload, then while the admin reloads the data folder
 * after a change. Each window as p50 · p99 · max ms.
 */
async function readsDuringReload(
  service: Service,
  url: string,
  policyDir: string,
  ids: string[],
  seconds: number,
): Promise<{ idle: string; during: string; ms: number; outcome: string }> {
  // Enough distinct bodies for ten minutes on schedule; the worker only cycles them after that.
  const reads = Array.from({ length: RELOAD_READ_RATE * 600 }, (_, k) => {
    const id = ids[(k * 7919) % ids.length];
    const forms = [
      () => gql('query($id: ID!) { policy(id: $id) { title docNumber effectiveFrom } }', { id }),
      () => gql('query($id: ID!) { clause(id: $id) { citation text } }', { id: `${id}/1` }),
      () =>
        gql('query($d: Date) { policies(first: 5, filter: { inForceOn: $d }) { totalCount edges { node { id } } } }', {
          d: dayOf(next()),
        }),
      () =>
        gql('query($id: ID!, $d: Date) { policy(id: $id) { status(asOf: $d) statusReason(asOf: $d) } }', {
          id,
          d: dayOf(next()),
        }),
    ];
    return forms[k % forms.length]();
  });
  const window = (samples: PacedSample[]) => {
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const failed = samples.filter((s) => !s.ok).length;
    return `${round(percentile(ms, 0.5))} · ${round(percentile(ms, 0.99))} · ${round(ms[ms.length - 1] ?? Number.NaN)}${failed ? ` (${failed} failed)` : ''}`;
  };
  await drain(url);
  const idle = await pacedDuring(url, reads, RELOAD_READ_RATE, () => sleep(seconds * 1000));
  // A comment changes the folder's fingerprint and nothing else: the reload reads, validates, stores and indexes all of it.
  appendFileSync(join(policyDir, 'topics.yaml'), '\n# growth bench: reload\n');
  let ms = 0;
  let outcome = '';
  const reloaded = service.next<Reloaded>('reloaded');
  reloaded.catch(() => undefined);
  const during = await pacedDuring(url, reads.slice(RELOAD_READ_RATE * seconds), RELOAD_READ_RATE, async () => {
    const t0 = performance.now();
    try {
      const res = await post(
        url,
        JSON.stringify({ query: 'mutation { reloadData { outcome clauses indexed searchEngine note } }' }),
        { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` },
        false,
      );
      const body = JSON.parse(res.text) as { data?: { reloadData: { outcome: string; note: string | null } } };
      outcome = body.data?.reloadData.outcome ?? `failed: ${res.status} ${res.text.slice(0, 160)}`;
      if (body.data?.reloadData.note) outcome += ` (${body.data.reloadData.note})`;
    } catch (error) {
      // The server cuts a connection that stays silent longer than HTTP_IDLE_TIMEOUT_MS (30 s), an
      // answer being computed included; the reload goes on, and its end is in the service's log.
      const after = ((performance.now() - t0) / 1000).toFixed(0);
      outcome = `no answer: the connection was closed after ${after} s (${(error as Error).message}); the reload went on`;
      errorSamples.add(`reloadData: ${outcome}`);
      await Promise.race([reloaded, unrefSleep(30 * 60_000)]);
    }
    ms = performance.now() - t0;
  });
  return { idle: window(idle), during: window(during), ms, outcome };
}

// ---------------------------------------------------------------------------------------------
// One size: a corpus, a service, the scenarios.

interface SizeResult {
  clauses: number;
  documents: number;
  places: number;
  generateS: number;
  /** What the service said once ready; missing when it did not start. */
  started?: Started;
  /** Process forked → ready, s. */
  startS?: number;
  cells: Map<string, string>;
  search?: Figures;
  direct?: Figures;
  retrieve?: Figures;
  structured?: Figures;
  counts?: Figures;
  estimate?: Figures;
}

const round = (x: number) => (Number.isNaN(x) ? '—' : x >= 100 ? String(Math.round(x)) : x.toFixed(1));
const cell = (f: Figures, withP99 = true) =>
  `${Math.round(f.rps)} · ${round(f.p50)}${withP99 ? ` · ${round(f.p99)}` : ''}${f.errors ? ` (${f.errors} errors)` : ''}`;
const mb = (bytes: number | null) => (bytes === null ? '—' : `${Math.round(bytes / 2 ** 20)} MB`);

async function measureSize(n: number, seconds: number): Promise<SizeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'growth-bench-'));
  const policyDir = join(dataDir, 'policies');
  let service: Service | null = null;
  const t = performance.now();
  const written = writeRealisticCorpus(policyDir, n);
  const result: SizeResult = {
    clauses: written.clauses,
    documents: written.documents,
    places: written.places.length,
    generateS: (performance.now() - t) / 1000,
    cells: new Map(),
  };
  const { cells } = result;
  /** Runs one scenario; a failure is its cell's text, and the next scenario runs. */
  const guarded = async (key: string, run: () => Promise<void>) => {
    if (ONLY && !ONLY.includes(key)) return;
    try {
      await run();
    } catch (error) {
      const message = (error as Error).message;
      cells.set(key, `failed: ${message.slice(0, 160).replaceAll('|', '\\|')}`);
      errorSamples.add(`${key}: ${message}`);
    }
  };
  try {
    const ids = readdirSync(policyDir)
      .filter((f) => f.endsWith('.yaml') && f !== 'topics.yaml')
      .map((f) => f.replace(/\.yaml$/, ''));
    const forkedAt = performance.now();
    service = new Service(
      fork(fileURLToPath(import.meta.url), ['--serve', dataDir, policyDir], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        // As deploy/ runs it: graphql-js's development-mode checks cost ~1.7 ms an estimate at 100k.
        env: { ...process.env, NODE_ENV: 'production' },
        execArgv: [...process.execArgv, ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
      }),
    );
    const running = service;
    const started = await running.next<Started>('started');
    result.started = started;
    result.startS = (performance.now() - forkedAt) / 1000;
    const { url } = started;

    /** A checked scenario under load, with the service's CPU per request; throws if its first body fails. */
    const scenario = async (
      key: string,
      target: string,
      body: (n: number) => string,
      headers = JSON_HEADERS,
    ): Promise<Figures> => {
      await drain(url);
      const problem = await check(target, body(next()), headers);
      if (problem) throw new Error(problem);
      await load(target, body, 1, headers);
      const before = (await running.stats()).cpu;
      const engineBefore = cpuMicros(started.meili?.pid);
      const f = await load(target, body, seconds, headers);
      f.cpuUs = f.requests ? ((await running.stats()).cpu - before) / f.requests : undefined;
      const engineAfter = cpuMicros(started.meili?.pid);
      if (f.requests && engineBefore !== null && engineAfter !== null)
        f.engineCpuUs = (engineAfter - engineBefore) / f.requests;
      cells.set(key, cell(f));
      return f;
    };

    const ask = questions(written.places, SEARCH_FRAMES);
    const chat = questions(written.places, CHAT_FRAMES);
    const { stopWords } = loadSearchVocabulary();
    const meiliUrl = started.meili ? `${started.meili.host}/indexes/${CLAUSE_INDEX}/search` : null;
    const meiliHeaders = started.meili
      ? { ...JSON_HEADERS, ...MEILI_REQUEST_HEADERS, authorization: `Bearer ${started.meili.key}` }
      : JSON_HEADERS;
    /** The engine's own answer to a question: the page the service asks for first (src/search/meili-engine.ts). */
    const direct = (k: number) =>
      JSON.stringify({
        ...SEARCH_PARAMS,
        q: queryText(ask(k), stopWords),
        limit: 10,
        matchingStrategy: MATCHING_STRATEGIES[0],
      });

    // 1, 2: search through GraphQL, and the same questions asked of the engine.
    await guarded('search', async () => {
      result.search = await scenario('search', url, (k) => gql(SEARCH, { q: ask(k) }));
    });
    if (meiliUrl)
      await guarded('direct', async () => {
        result.direct = await scenario('direct', meiliUrl, direct, meiliHeaders);
      });
    else cells.set('direct', `— (search engine: ${started.engine})`);
    if (result.search && result.direct)
      cells.set(
        'searchRatio',
        `${(result.search.rps / result.direct.rps).toFixed(2)} · ${(result.search.p99 / result.direct.p99).toFixed(1)}×`,
      );
    // 7: one client, each question asked the first time.
    await guarded('sequential', async () => {
      await drain(url);
      const one = await sequential(url, (k) => gql(SEARCH, { q: ask(k) }), seconds);
      const oneDirect = meiliUrl ? await sequential(meiliUrl, direct, seconds, meiliHeaders) : { ms: [], found: 0 };
      const p50 = (ms: number[]) => percentile(ms, 0.5);
      cells.set(
        'sequential',
        `${round(p50(one.ms))} / ${round(p50(oneDirect.ms))} (${(p50(one.ms) / p50(oneDirect.ms)).toFixed(1)}×)`,
      );
      const share = (r: { ms: number[]; found: number }) =>
        `${Math.round((100 * r.found) / Math.max(1, r.ms.length))}%`;
      cells.set('found', `${share(one)} of ${one.ms.length} · ${share(oneDirect)} of ${oneDirect.ms.length}`);
    });
    // 3: chatbot questions.
    await guarded('retrieve', async () => {
      result.retrieve = await scenario('retrieve', url, (k) => gql(RETRIEVE, { q: chat(k) }));
    });
    if (result.retrieve && result.search)
      cells.set('retrieveRatio', (result.retrieve.rps / result.search.rps).toFixed(2));
    // 4: structured filters, a different day and floor each time.
    await guarded('structured', async () => {
      result.structured = await scenario('structured', url, (k) =>
        gql(CLAUSES, { day: dayOf(k), min: 10_000 + ((k * 7919) % 5_000_000) }),
      );
    });
    // 5: the day's counts, clauses and documents by status.
    await guarded('counts', async () => {
      result.counts = await scenario('counts', url, (k) => gql(counts(k), { d: dayOf(k) }));
    });
    // 6: a full company profile, every fact the service lists.
    await guarded('estimate', async () => {
      const res = await post(url, JSON.stringify({ query: '{ benefitFacts { name unit } }' }));
      const facts = (JSON.parse(res.text) as { data?: { benefitFacts: Fact[] } }).data?.benefitFacts ?? [];
      if (!facts.length) throw new Error(`benefitFacts: ${res.text.slice(0, 200)}`);
      const estimate = (k: number) => gql(ESTIMATE, { p: profile(facts, k), d: dayOf(k) });
      result.estimate = await scenario('estimate', url, estimate);
      // One client: what a company's single request costs it, with no queue of others ahead.
      await drain(url);
      const one = await sequential(url, estimate, seconds);
      // Answers vary with the day (none in early 2018): the mean over 50 of the days asked.
      let items = 0;
      for (let i = 0; i < 50; i++)
        items += JSON.parse((await post(url, estimate(next()))).text).data.estimateBenefits.items.length;
      cells.set(
        'estimateOne',
        `${round(percentile(one.ms, 0.5))} · ${round(percentile(one.ms, 0.99))} (${Math.round(items / 50)} items in an answer on average)`,
      );
    });
    cells.set(
      'cpu',
      [result.search, result.retrieve, result.structured, result.counts, result.estimate]
        .map((f) => (f?.cpuUs === undefined ? '—' : String(Math.round(f.cpuUs))))
        .join(' · '),
    );
    cells.set(
      'engineCpu',
      [result.search, result.direct, result.retrieve]
        .map((f) => (f?.engineCpuUs === undefined ? '—' : String(Math.round(f.engineCpuUs))))
        .join(' · '),
    );
    // 8: memory after the run.
    await guarded('rss', async () => {
      const after = await running.stats();
      cells.set('rss', `${mb(after.rss)} (peak ${mb(after.maxRss)}) · ${mb(after.meiliRss)}`);
    });
    // 9: cheap reads on schedule, without and then during a reload of the changed data folder.
    await guarded('reload', async () => {
      const reload = await readsDuringReload(running, url, policyDir, ids, seconds);
      cells.set('reload', `${reload.during} (no reload: ${reload.idle})`);
      cells.set('reloadTime', `${(reload.ms / 1000).toFixed(1)} s, ${reload.outcome}`);
    });
  } catch (error) {
    // The service did not start: every row of this size says so.
    cells.set('ready', `failed: ${(error as Error).message.slice(0, 160)}`);
    errorSamples.add(`${n} clauses: ${(error as Error).message}`);
  } finally {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The table.

const ROWS: [key: string, label: string][] = [
  ['corpus', 'corpus: clauses / documents / places'],
  ['generate', 'corpus written, s'],
  ['search', '1. `search` 10 hits: req/s · p50 · p99 ms'],
  ['direct', '2. same questions to Meilisearch directly: req/s · p50 · p99 ms'],
  ['searchRatio', 'search ÷ direct: req/s ratio · p99 ratio'],
  ['retrieve', '3. `retrieve` (chatbot questions): req/s · p50 · p99 ms'],
  ['retrieveRatio', 'retrieve ÷ search, req/s'],
  ['structured', '4. `clauses(filter: {inForceOn, minYuan})`: req/s · p50 · p99 ms'],
  ['counts', "5. the day's `clauseStats` + `policyStats` by status: req/s · p50 · p99 ms"],
  ['estimate', '6. `estimateBenefits`, full profile: req/s · p50 · p99 ms'],
  ['estimateOne', '6b. the same, one client: p50 · p99 ms'],
  ['cpu', 'service CPU µs per request: search · retrieve · clauses · counts · estimate'],
  ['engineCpu', 'Meilisearch CPU µs per request: search · direct · retrieve'],
  ['sequential', '7. one client, new questions: search p50 / direct p50 ms (ratio)'],
  ['found', 'questions that found something: search · direct (scenario 7)'],
  ['ready', '8. ready: data served · search ready s (process start → ready)'],
  ['engine', 'search answered by'],
  ['rss', 'service RSS after the run (peak) · Meilisearch RSS'],
  ['reload', `9. cheap reads during a reload (${RELOAD_READ_RATE}/s on schedule): p50 · p99 · max ms`],
  ['reloadTime', 'the reload mutation took'],
];

function printTable(results: SizeResult[], seconds: number, loadBefore: string, database: string): void {
  const label = (r: SizeResult) => (r.clauses >= 1000 ? `${Math.round(r.clauses / 1000)}k` : String(r.clauses));
  for (const r of results) {
    r.cells.set('corpus', `${r.clauses} / ${r.documents} / ${r.places}`);
    r.cells.set('generate', r.generateS.toFixed(1));
    if (r.started) {
      r.cells.set(
        'ready',
        `${(r.started.dataMs / 1000).toFixed(1)} · ${(r.started.readyMs / 1000).toFixed(1)} (${r.startS?.toFixed(1)})`,
      );
      r.cells.set('engine', r.started.engine);
    }
  }
  console.log(
    `## Growth with a realistic corpus (${CONNECTIONS} connections, ${seconds} s per scenario after 1 s not counted, every body different: ${counter} sent)`,
  );
  console.log('');
  console.log(
    `${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${database}; NODE_ENV=production; loopback; load average before: ${loadBefore}.`,
  );
  console.log('');
  console.log(`| scenario | ${results.map(label).join(' | ')} |`);
  console.log(`|---|${results.map(() => '---').join('|')}|`);
  for (const [key, name] of ROWS)
    console.log(`| ${name} | ${results.map((r) => r.cells.get(key) ?? '—').join(' | ')} |`);
  const first = results[0];
  const last = results[results.length - 1];
  if (results.length > 1) {
    const ratio = (a?: Figures, b?: Figures) => (a && b ? (a.rps / b.rps).toFixed(2) : '—');
    console.log('');
    console.log(
      `Largest ÷ smallest corpus (${label(last)} ÷ ${label(first)}), req/s: structured ${ratio(last.structured, first.structured)}, counts ${ratio(last.counts, first.counts)}, search ${ratio(last.search, first.search)}, retrieve ${ratio(last.retrieve, first.retrieve)}, estimate ${ratio(last.estimate, first.estimate)}.`,
    );
  }
  if (errorSamples.size) {
    console.log('');
    console.log('Errors seen (first few):');
    for (const e of errorSamples) console.log(`- \`${e.replaceAll('`', "'").replaceAll('\n', ' ')}\``);
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3], process.argv[4]);
} else {
  const arg = (name: string, fallback: string) => option(name) ?? fallback;
  const seconds = Number(arg('seconds', '5'));
  const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
  const database = arg('database', 'sqlite');
  if (database !== 'sqlite' && database !== 'postgresql')
    throw new Error(`--database must be sqlite or postgresql, but got: "${database}"`);
  if (database === 'postgresql' && !process.env.DATABASE_URL)
    throw new Error('--database postgresql needs DATABASE_URL (postgres://user:password@host:port/database).');
  // The child serves from DATABASE_URL only when asked to.
  if (database === 'sqlite') delete process.env.DATABASE_URL;
  const loadBefore = loadavg()[0].toFixed(2);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    console.error(`growth bench: ${n} clauses…`);
    results.push(await measureSize(n, seconds));
  }
  agent.destroy();
  printTable(results, seconds, loadBefore, database === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : 'SQLite');
}
