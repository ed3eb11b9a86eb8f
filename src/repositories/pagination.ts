/**
 * Relay connections with opaque keyset cursors: a stable `ordinal` column, after a sort key where
 * the list is ordered by one.
 */
import { BadUserInputError } from '../common/errors.js';

export const MAX_PAGE = 100;

/** A page of ids in list order, each with its cursor; the nodes come through the (cached) loaders. */
export interface IdPage {
  ids: string[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
}

/** Where a page starts after: a row's ordinal, and its sort key when the list is ordered by one. */
export interface After {
  ordinal: number;
  key?: string | number;
}

/** Checks `first` against the contract: 0 to 100. */
export function checkFirst(first: number, max = MAX_PAGE): number {
  if (!Number.isInteger(first) || first < 0 || first > max)
    throw new BadUserInputError('first', `an integer from 0 to ${max}`, first);
  return first;
}

/**
 * An opaque cursor: `list:ordinal` in corpus order, `list@ORDER:ordinal:key` in another order
 * (the key as JSON), so a cursor is only taken back by the list and order that made it.
 */
export function encodeCursor(list: string, ordinal: number, order?: { name: string; key: string | number }): string {
  const text = order ? `${list}@${order.name}:${ordinal}:${JSON.stringify(order.key)}` : `${list}:${ordinal}`;
  return Buffer.from(text).toString('base64url');
}

/** Where a cursor of `list` (in `orderName`, or corpus order) points; BAD_USER_INPUT for anything else. */
export function decodeCursor(list: string, cursor: string, orderName?: string): After {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const refuse = () =>
    new BadUserInputError(
      'after',
      `a cursor returned by this list (${list}${orderName ? ` ordered by ${orderName}` : ''})`,
      cursor,
    );
  if (!orderName) {
    const m = new RegExp(`^${list}:(\\d{1,12})$`).exec(text);
    if (!m) throw refuse();
    return { ordinal: Number(m[1]) };
  }
  const prefix = `${list}@${orderName}:`;
  if (!text.startsWith(prefix)) throw refuse();
  const m = /^(\d{1,12}):(.{1,2000})$/s.exec(text.slice(prefix.length));
  if (!m) throw refuse();
  let key: unknown;
  try {
    key = JSON.parse(m[2]);
  } catch {
    throw refuse();
  }
  if (typeof key !== 'string' && !(typeof key === 'number' && Number.isSafeInteger(key))) throw refuse();
  return { ordinal: Number(m[1]), key };
}

/** A page of ids as a Relay connection, its nodes loaded in order with the page's cursors. */
export async function toConnection<T>(page: IdPage, load: (ids: string[]) => Promise<(T | Error | null)[]>) {
  const loaded = await load(page.ids);
  const edges = loaded.flatMap((node, i) =>
    node === null || node instanceof Error ? [] : [{ cursor: page.cursors[i], node }],
  );
  return {
    totalCount: page.totalCount,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
