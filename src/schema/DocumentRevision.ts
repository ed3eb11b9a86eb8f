import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One document as one or more versions served it: its rows (the document, its clauses, amounts,
 * contacts, links and status timeline), stored once however many versions share them. The key
 * is a hash of the rows; `content` hashes them without the status timeline, which other
 * documents change (a repeal), so an amendment of the document itself can be told apart.
 */
@Entity({ tableName: 'document_revision' })
export class DocumentRevision {
  @PrimaryKey({ type: 'string' })
  hash!: string;

  @Property({ type: 'string', index: true })
  policyId!: string;

  @Property({ type: 'string' })
  content!: string;

  /**
   * The document's rows, as src/versions/revisions.ts cuts them: JSON, deflated (a fifth of the
   * size; 100k clauses' revisions are 97 MB of JSON).
   */
  @Property({ type: 'blob' })
  rows!: Buffer;
}
