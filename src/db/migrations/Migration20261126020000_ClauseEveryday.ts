import { Migration } from '@mikro-orm/migrations';

/** Everyday words for what a clause is about (curated with the data), searched with it. */
export class Migration20261126020000_ClauseEveryday extends Migration {
  override async up(): Promise<void> {
    this.addSql("alter table `clause` add column `everyday` json not null default '[]';");
  }

  override async down(): Promise<void> {
    this.addSql('alter table `clause` drop column `everyday`;');
  }
}
