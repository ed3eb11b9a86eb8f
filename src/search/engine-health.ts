/**
 * Whether Meilisearch may be asked: a circuit that opens on the first failed or slow search
 * and is closed again only by a background probe, so while the engine is sick no search waits
 * for it. The probe also runs while all is well, so a hung engine (SIGSTOP, a stuck disk) is
 * noticed within about a second even with no searches coming in.
 *
 * Why a probe and not only timeouts: a stopped process still accepts TCP connections (the
 * kernel queues them), so every search would wait its full timeout; measured on main before
 * this, with 4+ clients about half the searches took 5 s each for the whole hang.
 */
import { describeError } from '../common/errors.js';

export interface HealthOptions {
  /** Between probes while the engine answers. */
  intervalMs: number;
  /** Between probes while it does not (the circuit is open). */
  downIntervalMs: number;
  /** A probe not answered within this counts as a failure (the probe's client enforces it). */
  probeTimeoutMs: number;
}

export const DEFAULT_HEALTH: HealthOptions = { intervalMs: 500, downIntervalMs: 250, probeTimeoutMs: 700 };

export interface HealthChange {
  up: boolean;
  reason: string | null;
  /** Up for the first time: the engine has not come back, it has come. */
  first: boolean;
}

export class EngineHealth {
  private up = false;
  private everUp = false;
  private downSince: number | null = Date.now();
  private reason: string | null = 'not checked yet';
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  /**
   * @param probe resolves when the engine answers its health check, rejects otherwise
   * @param onTick after every probe, with the state: supervision and index upkeep hang off it
   */
  constructor(
    private readonly probe: () => Promise<void>,
    private readonly onChange: (change: HealthChange) => void,
    private readonly onTick: () => void = () => {},
    private readonly options: HealthOptions = DEFAULT_HEALTH,
  ) {}

  /** Probes at once, then on a timer, until stop(). */
  start(): Promise<void> {
    return this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** True while searches may go to the engine. */
  isUp(): boolean {
    return this.up;
  }

  /** Milliseconds since the engine stopped answering; 0 while it answers. */
  downForMs(): number {
    return this.downSince === null ? 0 : Date.now() - this.downSince;
  }

  /** Why the engine is not used, or null while it is. */
  whyDown(): string | null {
    return this.up ? null : this.reason;
  }

  /** A search failed or timed out: open the circuit now; only the probe closes it. */
  failed(error: unknown): void {
    this.set(false, describeError(error));
  }

  /** The engine is known to be gone (it exited): no need to wait for a probe to say so. */
  gone(reason: string): void {
    this.set(false, reason);
  }

  private set(up: boolean, reason: string | null): void {
    if (!up && this.downSince === null) this.downSince = Date.now();
    if (up) this.downSince = null;
    const changed = up !== this.up;
    const first = up && !this.everUp;
    this.up = up;
    this.everUp ||= up;
    this.reason = reason;
    if (changed) this.onChange({ up, reason, first });
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.probe();
      this.set(true, null);
    } catch (error) {
      this.set(false, describeError(error));
    }
    if (this.stopped) return;
    this.onTick();
    this.timer = setTimeout(() => void this.tick(), this.up ? this.options.intervalMs : this.options.downIntervalMs);
    // The probe must never keep a process alive that is otherwise done.
    this.timer.unref();
  }
}
