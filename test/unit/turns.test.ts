import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/common/turns.js';

/** Busy for `ms`: a step of work that never yields by itself. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Turns', () => {
  it('lets other work run once its budget is spent, not before', async () => {
    const turns = new Turns(5);
    const ranAt: number[] = [];
    let step = 0;
    function* steps() {
      for (; step < 40; step++) {
        busy(1);
        yield;
      }
      return 'done';
    }
    // Another task asking for the event loop again and again, as requests do.
    let stop = false;
    const other = (async () => {
      while (!stop) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        ranAt.push(step);
      }
    })();
    expect(await turns.through(steps())).toBe('done');
    stop = true;
    await other;
    // 40 ms of steps, a turn about every 5 ms: the other task ran in between, not only after.
    const during = ranAt.filter((s) => s < 40);
    expect(during.length).toBeGreaterThanOrEqual(4);
    // …and not after every step: a turn comes once the budget is spent (a busy machine may
    // stretch a step, hence the slack).
    expect(during.length).toBeLessThanOrEqual(20);
  });

  it('is not due until its budget has run', async () => {
    const turns = new Turns(20);
    expect(turns.due()).toBe(false);
    busy(21);
    expect(turns.due()).toBe(true);
    await turns.give();
    expect(turns.due()).toBe(false);
  });
});
