import { Migration } from '@mikro-orm/migrations';

const STATUSES_BEFORE = "'DRAFT', 'NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED', 'REPEALED', 'UNKNOWN'";

/**
 * A news report or 解读 has no force of its own: its status is INFORMATIONAL (src/domain/statuses.ts),
 * never IN_FORCE, so it is not counted among the documents in force.
 */
export class Migration20261206100000_InformationalStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "policy_status" drop constraint "policy_status_status_check";');
    this.addSql(
      `alter table "policy_status" add constraint "policy_status_status_check" check ("status" in (${STATUSES_BEFORE}, 'INFORMATIONAL'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "policy_status" where "status" = 'INFORMATIONAL';`);
    this.addSql('alter table "policy_status" drop constraint "policy_status_status_check";');
    this.addSql(
      `alter table "policy_status" add constraint "policy_status_status_check" check ("status" in (${STATUSES_BEFORE}));`,
    );
  }
}
