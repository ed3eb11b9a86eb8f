import { Migration } from '@mikro-orm/migrations';

/**
 * The whole schema on PostgreSQL, as the SQLite migrations have built it up to
 * Migration20261126030000_ClauseTerms (the dialect starts here, with no history to replay).
 *
 * - Text that is sorted or compared (ids, keys, dates as YYYY-MM-DD) is `collate "C"`: byte
 *   order, as SQLite sorts, whatever the server's locale.
 * - Foreign keys are checked at commit (deferrable, initially deferred): a load writes documents
 *   that point at each other in one transaction, as SQLite's defer_foreign_keys lets it.
 * - Sums of yuan are bigint (a 专项资金 of several 亿 does not fit an int).
 * - The full-text index is a tsvector of each clause's terms (its positions count occurrences)
 *   with a GIN index, where SQLite has FTS5; clause_terms_stats keeps the corpus figures BM25
 *   needs, written with every load.
 */
export class Migration20261202000000_Initial extends Migration {
  override async up(): Promise<void> {
    const id = 'text collate "C"';
    const fk = (name: string, column: string, table: string, onDelete = '') =>
      `constraint "${name}" foreign key ("${column}") references "${table}" ("id") on update cascade${onDelete} deferrable initially deferred`;
    this.addSql(
      `create table "corpus_load" ("id" int not null default 1 primary key, "fingerprint" text not null, "loaded_at" text not null, "documents" int not null, "clauses" int not null, "amounts" int not null);`,
    );
    this.addSql(
      `create table "policy" ("id" ${id} not null primary key, "ordinal" int not null, "title" text collate "C" not null, "doc_number" text collate "C" null, "kind" text check ("kind" in ('POLICY', 'IMPLEMENTATION_RULES', 'INTERPRETATION')) not null, "draft" boolean not null, "script" text not null, "issuers" jsonb not null, "published_on" ${id} null, "effective_from" ${id} null, "effective_to" ${id} null, "source_file" text null, "source_url" text null, "source_publisher" text null, "note" text null, "preamble" text null, "closing" text null, "implements_id" ${id} null, "interprets_id" ${id} null, ${fk('policy_implements_id_foreign', 'implements_id', 'policy', ' on delete set null')}, ${fk('policy_interprets_id_foreign', 'interprets_id', 'policy', ' on delete set null')});`,
    );
    this.addSql(`create unique index "policy_ordinal_unique" on "policy" ("ordinal");`);
    this.addSql(`create unique index "policy_doc_number_unique" on "policy" ("doc_number");`);
    this.addSql(`create index "policy_implements_id_index" on "policy" ("implements_id");`);
    this.addSql(`create index "policy_interprets_id_index" on "policy" ("interprets_id");`);

    this.addSql(
      `create table "clause" ("id" ${id} not null primary key, "ordinal" int not null, "policy_id" ${id} not null, "parent_id" ${id} null, "path" jsonb not null, "heading" text null, "facet" ${id} null, "text" text not null, "citation" text not null, "case_by_case" boolean not null, "max_yuan" bigint null, "conditions" jsonb not null, "materials" jsonb not null, "application_period" text null, "topics" jsonb not null, "everyday" jsonb not null default '[]', "benefit" jsonb null, "searchable" boolean not null, "search_text" text not null, ${fk('clause_policy_id_foreign', 'policy_id', 'policy')}, ${fk('clause_parent_id_foreign', 'parent_id', 'clause', ' on delete set null')});`,
    );
    this.addSql(`create unique index "clause_ordinal_unique" on "clause" ("ordinal");`);
    this.addSql(`create index "clause_policy_id_index" on "clause" ("policy_id");`);
    this.addSql(`create index "clause_parent_id_index" on "clause" ("parent_id");`);
    this.addSql(`create index "clause_max_yuan_index" on "clause" ("max_yuan");`);

    this.addSql(
      `create table "contact" ("id" ${id} not null primary key, "clause_id" ${id} not null, "seq" int not null, "department" text not null, "department_key" text collate "C" not null, "phone" text collate "C" null, "person" text null, ${fk('contact_clause_id_foreign', 'clause_id', 'clause')});`,
    );
    this.addSql(`create index "contact_clause_id_index" on "contact" ("clause_id");`);

    this.addSql(
      `create table "amount" ("id" ${id} not null primary key, "clause_id" ${id} not null, "seq" int not null, "kind" text collate "C" check ("kind" in ('CAP', 'FIXED', 'RATE', 'PER_UNIT', 'BUDGET')) not null, "yuan" bigint null, "rate" double precision null, "base" text null, "period" text collate "C" check ("period" in ('ONCE', 'YEARLY')) null, "condition" text null, "text" text not null, ${fk('amount_clause_id_foreign', 'clause_id', 'clause')});`,
    );
    this.addSql(`create index "amount_clause_id_index" on "amount" ("clause_id");`);

    this.addSql(
      `create table "policy_link" ("id" ${id} not null primary key, "kind" text check ("kind" in ('REPEALS', 'REFERENCES')) not null, "from_id" ${id} not null, "to_id" ${id} not null, "effective_on" ${id} null, ${fk('policy_link_from_id_foreign', 'from_id', 'policy')}, ${fk('policy_link_to_id_foreign', 'to_id', 'policy')});`,
    );
    this.addSql(`create index "policy_link_from_id_index" on "policy_link" ("from_id");`);
    this.addSql(`create index "policy_link_to_id_index" on "policy_link" ("to_id");`);

    this.addSql(
      `create table "policy_status" ("id" ${id} not null primary key, "policy_id" ${id} not null, "seq" int not null, "from_day" ${id} null, "to_day" ${id} null, "status" text collate "C" check ("status" in ('DRAFT', 'NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED', 'REPEALED', 'UNKNOWN')) not null, "reason" text not null, "inferred" boolean not null default false, ${fk('policy_status_policy_id_foreign', 'policy_id', 'policy')});`,
    );
    this.addSql(`create index "policy_status_policy_id_index" on "policy_status" ("policy_id");`);

    this.addSql(
      `create table "clause_supersession" ("id" ${id} not null primary key, "from_id" ${id} not null, "to_id" ${id} not null, "note" text not null, ${fk('clause_supersession_from_id_foreign', 'from_id', 'clause')}, ${fk('clause_supersession_to_id_foreign', 'to_id', 'clause')});`,
    );
    this.addSql(`create index "clause_supersession_from_id_index" on "clause_supersession" ("from_id");`);
    this.addSql(`create index "clause_supersession_to_id_index" on "clause_supersession" ("to_id");`);

    this.addSql(
      `create table "clause_group" ("grouping" ${id} not null, "policy_id" ${id} not null, "key" ${id} not null, "clauses" int not null, "articles" int not null, "sub_items" int not null, "passages" int not null, "sum_max_yuan" bigint null, "with_sum" int not null, primary key ("grouping", "policy_id", "key"));`,
    );

    this.addSql(
      `create table "clause_terms" ("ordinal" int not null primary key, "terms" tsvector not null, "length" int not null);`,
    );
    this.addSql(`create index "clause_terms_terms_index" on "clause_terms" using gin ("terms");`);
    this.addSql(
      `create table "clause_terms_stats" ("id" int not null default 1 primary key, "rows" int not null, "average_length" double precision not null);`,
    );
  }

  override async down(): Promise<void> {
    for (const table of [
      'clause_terms_stats',
      'clause_terms',
      'clause_group',
      'clause_supersession',
      'policy_status',
      'policy_link',
      'amount',
      'contact',
      'clause',
      'policy',
      'corpus_load',
    ])
      this.addSql(`drop table if exists "${table}" cascade;`);
  }
}
