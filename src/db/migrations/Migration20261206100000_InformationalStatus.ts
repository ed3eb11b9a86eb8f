import { Migration } from '@mikro-orm/migrations';

const STATUSES_BEFORE = "'DRAFT', 'NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED', 'REPEALED', 'UNKNOWN'";

/** The table with `statuses` allowed: SQLite changes a check constraint only by making the table again. */
const remake = (statuses: string) => [
  'create table `policy_status_next` (`id` text not null, `policy_id` text not null, `seq` integer not null, ' +
    '`from_day` text null, `to_day` text null, ' +
    `\`status\` text check (\`status\` in (${statuses})) not null, \`reason\` text not null, ` +
    '`inferred` integer not null default false, ' +
    'constraint `policy_status_policy_id_foreign` foreign key(`policy_id`) references `policy`(`id`) on update cascade, ' +
    'primary key (`id`));',
  'insert into `policy_status_next` (`id`, `policy_id`, `seq`, `from_day`, `to_day`, `status`, `reason`, `inferred`) ' +
    'select `id`, `policy_id`, `seq`, `from_day`, `to_day`, `status`, `reason`, `inferred` from `policy_status`;',
  'drop table `policy_status`;',
  'alter table `policy_status_next` rename to `policy_status`;',
  'create index `policy_status_policy_id_index` on `policy_status` (`policy_id`);',
];

/**
 * A news report or 解读 has no force of its own: its status is INFORMATIONAL (src/domain/statuses.ts),
 * never IN_FORCE, so it is not counted among the documents in force.
 */
export class Migration20261206100000_InformationalStatus extends Migration {
  override async up(): Promise<void> {
    for (const sql of remake(`${STATUSES_BEFORE}, 'INFORMATIONAL'`)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql("delete from `policy_status` where `status` = 'INFORMATIONAL';");
    for (const sql of remake(STATUSES_BEFORE)) this.addSql(sql);
  }
}
