import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { jobs } from "../../drizzle/schema";
import { as, db, userId } from "../../test/helpers";
import type { Job } from "./schema";
import { STALLED_LEASE_GRACE_MS, STALLED_QUEUED_MS, stalledOf } from "./stalled";

/** A job row as the engine leaves it, written straight to D1 (no queue message is sent). */
async function insertJob(
  owner: string,
  o: { status: "queued" | "running"; runAt: number; leaseUntil?: number },
) {
  const id = ulid();
  const now = Date.now();
  await db()
    .insert(jobs)
    .values({
      id,
      type: "system.ping",
      status: o.status,
      input: { sleepMs: 0 },
      attempts: o.status === "running" ? 1 : 0,
      maxAttempts: 3,
      userId: owner,
      runner: "queue",
      createdAt: o.runAt,
      updatedAt: now,
      startedAt: o.status === "running" ? o.runAt : null,
      runAt: o.runAt,
      leaseUntil: o.leaseUntil ?? null,
      progress: o.status === "running" ? { percent: 23, stage: "sleep", message: "Dormindo 1/4" } : null,
    });
  return id;
}

async function list(who: "admin" | "marketing", qs: string): Promise<Job[]> {
  const res = await as(who, `/api/jobs?${qs}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Job[] }).items;
}

describe("stalled jobs", () => {
  it("the rule: queued past runAt + 5 min, or running past its lease + 2 min", () => {
    const now = Date.now();
    expect(
      stalledOf({ status: "queued", runAt: now - STALLED_QUEUED_MS + 1000, leaseUntil: null }, now),
    ).toBe(null);
    expect(
      stalledOf({ status: "queued", runAt: now - STALLED_QUEUED_MS - 1000, leaseUntil: null }, now)?.reason,
    ).toBe("queue_wait");
    expect(
      stalledOf({ status: "running", runAt: now, leaseUntil: now - STALLED_LEASE_GRACE_MS - 1 }, now)?.reason,
    ).toBe("lease_expired");
    expect(stalledOf({ status: "running", runAt: now, leaseUntil: now - 1000 }, now)).toBe(null);
    expect(stalledOf({ status: "failed", runAt: 0, leaseUntil: 0 }, now)).toBe(null);
  });

  it("are flagged with their reason, filtered with ?stalled=true, scoped to their owner, and counted in the overview", async () => {
    const [admin, marketing] = [await userId("admin"), await userId("marketing")];
    const now = Date.now();
    const waiting = await insertJob(marketing, { status: "queued", runAt: now - 25 * 60_000 });
    const stuck = await insertJob(admin, {
      status: "running",
      runAt: now - 30 * 60_000,
      leaseUntil: now - 10 * 60_000,
    });
    const fresh = await insertJob(marketing, { status: "queued", runAt: now + 60_000 });

    const all = await list("admin", "stalled=true&limit=100");
    const ids = all.map((j) => j.id);
    expect(ids).toContain(waiting);
    expect(ids).toContain(stuck);
    expect(ids).not.toContain(fresh);
    expect(all.find((j) => j.id === waiting)?.stalled?.reason).toBe("queue_wait");
    expect(all.find((j) => j.id === stuck)?.stalled?.reason).toBe("lease_expired");

    // The marketer sees her own stalled job, never the admin's; a fresh job is not flagged.
    const mine = await list("marketing", "stalled=true&limit=100");
    expect(mine.map((j) => j.id)).toContain(waiting);
    expect(mine.map((j) => j.id)).not.toContain(stuck);
    const one = (await (await as("marketing", `/api/jobs/${fresh}`)).json()) as { job: Job };
    expect(one.job.stalled).toBe(null);

    // Bad filter values are refused precisely.
    const bad = await as("admin", "/api/jobs?stalled=maybe");
    expect(bad.status).toBe(400);

    // The overview counts them, and the queue wait reflects the job waiting 25 minutes.
    const m = (await (await as("admin", "/api/admin/metrics?hours=1")).json()) as {
      stalled: number;
      queueWaitMs: { p95: number | null };
    };
    expect(m.stalled).toBeGreaterThanOrEqual(2);
    expect(m.queueWaitMs.p95 ?? 0).toBeGreaterThanOrEqual(20 * 60_000);
  });
});
