import { Migration } from '@mikro-orm/migrations';

/** Status segments inferred from a document's 实施细则 are marked as such. */
export class Migration20261124040000_StatusInferred extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `policy_status` add column `inferred` integer not null default false;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table `policy_status` drop column `inferred`;');
  }
}
