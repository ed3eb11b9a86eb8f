import { Migration } from '@mikro-orm/migrations';

/**
 * The counts per document and the full-text index are made in memory with each snapshot
 * (src/snapshot, src/search/bm25-index.ts): the tables that held them go.
 */
export class Migration20261206000000_SnapshotReadModel extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop table if exists "clause_terms_stats";');
    this.addSql('drop table if exists "clause_terms";');
    this.addSql('drop table if exists "clause_group";');
  }

  override async down(): Promise<void> {
    this.addSql(
      `create table "clause_group" ("grouping" text not null, "policy_id" text not null, "key" text not null, "clauses" int not null, "articles" int not null, "sub_items" int not null, "passages" int not null, "sum_max_yuan" bigint null, "with_sum" int not null, primary key ("grouping", "policy_id", "key"));`,
    );
    this.addSql(
      `create table "clause_terms" ("ordinal" int not null primary key, "terms" tsvector not null, "length" int not null);`,
    );
    this.addSql(`create index "clause_terms_terms_index" on "clause_terms" using gin ("terms");`);
    this.addSql(
      `create table "clause_terms_stats" ("id" int not null default 1 primary key, "rows" int not null, "average_length" double precision not null);`,
    );
  }
}
