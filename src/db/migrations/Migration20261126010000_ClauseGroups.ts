import { Migration } from '@mikro-orm/migrations';

/**
 * Clause counts per document and group key, written with every load (src/repositories/
 * stats.repository.ts): clauseStats adds up a few rows per document instead of reading every
 * clause.
 */
export class Migration20261126010000_ClauseGroups extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `clause_group` (`grouping` text not null, `policy_id` text not null, `key` text not null, ' +
        '`clauses` integer not null, `articles` integer not null, `sub_items` integer not null, ' +
        '`passages` integer not null, `sum_max_yuan` integer null, `with_sum` integer not null, ' +
        'primary key (`grouping`, `policy_id`, `key`));',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table `clause_group`;');
  }
}
