/**
 * Relay connections with opaque keyset cursors over a stable `ordinal` column.
 */
import { BadUserInputError } from '../common/errors.js';

export const MAX_PAGE = 100;

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/** A page of ids in list order; the nodes come through the (cached) loaders. */
export interface IdPage {
  ids: string[];
  totalCount: number;
  hasNextPage: boolean;
}

/** Checks `first` against the contract: 0 to 100. */
export function checkFirst(first: number, max = MAX_PAGE): number {
  if (!Number.isInteger(first) || first < 0 || first > max)
    throw new BadUserInputError('first', `an integer from 0 to ${max}`, first);
  return first;
}

export function encodeCursor(list: string, ordinal: number): string {
  return Buffer.from(`${list}:${ordinal}`).toString('base64url');
}

/** The ordinal a cursor of `list` points at; BAD_USER_INPUT for anything else. */
export function decodeCursor(list: string, cursor: string): number {
  const m = new RegExp(`^${list}:(\\d{1,12})$`).exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new BadUserInputError('after', `a cursor returned by this list (${list})`, cursor);
  return Number(m[1]);
}

/** A page of ids as a Relay connection, its nodes loaded in order, cursors on their ordinals. */
export async function toConnection<T extends { ordinal: number }>(
  list: string,
  page: IdPage,
  load: (ids: string[]) => Promise<(T | Error | null)[]>,
) {
  const nodes = (await load(page.ids)).filter((n): n is T => n !== null && !(n instanceof Error));
  return connectionOf(list, { nodes, totalCount: page.totalCount, hasNextPage: page.hasNextPage });
}

function connectionOf<T extends { ordinal: number }>(list: string, page: Page<T>) {
  const edges = page.nodes.map((node) => ({ cursor: encodeCursor(list, node.ordinal), node }));
  return {
    totalCount: page.totalCount,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
