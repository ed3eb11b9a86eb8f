import type { Loaders } from '../snapshot/lookups.js';
import { statusOn, type StatusSegment } from '../legal-status/timeline.js';

/** A document's status and reason on `day`, read from its stored timeline (batched). */
export async function policyStatusOn(loaders: Loaders, policyId: string, day: string): Promise<StatusSegment> {
  const rows = await loaders.statusSegments.load(policyId);
  return statusOn(
    rows.map((r) => ({ from: r.from ?? null, to: r.to ?? null, status: r.status, reason: r.reason })),
    day,
  );
}
