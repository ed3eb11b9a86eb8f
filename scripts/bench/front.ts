/**
 * `npx tsx scripts/bench/front.ts [--seconds 5]`: the HTTP front under load on loopback, every
 * request body different so that no cache (the response cache, the fused search lists) answers
 * a repeat. The service runs in a child process of its own (this file again, with --serve), on
 * the committed seeds and a temp DATA_DIR, through createApp and loadConfig only, so the same
 * file measures the node:http front and its Fastify replacement. 16 connections per scenario,
 * after a second not counted; prints a markdown table and the service's RSS. `--only b,c` runs
 * those scenarios (and the floor).
 *
 * `--against DIR`: a second service from another checkout (its own src/ and data/, started the
 * same way), measured in turns with this one: one-second slices, A B A B, for --seconds each.
 * This machine's speed drifts by 2× over minutes, so runs one after the other cannot resolve
 * 10 %; slices a second apart see the same machine. Prints each side's medians and the median
 * of the paired ratios. In this mode scenario d is `retrieve` alone: no /healthz row.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const CONNECTIONS = 16;
const HERE = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;

if (process.argv.includes('--serve')) {
  // The service of the checkout at --root: the default logger's lines go to /dev/null (stdout
  // is ignored by the parent).
  const root = arg('root', HERE);
  const { createApp } = await import(pathToFileURL(join(root, 'src/server/app.ts')).href);
  const { loadConfig } = await import(pathToFileURL(join(root, 'src/config.ts')).href);
  const dataDir = mkdtempSync(join(tmpdir(), 'front-bench-'));
  const policyDir = join(root, 'data/policies');
  const app = await createApp(loadConfig({}, { dataDir, policyDir, port: 0 }));
  await app.search.ready;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= app.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }));
  process.on('disconnect', stop);
  process.on('message', (m) => {
    if (m === 'rss') process.send!({ rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 });
    if (m === 'cpu') process.send!(process.cpuUsage());
    if (m === 'close') void stop();
  });
  process.send!({ url: app.url });
} else {
  const seconds = Number(arg('seconds', '5'));
  // Other work on the machine skews every figure: the load average before the run says how much.
  const loadBefore = loadavg()[0].toFixed(2);

  /** A service in a child process, on the checkout at `root`. */
  async function start(root: string) {
    // From the checkout's folder: tsx compiles its files by the tsconfig.json found there.
    const child = fork(fileURLToPath(import.meta.url), ['--serve', '--root', root], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('exit', (code) => code && process.exit(code)); // e.g. createApp failed: its error is on stderr
    const reply = <T>() => new Promise<T>((ok) => child.once('message', (m) => ok(m as T)));
    const { url } = await reply<{ url: string }>();
    /** The service's CPU time (user + system, µs) so far. */
    const cpu = async () => {
      child.send('cpu');
      const { user, system } = await reply<{ user: number; system: number }>();
      return user + system;
    };
    const close = async () => {
      child.send('rss');
      const memory = await reply<{ rss: number; maxRss: number }>();
      child.send('close');
      await new Promise((ok) => child.once('exit', ok));
      return memory;
    };
    return { root, url, cpu, close };
  }
  type Service = Awaited<ReturnType<typeof start>>;
  const against = arg('against', '');
  const service = await start(HERE);
  const other = against ? await start(resolve(against)) : undefined;
  const url = service.url;
  const healthz = new URL('/healthz', url).href;

  // One counter for the whole run: no body, day, amount or question is ever sent twice.
  let i = 0;
  const gql = (query: string, variables: object) => JSON.stringify({ query, variables });
  const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + (n % 1096))).toISOString().slice(0, 10);
  // Questions as users type them: 5 × 9 × 7 combinations, then a different number in each.
  const places = ['成都', '成都市', '高新区', '天府新区', ''];
  const subjects = [
    '算力券',
    '人工智能 企业',
    '大模型',
    '模型 语料',
    '智算中心',
    '算力 补贴',
    '人工智能 展会',
    '天使投资',
    '首版次 软件',
  ];
  const asks = ['怎么申请', '补贴多少', '奖励 多少', '申报条件', '找谁咨询', '需要什么材料', '什么时候截止'];
  const extras = (n: number) => [`，投入${n}万元`, `，公司${n}人`, ` 项目${n}`][n % 3];
  const question = (n: number) =>
    `${places[n % places.length]}${subjects[Math.floor(n / 5) % subjects.length]} ${asks[Math.floor(n / 45) % asks.length]}${extras(n)}`;

  const scenarios: { name: string; body: (n: number) => string }[] = [
    // A declared variable must be used (GraphQL refuses `query($n: Int) { __typename }`): __type
    // reads the schema in memory, and a name no type has answers null.
    {
      name: 'a. floor `{ __typename __type(name: $n) }`',
      body: (n) => gql('query($n: String!) { __typename __type(name: $n) { name } }', { n: `T${n}` }),
    },
    {
      name: 'b. `clauses(filter: {inForceOn, minYuan})`',
      body: (n) =>
        gql(
          'query($day: Date, $min: SafeInt) { clauses(first: 10, filter: { inForceOn: $day, minYuan: $min }) { totalCount edges { node { id } } } }',
          { day: day(n), min: 1000 + n },
        ),
    },
    {
      name: 'c. `search(query: $q, first: 10)`',
      body: (n) =>
        gql('query($q: String!) { search(query: $q, first: 10) { totalHits hits { score clause { id } } } }', {
          q: question(n),
        }),
    },
    {
      name: 'd. `retrieve(question: $q)`',
      body: (n) =>
        gql(
          'query($q: String!) { retrieve(question: $q) { focus engine notice passages { citation text status } outOfForce { citation } } }',
          { q: question(n) },
        ),
    },
  ];

  /** One body first, checked: a scenario must not measure an error path. */
  async function check(to: Service, body: string): Promise<void> {
    const res = await fetch(to.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || json.errors) throw new Error(`${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  }

  /** `duration` seconds of load on one service, with its CPU time per request. */
  async function load(to: Service, body: (n: number) => string, duration: number) {
    const before = await to.cpu();
    const result = await autocannon({
      url: to.url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: body(i++) }),
        },
      ],
    });
    return {
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
      cpuPerRequest: ((await to.cpu()) - before) / Math.max(1, result.requests.total),
    };
  }

  /** GET /healthz one at a time on one connection until `until`; latencies to a tenth of a ms. */
  async function probe(until: number) {
    const ms: number[] = [];
    let errors = 0;
    while (performance.now() < until) {
      const t = performance.now();
      const res = await fetch(healthz);
      await res.arrayBuffer();
      ms.push(performance.now() - t);
      if (res.status < 200 || res.status > 299) errors++;
    }
    ms.sort((x, y) => x - y);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] * 10) / 10;
    return { rps: ms.length / seconds, p50: at(0.5), p99: at(0.99), errors };
  }

  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const rows: string[] = [];
  let floor = 0;
  const row = (name: string, f: { rps: number; p50: number; p99: number; errors: number }, cpuPerRequest = '') => {
    floor ||= f.rps;
    rows.push(
      `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.errors} | ${(f.rps / floor).toFixed(2)} | ${cpuPerRequest} |`,
    );
  };
  /** This checkout and the other in turns, one second each: medians, and the paired ratios' median. */
  async function paired(name: string, body: (n: number) => string, against: Service) {
    const mine: Awaited<ReturnType<typeof load>>[] = [];
    const theirs: typeof mine = [];
    for (let k = 0; k < seconds; k++) {
      // Who goes first alternates, so neither always follows the other's load.
      if (k % 2) theirs.push(await load(against, body, 1));
      mine.push(await load(service, body, 1));
      if (!(k % 2)) theirs.push(await load(against, body, 1));
    }
    const side = (xs: typeof mine) =>
      `${Math.round(median(xs.map((x) => x.rps)))} (${Math.round(median(xs.map((x) => x.cpuPerRequest)))})`;
    const ratio = (f: (x: (typeof mine)[number]) => number) =>
      median(mine.map((x, k) => f(x) / f(theirs[k]))).toFixed(2);
    const errors = [...mine, ...theirs].reduce((n, x) => n + x.errors, 0);
    rows.push(
      `| ${name} | ${side(mine)} | ${side(theirs)} | ${ratio((x) => x.rps)} | ${ratio((x) => x.cpuPerRequest)} | ${errors} |`,
    );
  }

  // `--only a,c`: those scenarios alone (the floor always, for the ratios).
  const only = arg('only', '').split(',').filter(Boolean);
  for (const s of scenarios.filter((x) => !only.length || x.name.startsWith('a.') || only.includes(x.name[0]))) {
    for (const to of other ? [service, other] : [service]) {
      await check(to, s.body(i++));
      await load(to, s.body, 1);
    }
    if (other) await paired(s.name, s.body, other);
    else if (s.name.startsWith('d.')) {
      const [retrieve, health] = await Promise.all([
        load(service, s.body, seconds),
        probe(performance.now() + seconds * 1000),
      ]);
      row(s.name, retrieve);
      row('d. `GET /healthz` meanwhile (1 connection, one at a time)', health);
    } else {
      const f = await load(service, s.body, seconds);
      row(s.name, f, String(Math.round(f.cpuPerRequest)));
    }
  }

  const { rss, maxRss } = await service.close();
  if (other) await other.close();

  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  console.log(`${CONNECTIONS} connections, ${seconds} s each, every body different (${i} sent in all).`);
  console.log(
    `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; loopback; load average before: ${loadBefore}.`,
  );
  console.log('');
  if (other) {
    console.log(`A: this checkout (${HERE}); B: ${other.root}. One-second slices in turns, ${seconds} each.`);
    console.log('');
    console.log(
      '| scenario | A req/s (CPU µs/request) | B req/s (CPU µs/request) | A ÷ B req/s | A ÷ B CPU | errors |',
    );
    console.log('|---|---|---|---|---|---|');
  } else {
    console.log('| scenario | req/s | p50 ms | p99 ms | errors | req/s ÷ floor | service CPU µs per request |');
    console.log('|---|---|---|---|---|---|---|');
  }
  for (const r of rows) console.log(r);
  console.log('');
  console.log(`Service process RSS at the end: ${mb(rss)} (peak ${mb(maxRss)}), Meilisearch not counted.`);
}
