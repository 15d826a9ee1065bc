import { and, asc, eq, gt, isNull, lt, lte, or } from "drizzle-orm";
import { jobs } from "../../drizzle/schema";
import { failAttempt } from "./attempt";
import type { Dispatcher } from "./dispatch";
import type { JobRegistry } from "./registry";
import type { JobRow, JobStore } from "./store";
import { JobFailure } from "./types";

/** A queued job not picked up this long after its run time (and its last send) is re-sent. */
const REDISPATCH_AFTER_MS = 30_000;

/**
 * The cron sweep (every minute; locally fired by `scripts/stack.mjs`). Returns running jobs whose
 * lease expired (a crashed or evicted Worker) to `queued` as a failed attempt, and re-sends
 * queued jobs whose queue message never came. Both are safe to repeat: the recovery is a fenced
 * transition, and a duplicate message loses its claim.
 */
export async function sweepJobs(d: SweepDeps): Promise<{ recovered: number; redispatched: number }> {
  const { store, dispatcher } = d;
  const now = store.now();
  const expired = await store.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), lt(jobs.leaseUntil, now)))
    .limit(100);
  const recovered = await recover(d, expired);
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

type SweepDeps = { store: JobStore; registry: JobRegistry; dispatcher: Dispatcher };

/** Ends each run as a failed attempt of a dead worker (fenced) and re-sends what may retry. */
async function recover(d: SweepDeps, rows: JobRow[]): Promise<number> {
  let recovered = 0;
  for (const row of rows) {
    const failure = new JobFailure(
      "lease_expired",
      "The worker stopped responding (crash or timeout).",
      true,
    );
    const outcome = await failAttempt(d.store, d.registry, row, failure);
    if (outcome.requeueDelayMs !== undefined) await d.dispatcher.sendAfter(row.id, outcome.requeueDelayMs);
    if (outcome.applied) recovered++;
  }
  return recovered;
}

/**
 * What the local stack does once at start-up, on state a killed run left behind. Its queue lived
 * in memory and died with the process (production's is durable), so every queued job is re-sent,
 * each after what remains of its wait, instead of waiting for the sweeper's 30 s redispatch; a
 * duplicate message is harmless (it loses the claim). And queue runs last heartbeated before this
 * process started (`bootedAt`) belonged to the dead one: their leases can never be renewed, so
 * they are recovered now rather than when they expire. A Workflow run is left to its instance,
 * which the local Workflow engine persists and resumes, unless that instance is missing or ended
 * (the process died before creating it, or it failed with the process): then it is recovered too.
 */
export async function afterLocalRestart(
  d: SweepDeps & { workflowAlive: (row: JobRow) => Promise<boolean> },
  bootedAt: number,
): Promise<{ recovered: number; resent: number }> {
  const { store, dispatcher } = d;
  const now = store.now();
  let resent = 0;
  let after = "";
  for (;;) {
    const page = await store.db
      .select({ id: jobs.id, runAt: jobs.runAt })
      .from(jobs)
      .where(and(eq(jobs.status, "queued"), gt(jobs.id, after)))
      .orderBy(asc(jobs.id))
      .limit(200);
    for (const { id, runAt } of page) if (await dispatcher.sendAfter(id, Math.max(0, runAt - now))) resent++;
    const last = page.at(-1);
    if (page.length < 200 || !last) break;
    after = last.id;
  }
  const stale = await store.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), lt(jobs.heartbeatAt, bootedAt)));
  const orphans: JobRow[] = [];
  for (const row of stale) if (row.runner === "queue" || !(await d.workflowAlive(row))) orphans.push(row);
  return { recovered: await recover(d, orphans), resent };
}
