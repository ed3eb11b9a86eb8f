/**
 * When to try a delivery again. The Standard Webhooks spec's example schedule waits 0, 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, … between attempts; we retry for a day, so its 14 h wait
 * (which would land at 31 h 35 min) is cut to end at 24 h, and then we give up: 8 attempts.
 * Quick retries first catch a blip; the long ones ride out a receiver down for hours without
 * knocking on its door all day.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const SPEC_DELAYS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR];

/**
 * The wait before each attempt, in milliseconds: `DEFAULT_SCHEDULE[n]` is the wait after n
 * attempts. The last one puts the final attempt 24 h after the first.
 */
export const DEFAULT_SCHEDULE: readonly number[] = Object.freeze([
  ...SPEC_DELAYS,
  24 * HOUR - SPEC_DELAYS.reduce((sum, delay) => sum + delay, 0),
]);

/** ±10%: receivers that failed together (an outage) are not all retried in the same second. */
const JITTER = 0.1;

/**
 * The wait in milliseconds before the next attempt of a delivery already tried `attempts` times
 * (0 for the first attempt, which goes at once), with jitter; null when the schedule is used up
 * and the delivery is given up. A schedule can be passed in (a dispatcher's tests use seconds).
 */
export function nextAttemptDelay(
  attempts: number,
  schedule: readonly number[] = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
): number | null {
  if (!Number.isSafeInteger(attempts) || attempts < 0)
    throw new RangeError(`The attempts made must be a whole number ≥ 0, but got: ${attempts}.`);
  const delay = schedule[attempts];
  if (delay === undefined) return null;
  return Math.round(delay * (1 + JITTER * (2 * random() - 1)));
}
