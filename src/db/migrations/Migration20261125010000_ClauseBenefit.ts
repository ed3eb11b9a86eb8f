import { Migration } from '@mikro-orm/migrations';

/** A clause's benefit rule (conditions, formula, stacking group) as JSON; null for most clauses. */
export class Migration20261125010000_ClauseBenefit extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `clause` add column `benefit` json null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table `clause` drop column `benefit`;');
  }
}
