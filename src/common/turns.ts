/**
 * Long work on the event loop (a snapshot, its search index, its counts, a reload's documents)
 * shares it with requests: it checks `due()` between small steps and, once TURN_MS have passed
 * since its last turn (its own awaits included), gives one. Counting steps instead (every 2,000
 * rows) made slices of 30-600 ms on 100k clauses, and a read waited behind each.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Time between two turns of the event loop, at most (a step under way finishes first). */
export const TURN_MS = 8;

/** Items (rows, clauses, documents) handled in one step of long work: `due()` is asked between two. */
export const ITEMS_PER_STEP = 100;

/** Whether item `i` (from 0) ends a step: the place to yield in a loop over many items. */
export const stepEnds = (i: number): boolean => i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1;

export class Turns {
  private since = performance.now();

  constructor(private readonly budgetMs = TURN_MS) {}

  /** Whether the budget has passed since the last turn: cheap enough to ask every step. */
  due(): boolean {
    return performance.now() - this.since >= this.budgetMs;
  }

  /** Lets timers, I/O and requests run, then starts a new budget. */
  async give(): Promise<void> {
    await nextTurn();
    this.since = performance.now();
  }

  /** Runs `steps` (a generator yielding between small steps), giving a turn whenever one is due. */
  async through<T>(steps: Generator<unknown, T>): Promise<T> {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      if (this.due()) await this.give();
    }
  }
}
