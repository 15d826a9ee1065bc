import { gte, sql } from "drizzle-orm";
import { costLedger, jobs } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { stalledCondition } from "./stalled";

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}

/**
 * Admin overview over a window (default 24 h): jobs by status and type, failure rate, queue wait
 * (created → first start) and run time (start → finish) percentiles, and spend.
 */
export async function jobMetrics(db: Db, windowMs = 86_400_000, now = Date.now()) {
  const since = now - windowMs;
  const [byStatus, byType, timings, spend, waiting, stalled] = await Promise.all([
    db
      .select({ status: jobs.status, n: sql<number>`count(*)` })
      .from(jobs)
      .where(gte(jobs.createdAt, since))
      .groupBy(jobs.status),
    db
      .select({
        type: jobs.type,
        total: sql<number>`count(*)`,
        failed: sql<number>`sum(case when ${jobs.status} = 'failed' then 1 else 0 end)`,
        costUsd: sql<number>`coalesce(sum(${jobs.costUsd}), 0)`,
      })
      .from(jobs)
      .where(gte(jobs.createdAt, since))
      .groupBy(jobs.type),
    db
      .select({
        wait: sql<number>`${jobs.startedAt} - ${jobs.createdAt}`,
        run: sql<number>`${jobs.finishedAt} - ${jobs.startedAt}`,
      })
      .from(jobs)
      .where(sql`${jobs.createdAt} >= ${since} and ${jobs.startedAt} is not null`)
      .limit(5000),
    db
      .select({ usd: sql<number>`coalesce(sum(${costLedger.usd}), 0)` })
      .from(costLedger)
      .where(gte(costLedger.at, since)),
    // Jobs still waiting count with the wait so far: a queue stuck for 25 minutes must show in
    // the p95 even though none of its jobs has started.
    db
      .select({ wait: sql<number>`${now} - ${jobs.createdAt}` })
      .from(jobs)
      .where(sql`${jobs.createdAt} >= ${since} and ${jobs.status} = 'queued' and ${jobs.startedAt} is null`)
      .limit(5000),
    db.select({ n: sql<number>`count(*)` }).from(jobs).where(stalledCondition(now)),
  ]);
  const waits = [...timings, ...waiting]
    .map((t) => t.wait)
    .filter((v) => v !== null && v >= 0)
    .sort((a, b) => a - b);
  const runs = timings
    .map((t) => t.run)
    .filter((v) => v !== null && v >= 0)
    .sort((a, b) => a - b);
  const finished = byStatus
    .filter((s) => s.status === "succeeded" || s.status === "failed")
    .reduce((a, s) => a + s.n, 0);
  const failed = byStatus.find((s) => s.status === "failed")?.n ?? 0;
  return {
    windowHours: windowMs / 3_600_000,
    byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s.n])),
    byType,
    failureRate: finished ? failed / finished : 0,
    queueWaitMs: { p50: percentile(waits, 50), p95: percentile(waits, 95) },
    stalled: stalled[0]?.n ?? 0,
    runMs: { p50: percentile(runs, 50), p95: percentile(runs, 95) },
    spendUsd: Math.round((spend[0]?.usd ?? 0) * 10_000) / 10_000,
  };
}
