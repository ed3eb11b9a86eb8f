import { Migration } from '@mikro-orm/migrations';

/**
 * Versions of the corpus and their documents' revisions (src/versions), and the webhook outbox:
 * receivers registered by an admin and each change's delivery to each (src/webhooks).
 */
export class Migration20261206200000_Versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `corpus_version` (`number` integer not null primary key autoincrement, `fingerprint` text not null, `loaded_at` text not null, `documents` integer not null, `clauses` integer not null, `amounts` integer not null, `revisions` json not null, `document_changes` json not null);',
    );
    this.addSql('create index `corpus_version_loaded_at_index` on `corpus_version` (`loaded_at`);');
    this.addSql(
      'create table `document_revision` (`hash` text not null, `policy_id` text not null, `content` text not null, `rows` blob not null, primary key (`hash`));',
    );
    this.addSql('create index `document_revision_policy_id_index` on `document_revision` (`policy_id`);');
    this.addSql(
      'create table `webhook_subscription` (`id` text not null, `url` text not null, `kinds` json not null, `secret` text not null, `created_at` text not null, `version_through` integer not null, `calendar_through` text not null, primary key (`id`));',
    );
    this.addSql(
      'create table `webhook_delivery` (`id` text not null, `subscription` text not null, `change_key` text not null, `kind` text not null, `payload` text not null, `state` text not null, `attempts` integer not null, `next_attempt_at` text null, `locked_until` text null, `last_status` integer null, `last_error` text null, `created_at` text not null, `delivered_at` text null, primary key (`id`));',
    );
    this.addSql(
      'create index `webhook_delivery_state_next_attempt_at_index` on `webhook_delivery` (`state`, `next_attempt_at`);',
    );
    this.addSql(
      'create unique index `webhook_delivery_subscription_change_key_unique` on `webhook_delivery` (`subscription`, `change_key`);',
    );
  }

  override async down(): Promise<void> {
    for (const table of ['webhook_delivery', 'webhook_subscription', 'document_revision', 'corpus_version'])
      this.addSql(`drop table if exists \`${table}\`;`);
  }
}
