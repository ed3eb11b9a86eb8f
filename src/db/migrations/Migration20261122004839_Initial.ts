import { Migration } from '@mikro-orm/migrations';

export class Migration20261122004839_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`corpus_load\` (\`id\` integer not null default 1, \`fingerprint\` text not null, \`loaded_at\` text not null, \`documents\` integer not null, \`clauses\` integer not null, \`amounts\` integer not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`policy\` (\`id\` text not null, \`ordinal\` integer not null, \`title\` text not null, \`doc_number\` text null, \`kind\` text check (\`kind\` in ('POLICY', 'IMPLEMENTATION_RULES', 'INTERPRETATION')) not null, \`draft\` integer not null, \`script\` text not null, \`issuers\` json not null, \`published_on\` text null, \`effective_from\` text null, \`effective_to\` text null, \`source_file\` text null, \`source_url\` text null, \`source_publisher\` text null, \`note\` text null, \`preamble\` text null, \`closing\` text null, \`implements_id\` text null, \`interprets_id\` text null, constraint \`policy_implements_id_foreign\` foreign key(\`implements_id\`) references \`policy\`(\`id\`) on delete set null on update cascade, constraint \`policy_interprets_id_foreign\` foreign key(\`interprets_id\`) references \`policy\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`policy_ordinal_unique\` on \`policy\` (\`ordinal\`);`);
    this.addSql(`create unique index \`policy_doc_number_unique\` on \`policy\` (\`doc_number\`);`);
    this.addSql(`create index \`policy_implements_id_index\` on \`policy\` (\`implements_id\`);`);
    this.addSql(`create index \`policy_interprets_id_index\` on \`policy\` (\`interprets_id\`);`);

    this.addSql(
      `create table \`clause\` (\`id\` text not null, \`ordinal\` integer not null, \`policy_id\` text not null, \`parent_id\` text null, \`path\` json not null, \`heading\` text null, \`facet\` text null, \`text\` text not null, \`citation\` text not null, \`case_by_case\` integer not null, \`max_yuan\` integer null, \`conditions\` json not null, \`materials\` json not null, \`application_period\` text null, \`topics\` json not null, \`searchable\` integer not null, \`search_text\` text not null, constraint \`clause_policy_id_foreign\` foreign key(\`policy_id\`) references \`policy\`(\`id\`) on update cascade, constraint \`clause_parent_id_foreign\` foreign key(\`parent_id\`) references \`clause\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`clause_ordinal_unique\` on \`clause\` (\`ordinal\`);`);
    this.addSql(`create index \`clause_policy_id_index\` on \`clause\` (\`policy_id\`);`);
    this.addSql(`create index \`clause_parent_id_index\` on \`clause\` (\`parent_id\`);`);
    this.addSql(`create index \`clause_max_yuan_index\` on \`clause\` (\`max_yuan\`);`);

    this.addSql(
      `create table \`contact\` (\`id\` text not null, \`clause_id\` text not null, \`seq\` integer not null, \`department\` text not null, \`department_key\` text not null, \`phone\` text null, \`person\` text null, constraint \`contact_clause_id_foreign\` foreign key(\`clause_id\`) references \`clause\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`contact_clause_id_index\` on \`contact\` (\`clause_id\`);`);

    this.addSql(
      `create table \`amount\` (\`id\` text not null, \`clause_id\` text not null, \`seq\` integer not null, \`kind\` text check (\`kind\` in ('CAP', 'FIXED', 'RATE', 'PER_UNIT', 'BUDGET')) not null, \`yuan\` integer null, \`rate\` double null, \`base\` text null, \`period\` text check (\`period\` in ('ONCE', 'YEARLY')) null, \`condition\` text null, \`text\` text not null, constraint \`amount_clause_id_foreign\` foreign key(\`clause_id\`) references \`clause\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`amount_clause_id_index\` on \`amount\` (\`clause_id\`);`);

    this.addSql(
      `create table \`policy_link\` (\`id\` text not null, \`kind\` text check (\`kind\` in ('REPEALS', 'REFERENCES')) not null, \`from_id\` text not null, \`to_id\` text not null, \`effective_on\` text null, constraint \`policy_link_from_id_foreign\` foreign key(\`from_id\`) references \`policy\`(\`id\`) on update cascade, constraint \`policy_link_to_id_foreign\` foreign key(\`to_id\`) references \`policy\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`policy_link_from_id_index\` on \`policy_link\` (\`from_id\`);`);
    this.addSql(`create index \`policy_link_to_id_index\` on \`policy_link\` (\`to_id\`);`);

    this.addSql(
      `create table \`policy_status\` (\`id\` text not null, \`policy_id\` text not null, \`seq\` integer not null, \`from_day\` text null, \`to_day\` text null, \`status\` text check (\`status\` in ('DRAFT', 'NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED', 'REPEALED', 'UNKNOWN')) not null, \`reason\` text not null, constraint \`policy_status_policy_id_foreign\` foreign key(\`policy_id\`) references \`policy\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`policy_status_policy_id_index\` on \`policy_status\` (\`policy_id\`);`);
  }
}
