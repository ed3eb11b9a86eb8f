import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { busyBound, ServerBusyError, WorkBound } from '../../src/server/busy.js';

/** The hooks Apollo calls on one request, as the plugin sees them. */
async function request(bound: WorkBound, query: string) {
  const listener = (await busyBound(bound).requestDidStart!({} as never))!;
  return {
    resolved: () => listener.didResolveOperation!({ document: parse(query) } as never),
    answered: () => listener.willSendResponse!({} as never),
  };
}

describe('the bound on expensive work', () => {
  it('runs `concurrency` at once, queues `queue` more, and refuses the rest with SERVER_BUSY', async () => {
    const bound = new WorkBound(1, 1);
    await bound.acquire();
    const queued = bound.acquire();
    await expect(bound.acquire()).rejects.toBeInstanceOf(ServerBusyError);
    bound.release();
    await queued;
    bound.release();
    expect(bound.inFlight).toBe(0);
  });

  it('leaves cheap operations out of it', async () => {
    const bound = new WorkBound(1, 0);
    await bound.acquire();
    const cheap = await request(bound, '{ policies { totalCount } }');
    await cheap.resolved();
    await cheap.answered();
    expect(bound.inFlight).toBe(1);
  });

  it('hands back a turn that comes after the answer was sent (another plugin refused the request meanwhile)', async () => {
    const bound = new WorkBound(1, 5);
    await bound.acquire();
    const refused = await request(bound, '{ search(query: "算力券") { totalHits } }');
    const waiting = refused.resolved();
    await refused.answered();
    bound.release();
    await waiting;
    expect(bound.inFlight).toBe(0);
  });
});
