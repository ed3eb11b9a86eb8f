/**
 * A bound on expensive work in flight (search, retrieve, estimates, stats, differences,
 * exports): at most `concurrency` run at once and `queue` wait for a turn; beyond that a request
 * is refused at once with SERVER_BUSY (503, Retry-After), so probes and cheap reads keep their
 * share of the one event loop under a burst of expensive ones.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../common/errors.js';
import type { Context } from './context.js';
import { HttpError } from './http-errors.js';

/** Fields whose answer reads many clauses or asks the search engine. */
export const EXPENSIVE_FIELDS: ReadonlySet<string> = new Set([
  'search',
  'retrieve',
  'estimateBenefits',
  'clauseStats',
  'policyStats',
  'topics',
  'differences',
]);

/** Seconds a refused client is told to wait. */
const RETRY_AFTER_SECONDS = 1;

export class ServerBusyError extends HttpError {
  override name = 'ServerBusyError';

  constructor(concurrency: number, queue: number) {
    super(
      503,
      ErrorCode.SERVER_BUSY,
      `The server runs at most ${concurrency} expensive requests at once with ${queue} waiting (HTTP_EXPENSIVE_CONCURRENCY, HTTP_EXPENSIVE_QUEUE), and both are full; try again in ${RETRY_AFTER_SECONDS} s.`,
      {},
      false,
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
}

export class WorkBound {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  /** Turns taken now, by running work or handed to waiting work. */
  get inFlight(): number {
    return this.running;
  }

  /** Waits for a turn; throws ServerBusyError when every turn is taken and the queue is full. */
  async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    if (this.waiting.length >= this.queue) throw new ServerBusyError(this.concurrency, this.queue);
    // The turn is handed over by release(), which keeps `running` as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

const expensiveDocuments = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for an expensive field anywhere (fragments included); walked once per document. */
function asksExpensive(document: DocumentNode): boolean {
  let known = expensiveDocuments.get(document);
  if (known === undefined) {
    known = false;
    visit(document, {
      Field(node) {
        if (EXPENSIVE_FIELDS.has(node.name.value)) known = true;
      },
    });
    expensiveDocuments.set(document, known);
  }
  return known;
}

/**
 * Holds an expensive operation in the bound from its resolution until its answer is sent.
 * Apollo runs the plugins' didResolveOperation hooks side by side: when another refuses the
 * request, the answer can be sent while this one still waits for its turn, so a turn that comes
 * after the answer is handed back at once (else it would be held for good).
 */
export function busyBound(bound: WorkBound): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let state: 'free' | 'waiting' | 'held' | 'answered' = 'free';
      return {
        async didResolveOperation({ document }) {
          if (!asksExpensive(document)) return;
          state = 'waiting';
          try {
            await bound.acquire();
          } catch (error) {
            const busy = error as ServerBusyError;
            throw new GraphQLError(busy.message, {
              extensions: {
                code: busy.code,
                http: { status: busy.status, headers: new HeaderMap(Object.entries(busy.headers)) },
              },
            });
          }
          if ((state as string) === 'answered') bound.release();
          else state = 'held';
        },
        async willSendResponse() {
          if (state === 'held') bound.release();
          state = 'answered';
        },
      };
    },
  };
}
