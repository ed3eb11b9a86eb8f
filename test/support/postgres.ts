/**
 * A real PostgreSQL server for the tests: Debian's `postgresql` package (installed by .ci/run),
 * started from its binaries in a temp folder on a free port, with nothing downloaded. Each test
 * file asks for a fresh database on it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder of initdb and postgres: PG_BIN, else the newest under /usr/lib/postgresql. */
export function postgresBinaries(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'postgres')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:port/postgres */
  url: string;
  /** The server now running (runuser in front of it when the tests run as root). */
  process: ChildProcess;
  /** The postmaster and every process it started (backends, checkpointer…) still running, postmaster first. */
  pids(): number[];
  /** Starts the server again on the same data folder and port, once the last one is gone (after a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * initdb and postgres refuse to run as root; as root they run as the package's `postgres` user,
 * which owns the cluster's folder.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** The parent's pid of `pid`, from /proc, or null when it is gone. */
function parentOf(pid: number): number | null {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin)
    throw new Error(
      'No PostgreSQL server binaries: install Debian\'s "postgresql" package (.ci/run does) or set PG_BIN.',
    );
  const dir = mkdtempSync(join(tmpdir(), 'policy-pg-'));
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  const data = join(dir, 'data');
  const [initdb, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  /** Starts postgres on the cluster and waits until it takes connections. */
  const launch = async (): Promise<ChildProcess> => {
    const [postgres, args] = asServerUser(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      // A test server: nothing here must survive a crash of the machine.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ]);
    const child = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL exited at start:\n${log}`);
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return child;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer within 30 s: ${String(error)}\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  let child = await launch();
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    get process() {
      return child;
    },
    pids() {
      // postmaster.pid's first line is the postmaster's pid (runuser, as root, is not it).
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p) && parentOf(Number(p)) === postmaster)
        .map(Number);
      return [postmaster, ...children].filter((pid) => parentOf(pid) !== null);
    },
    async restart() {
      if (running()) await new Promise((r) => child.once('exit', r));
      child = await launch();
    },
    async stop() {
      if (running()) {
        // runuser stops itself when the postmaster is stopped (SIGSTOP), as su does for job
        // control, and then never reaps it: continued, it continues the server too.
        child.kill('SIGCONT');
        const exited = new Promise((r) => child.once('exit', r));
        // Fast shutdown, through pg_ctl: runuser, when it stands between, does not pass signals on.
        const [pgCtl, stopArgs] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
        execFileSync(pgCtl, stopArgs, { stdio: 'pipe' });
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let made = 0;

/** A new empty database on the server at `serverUrl`, and its URL. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${made++}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
