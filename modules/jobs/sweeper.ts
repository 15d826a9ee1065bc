import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { jobs } from "../../drizzle/schema";
import { failAttempt } from "./attempt";
import type { Dispatcher } from "./dispatch";
import type { JobRegistry } from "./registry";
import type { JobStore } from "./store";
import { JobFailure } from "./types";

/** A queued job not picked up this long after its run time (and its last send) is re-sent. */
const REDISPATCH_AFTER_MS = 30_000;

/**
 * The cron sweep (every minute; locally fired by `scripts/stack.mjs`). Returns running jobs whose
 * lease expired (a crashed or evicted Worker) to `queued` as a failed attempt, and re-sends
 * queued jobs whose queue message never came. Both are safe to repeat: the recovery is a fenced
 * transition, and a duplicate message loses its claim.
 */
export async function sweepJobs(d: {
  store: JobStore;
  registry: JobRegistry;
  dispatcher: Dispatcher;
}): Promise<{ recovered: number; redispatched: number }> {
  const { store, registry, dispatcher } = d;
  const now = store.now();
  const expired = await store.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), lt(jobs.leaseUntil, now)))
    .limit(100);
  let recovered = 0;
  for (const row of expired) {
    const failure = new JobFailure(
      "lease_expired",
      "The worker stopped responding (crash or timeout).",
      true,
    );
    const outcome = await failAttempt(store, registry, row, failure);
    if (outcome.requeueDelayMs !== undefined) await dispatcher.sendAfter(row.id, outcome.requeueDelayMs);
    if (outcome.applied) recovered++;
  }
  const overdue = await store.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "queued"),
        lte(jobs.runAt, now - REDISPATCH_AFTER_MS),
        or(isNull(jobs.dispatchedAt), lt(jobs.dispatchedAt, now - REDISPATCH_AFTER_MS)),
      ),
    )
    .limit(200);
  let redispatched = 0;
  for (const { id } of overdue) if (await dispatcher.send(id)) redispatched++;
  return { recovered, redispatched };
}
