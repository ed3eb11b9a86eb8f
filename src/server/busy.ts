/**
 * A bound on expensive work in flight (search, retrieve, estimates, stats, differences,
 * exports): at most `concurrency` run at once and `queue` wait for a turn; beyond that a request
 * is refused at once with SERVER_BUSY (503, Retry-After), so probes and cheap reads keep their
 * share of the one event loop under a burst of expensive ones.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../common/errors.js';
import type { Context } from '../graphql/context.js';
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
  'verifyCitations',
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

  /**
   * Waits for a turn; throws ServerBusyError when every turn is taken and the queue is full,
   * unless `refusable` is false (work already under way, such as an export's next rows).
   */
  async acquire(refusable = true): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    if (refusable && this.waiting.length >= this.queue) throw new ServerBusyError(this.concurrency, this.queue);
    // The turn is handed over by release(), which keeps `running` as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async run<T>(work: () => Promise<T>, refusable = true): Promise<T> {
    await this.acquire(refusable);
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

const expensiveOperations = new WeakMap<OperationDefinitionNode, boolean>();

/**
 * Whether the operation asks an expensive field of the root (through fragments too); walked
 * once per operation. Only root fields: Clause.topics is a plain list, Query.topics a count.
 */
function asksExpensive(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  let known = expensiveOperations.get(operation);
  if (known === undefined) {
    const fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    const seen = new Set<string>();
    const expensive = (set: SelectionSetNode): boolean =>
      set.selections.some((s) => {
        if (s.kind === Kind.FIELD) return EXPENSIVE_FIELDS.has(s.name.value);
        if (s.kind === Kind.INLINE_FRAGMENT) return expensive(s.selectionSet);
        const fragment = fragments.get(s.name.value);
        if (!fragment || seen.has(s.name.value)) return false;
        seen.add(s.name.value);
        return expensive(fragment.selectionSet);
      });
    known = expensive(operation.selectionSet);
    expensiveOperations.set(operation, known);
  }
  return known;
}

/**
 * Holds an expensive operation in the bound while it runs. The turn is taken in
 * responseForOperation, after the response cache's (listed before this plugin): an answer
 * from the cache costs nothing and waits for no turn; a refusal is an answer of its own (503).
 */
export function busyBound(bound: WorkBound): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let held = false;
      return {
        async responseForOperation({ document, operation }) {
          // No operation resolved (two and no operationName): Apollo refuses it below, cheaply.
          if (!operation || !asksExpensive(document, operation)) return null;
          try {
            await bound.acquire();
          } catch (error) {
            const busy = error as ServerBusyError;
            return {
              http: { status: busy.status, headers: new HeaderMap(Object.entries(busy.headers)) },
              body: {
                kind: 'single',
                singleResult: { errors: [{ message: busy.message, extensions: { code: busy.code } }] },
              },
            };
          }
          held = true;
          return null;
        },
        async willSendResponse() {
          if (!held) return;
          held = false;
          bound.release();
        },
      };
    },
  };
}
