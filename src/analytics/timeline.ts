/** A document's status over time, as stored at load (src/legal-status/timeline.ts), and its real dates. */
import { PolicyStatus } from '../domain/statuses.js';
import type { Loaders } from '../snapshot/lookups.js';

export interface StatusPeriod {
  from: string | null;
  to: string | null;
  status: PolicyStatus;
  reason: string;
  inferred: boolean;
}

export interface Timeline {
  periods: StatusPeriod[];
  /** First day in force (stated or inferred); null when never in force. */
  inForceFrom: string | null;
  /** Real last day in force; null when never in force, or in force with no end. */
  inForceUntil: string | null;
  /** The day it stopped being in force: the day after inForceUntil. */
  endedOn: string | null;
}

export async function timelineOf(loaders: Loaders, policyId: string): Promise<Timeline> {
  const periods = (await loaders.statusSegments.load(policyId)).map((r) => ({
    from: r.from ?? null,
    to: r.to ?? null,
    status: r.status,
    reason: r.reason,
    inferred: r.inferred,
  }));
  const inForce = periods.filter((p) => p.status === PolicyStatus.IN_FORCE);
  const last = inForce.at(-1);
  const after = last?.to ? periods.find((p) => p.from !== null && p.from > last.to!) : undefined;
  return {
    periods,
    inForceFrom: inForce[0]?.from ?? null,
    inForceUntil: last?.to ?? null,
    endedOn: after?.from ?? null,
  };
}
