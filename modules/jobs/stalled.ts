import { and, eq, lt, or, type SQL } from "drizzle-orm";
import { jobs } from "../../drizzle/schema";

/**
 * When a job counts as stalled. The sweeper re-sends a queued job 30 s after its run time and
 * recovers an expired lease within a minute; a job still waiting well past both did not recover
 * by itself, and a person should look at it.
 */
export const STALLED_QUEUED_MS = 5 * 60_000;
export const STALLED_LEASE_GRACE_MS = 2 * 60_000;

type StalledReason = "queue_wait" | "lease_expired";
export type Stalled = { reason: StalledReason; since: string };

type Row = { status: string; runAt: number; leaseUntil: number | null };

/** Why this job is stalled at `now`, and since when; null when it is not. */
export function stalledOf(row: Row, now: number): Stalled | null {
  if (row.status === "queued" && row.runAt + STALLED_QUEUED_MS < now) {
    return { reason: "queue_wait", since: new Date(row.runAt + STALLED_QUEUED_MS).toISOString() };
  }
  if (row.status === "running" && row.leaseUntil !== null && row.leaseUntil + STALLED_LEASE_GRACE_MS < now) {
    return {
      reason: "lease_expired",
      since: new Date(row.leaseUntil + STALLED_LEASE_GRACE_MS).toISOString(),
    };
  }
  return null;
}

/** The same rule as a SQL condition, for `?stalled=true` and the overview's count. */
export function stalledCondition(now: number): SQL | undefined {
  return or(
    and(eq(jobs.status, "queued"), lt(jobs.runAt, now - STALLED_QUEUED_MS)),
    and(eq(jobs.status, "running"), lt(jobs.leaseUntil, now - STALLED_LEASE_GRACE_MS)),
  );
}
