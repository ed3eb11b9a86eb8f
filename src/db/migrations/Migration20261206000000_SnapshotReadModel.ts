import { Migration } from '@mikro-orm/migrations';

/**
 * The counts per document and the full-text index are made in memory with each snapshot
 * (src/snapshot, src/search/bm25-index.ts): the tables that held them go.
 */
export class Migration20261206000000_SnapshotReadModel extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop table if exists `clause_terms`;');
    this.addSql('drop table if exists `clause_group`;');
  }

  override async down(): Promise<void> {
    this.addSql("create virtual table `clause_terms` using fts5(terms, content='', tokenize='unicode61');");
    this.addSql(
      'create table `clause_group` (`grouping` text not null, `policy_id` text not null, `key` text not null, ' +
        '`clauses` integer not null, `articles` integer not null, `sub_items` integer not null, `passages` integer not null, ' +
        '`sum_max_yuan` integer null, `with_sum` integer not null, primary key (`grouping`, `policy_id`, `key`));',
    );
  }
}
