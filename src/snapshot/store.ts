/**
 * The rows of the loaded corpus read back from the store of record, in the shape the load wrote
 * them (src/corpus/corpus-rows.ts), so that a restart or a replica builds the snapshot the load
 * built. One plain select per table, its columns mapped by the entities' metadata: hydrating
 * 100k entities through the ORM would cost seconds for objects thrown away at once.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { IsolationLevel, type EntityMetadata } from '@mikro-orm/core';
import { dialectOf } from '../db/dialect.js';
import { CorpusRepository, type CorpusRows, type LoadRecord } from '../repositories/corpus.repository.js';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { ClauseSupersession } from '../schema/ClauseSupersession.js';
import { Contact } from '../schema/Contact.js';
import { Policy } from '../schema/Policy.js';
import { PolicyLink } from '../schema/PolicyLink.js';
import { StatusSegmentRow } from '../schema/StatusSegmentRow.js';

type Row = Record<string, unknown>;

/** How one column becomes one field of a row. */
interface Column {
  field: string;
  column: string;
  convert: (value: unknown) => unknown;
}

const asIs = (v: unknown) => v;
const orNull = (f: (v: unknown) => unknown) => (v: unknown) => (v === null || v === undefined ? null : f(v));
// SQLite keeps JSON as text, booleans as 0/1 and may hand back integers as they were bound.
const fromJson = orNull((v) => (typeof v === 'string' ? JSON.parse(v) : v));
const fromBoolean = orNull((v) => v === true || v === 1 || v === '1' || v === 't');
const fromNumber = orNull((v) => Number(v));

function columnsOf(meta: EntityMetadata): Column[] {
  return Object.values(meta.props).flatMap((p): Column[] => {
    if (p.kind !== 'scalar' && p.kind !== 'm:1') return [];
    const type = String(p.type).toLowerCase();
    const convert =
      p.kind === 'm:1'
        ? asIs
        : type === 'json' || type === 'jsontype'
          ? fromJson
          : p.runtimeType === 'boolean'
            ? fromBoolean
            : p.runtimeType === 'number'
              ? fromNumber
              : asIs;
    return [{ field: p.name, column: p.fieldNames[0], convert }];
  });
}

async function readTable(em: EntityManager, entity: { name: string }): Promise<Row[]> {
  const meta = em.getMetadata().get(entity.name);
  const columns = columnsOf(meta);
  const rows = await em.execute<Row[]>(
    `select ${columns.map((c) => c.column).join(', ')} from ${meta.tableName}`,
    [],
    'all',
  );
  return rows.map((r) => {
    const out: Row = {};
    for (const c of columns) out[c.field] = c.convert(r[c.column]);
    return out;
  });
}

/**
 * Every row of the corpus the database holds (read in the caller's transaction, if any). One table
 * after another: a transaction is one connection, and queries sent on it together only queue
 * (the pg driver warns that it will refuse them in its next major version).
 */
export async function readCorpusRows(em: EntityManager): Promise<CorpusRows> {
  const tables = [];
  for (const entity of [Policy, Clause, Amount, Contact, PolicyLink, StatusSegmentRow, ClauseSupersession])
    tables.push(await readTable(em, entity));
  const [policies, clauses, amounts, contacts, links, segments, supersessions] = tables;
  return { policies, clauses, amounts, contacts, links, segments, supersessions };
}

/**
 * The last load's record and its rows, read as of one moment: another process loading meanwhile
 * (a replica, `npm run ingest`) cannot pair one load's record with another's rows. Null when
 * nothing was loaded yet.
 */
export async function readStoredCorpus(em: EntityManager): Promise<{ record: LoadRecord; rows: CorpusRows } | null> {
  return em.transactional(
    async (tx) => {
      const record = await new CorpusRepository(tx).lastLoad();
      return record && { record, rows: await readCorpusRows(tx) };
    },
    dialectOf(em) === 'postgresql' ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {},
  );
}
