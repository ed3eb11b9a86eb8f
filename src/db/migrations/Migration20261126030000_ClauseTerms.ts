import { Migration } from '@mikro-orm/migrations';

/**
 * The database's full-text index: each searchable clause's search text as terms (Chinese as
 * overlapping pairs of characters, src/search/terms.ts), in SQLite's FTS5, ranked by BM25. Its
 * rowid is the clause's ordinal; it keeps no copy of the text.
 */
export class Migration20261126030000_ClauseTerms extends Migration {
  override async up(): Promise<void> {
    this.addSql("create virtual table `clause_terms` using fts5(terms, content='', tokenize='unicode61');");
  }

  override async down(): Promise<void> {
    this.addSql('drop table `clause_terms`;');
  }
}
