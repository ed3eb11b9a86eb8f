import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, nextAttemptDelay } from '../../src/webhooks/backoff.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Every wait of a delivery that always fails, until it is given up. */
function waits(schedule?: readonly number[], random?: () => number): number[] {
  const all: number[] = [];
  for (let attempts = 0; ; attempts++) {
    const delay = nextAttemptDelay(attempts, schedule, random);
    if (delay === null) return all;
    all.push(delay);
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the retry schedule', () => {
  it("follows the spec's waits (0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h), the last attempt 24 h after the first", () => {
    expect(waits(DEFAULT_SCHEDULE, () => 0.5)).toEqual([
      0,
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      6 * HOUR + 24 * MINUTE + 55 * SECOND,
    ]);
    expect(sum(waits(undefined, () => 0.5))).toBe(24 * HOUR);
    expect(nextAttemptDelay(8)).toBeNull();
    expect(nextAttemptDelay(100)).toBeNull();
  });

  it('jitters each wait by at most ±10%, so the last attempt comes 21.6–26.4 h after the first', () => {
    expect(waits(DEFAULT_SCHEDULE, () => 0).slice(1, 3)).toEqual([4.5 * SECOND, 4.5 * MINUTE]);
    expect(waits(DEFAULT_SCHEDULE, () => 0.999999).slice(1, 3)).toEqual([5.5 * SECOND, 5.5 * MINUTE]);
    for (let run = 0; run < 200; run++) {
      const jittered = waits();
      expect(jittered[0]).toBe(0);
      jittered.forEach((wait, i) => {
        expect(wait).toBeGreaterThanOrEqual(Math.floor(DEFAULT_SCHEDULE[i] * 0.9));
        expect(wait).toBeLessThanOrEqual(Math.ceil(DEFAULT_SCHEDULE[i] * 1.1));
        expect(Number.isInteger(wait)).toBe(true);
      });
      expect(sum(jittered)).toBeGreaterThanOrEqual(21.6 * HOUR);
      expect(sum(jittered)).toBeLessThanOrEqual(26.4 * HOUR);
    }
  });

  it('takes a schedule of its own, as a dispatcher test in seconds would', () => {
    expect(waits([0, 1000, 2000], () => 0.5)).toEqual([0, 1000, 2000]);
    expect(nextAttemptDelay(3, [0, 1000, 2000])).toBeNull();
    expect(nextAttemptDelay(0, [])).toBeNull();
  });

  it('refuses a count of attempts that is not a whole number ≥ 0', () => {
    expect(() => nextAttemptDelay(-1)).toThrow('The attempts made must be a whole number ≥ 0, but got: -1.');
    expect(() => nextAttemptDelay(1.5)).toThrow(RangeError);
  });
});
