/** Reads the corpus in brief (src/domain/document-sums.ts): documents' status spans and their clauses' sums. */
import type { EntityManager } from '@mikro-orm/knex';
import { DocumentSums, type DocumentBrief } from '../domain/document-sums.js';
import type { PolicyStatus } from '../domain/statuses.js';

export class DocumentSumsRepository {
  constructor(private readonly em: EntityManager) {}

  async read(): Promise<DocumentSums> {
    const [documents, sums, spans] = (await Promise.all([
      this.em.execute(
        `select p.id as id, min(c.ordinal) as first, max(c.ordinal) as last, count(c.id) as clauses
         from policy p left join clause c on c.policy_id = p.id group by p.id, p.ordinal order by p.ordinal`,
      ),
      // Ascending overall, so ascending within each document too.
      this.em.execute(
        'select policy_id as policy, max_yuan as yuan from clause where max_yuan is not null order by max_yuan',
      ),
      this.em.execute('select policy_id as policy, from_day, to_day, status from policy_status'),
    ])) as [
      { id: string; first: number | null; last: number | null; clauses: number }[],
      { policy: string; yuan: number }[],
      { policy: string; from_day: string | null; to_day: string | null; status: PolicyStatus }[],
    ];
    const byId = new Map<string, DocumentBrief>();
    const briefs = documents.map((d) => {
      const brief: DocumentBrief = {
        id: d.id,
        firstOrdinal: d.first === null ? null : Number(d.first),
        lastOrdinal: d.last === null ? null : Number(d.last),
        clauses: Number(d.clauses),
        sums: [],
        spans: [],
      };
      byId.set(d.id, brief);
      return brief;
    });
    for (const s of sums) byId.get(s.policy)?.sums.push(Number(s.yuan));
    for (const s of spans) byId.get(s.policy)?.spans.push({ from: s.from_day, to: s.to_day, status: s.status });
    return new DocumentSums(briefs);
  }
}
