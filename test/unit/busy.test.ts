import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { busyBound, ServerBusyError, WorkBound } from '../../src/server/busy.js';

/** The hooks Apollo calls on one request, as the plugin sees them. */
async function request(bound: WorkBound, query: string) {
  const listener = (await busyBound(bound).requestDidStart!({} as never))!;
  const document = parse(query);
  return {
    run: () => listener.responseForOperation!({ document, operation: getOperationAST(document) } as never),
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

  it('holds a root search, retrieve or stats from its start to its answer, fragments included', async () => {
    const bound = new WorkBound(2, 0);
    const direct = await request(bound, '{ search(query: "算力券") { totalHits } }');
    const viaFragment = await request(bound, '{ ...F } fragment F on Query { clauseStats { total } }');
    await direct.run();
    await viaFragment.run();
    expect(bound.inFlight).toBe(2);
    await direct.answered();
    await viaFragment.answered();
    expect(bound.inFlight).toBe(0);
  });

  it("leaves cheap operations out of it, a clause's own topics included", async () => {
    const bound = new WorkBound(1, 0);
    await bound.acquire();
    for (const query of ['{ policies { totalCount } }', '{ clauses { edges { node { topics } } } }']) {
      const cheap = await request(bound, query);
      expect(await cheap.run()).toBeNull();
      await cheap.answered();
    }
    expect(bound.inFlight).toBe(1);
  });

  it('answers an expensive operation over the bound with 503 SERVER_BUSY and Retry-After, and holds nothing for it', async () => {
    const bound = new WorkBound(1, 0);
    await bound.acquire();
    const refused = await request(bound, '{ retrieve(question: "算力券怎么申请") { answerable } }');
    const answer = (await refused.run()) as any;
    expect(answer.http.status).toBe(503);
    expect(answer.http.headers.get('retry-after')).toBe('1');
    expect(answer.body.singleResult.errors[0].extensions.code).toBe('SERVER_BUSY');
    await refused.answered();
    expect(bound.inFlight).toBe(1);
  });
});
