import { Migration } from '@mikro-orm/migrations';

/** Clause-level supersession links (which newer clause replaces which older one, and why). */
export class Migration20261122010710_ClauseSupersession extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`clause_supersession\` (\`id\` text not null, \`from_id\` text not null, \`to_id\` text not null, \`note\` text not null, constraint \`clause_supersession_from_id_foreign\` foreign key(\`from_id\`) references \`clause\`(\`id\`) on update cascade, constraint \`clause_supersession_to_id_foreign\` foreign key(\`to_id\`) references \`clause\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`clause_supersession_from_id_index\` on \`clause_supersession\` (\`from_id\`);`);
    this.addSql(`create index \`clause_supersession_to_id_index\` on \`clause_supersession\` (\`to_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`clause_supersession\`;`);
  }
}
