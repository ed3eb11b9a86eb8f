/**
 * Keeps the Meilisearch the API started running: restarted within a few seconds of any death
 * (a child killed by a signal has no exit code: both count), killed and restarted when it hangs
 * longer than a set time, and its own stderr reason logged each time. An engine data folder it
 * refuses to open twice in a row is set aside (the index is derived data, rebuilt from the
 * database), so a torn data.ms cannot keep search off for ever.
 */
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import { describeExit, setAsideEngineData, startMeili, type MeiliExit, type MeiliProcess } from './meili-server.js';

export interface SupervisorOptions {
  binary: string;
  dataDir: string;
  port: number;
  log: Logger;
  /** Told after every start, first and later ones: the index must be checked again. */
  onStarted: (engine: MeiliProcess) => void;
  /** Told when the engine exits (or a start fails): searches must stop going to it at once. */
  onGone: (reason: string) => void;
}

/** Restart delays after consecutive failures: quick at first, never more than 5 s apart. */
const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 5000];
/** Up this long, the engine counts as healthy again and the delays start over. */
const STABLE_MS = 30_000;
/** Consecutive failed starts after which the engine's data folder is set aside. */
const SET_ASIDE_AFTER = 2;

export class EngineSupervisor {
  private engine: MeiliProcess | null = null;
  private failures = 0;
  private failedStarts = 0;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  private upSince = 0;
  private killed: MeiliProcess | null = null;
  private lastReason: string | null = 'Meilisearch has not started yet';

  constructor(private readonly o: SupervisorOptions) {}

  /** Why no engine runs (the last failed start or death), while none does. */
  get whyNotRunning(): string | null {
    return this.engine ? null : this.lastReason;
  }

  /** The running engine, or null between a death and the next start. */
  get current(): MeiliProcess | null {
    return this.engine;
  }

  /** The first start; a failure is logged and retried, never thrown: search has its fallback. */
  start(): Promise<void> {
    this.starting = this.launch();
    return this.starting;
  }

  /** Kills an engine that stopped answering; its exit restarts it. */
  killHung(hungForMs: number): void {
    const engine = this.engine;
    if (!engine || this.stopping || this.killed === engine) return;
    this.killed = engine;
    this.o.log({
      event: 'meilisearch-hung',
      pid: engine.process.pid,
      hungForMs,
      message: 'Meilisearch stopped answering; killing it to restart it.',
    });
    engine.process.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.starting?.catch(() => undefined);
    await this.engine?.stop();
  }

  private async launch(): Promise<void> {
    if (this.stopping) return;
    try {
      const engine = await startMeili({
        binary: this.o.binary,
        dataDir: this.o.dataDir,
        port: this.o.port,
        onLog: (line) => this.o.log({ event: 'meilisearch', line: line.trim(), level: engineLevel(line) }),
        onStale: (message) => this.o.log({ event: 'meilisearch-stale', message }),
      });
      if (this.stopping) return void (await engine.stop());
      this.engine = engine;
      this.failedStarts = 0;
      this.upSince = Date.now();
      this.o.log({ event: 'meilisearch-started', pid: engine.process.pid, host: engine.host, restarts: this.failures });
      void engine.exited.then((exit) => this.died(engine, exit));
      this.o.onStarted(engine);
    } catch (error) {
      this.failedStarts++;
      const reason = describeError(error);
      this.lastReason = `starting it failed: ${reason}`;
      this.o.log({ event: 'error', message: `Starting Meilisearch failed: ${reason}` });
      this.o.onGone(reason);
      if (this.failedStarts >= SET_ASIDE_AFTER) this.setAside();
      this.scheduleRestart();
    }
  }

  private died(engine: MeiliProcess, exit: MeiliExit): void {
    if (this.engine === engine) this.engine = null;
    if (this.stopping) return;
    const reason = `Meilisearch exited (${describeExit(exit)})`;
    // Killed from outside, it said nothing of why: its stderr holds its start-up banner. (One that
    // aborts, SIGABRT, says why first: "memory allocation of … failed".)
    const said = exit.signal === 'SIGKILL' || exit.signal === 'SIGTERM' ? '' : exit.stderrTail;
    this.lastReason = `${reason}${said ? `: ${said.split('\n').at(-1)}` : ''}`;
    this.o.log({
      event: 'meilisearch-exit',
      level: 'warn',
      code: exit.code,
      signal: exit.signal,
      stderr: said || null,
      message: `${reason}; search answers from the database until it is back.`,
    });
    this.o.onGone(reason);
    if (Date.now() - this.upSince > STABLE_MS) this.failures = 0;
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.failures, RESTART_DELAYS_MS.length - 1)];
    this.failures++;
    this.timer = setTimeout(() => {
      this.starting = this.launch();
    }, delay);
  }

  private setAside(): void {
    try {
      const aside = setAsideEngineData(this.o.dataDir);
      if (aside) {
        this.o.log({
          event: 'meilisearch-data-set-aside',
          message: `Meilisearch would not start on its data ${this.failedStarts} times; moved it aside and starting on empty data (the index is rebuilt from the database).`,
          movedTo: aside,
        });
      }
    } catch (error) {
      this.o.log({ event: 'error', message: `Setting Meilisearch's data aside failed: ${describeError(error)}` });
    }
  }
}

/**
 * The level Meilisearch wrote a line at ("2026-12-06T09:00:00Z ERROR index_scheduler: No space
 * left on device"), so its errors stay errors in our log, every time, not only the first.
 */
export function engineLevel(line: string): 'error' | 'warn' | undefined {
  const level = /^\S*\s*(ERROR|WARN)\b/.exec(line.trim())?.[1];
  return level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : undefined;
}
