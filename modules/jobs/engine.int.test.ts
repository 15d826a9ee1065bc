import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobEvents, jobs } from "../../drizzle/schema";
import { as, db, jobRows, userId, waitFor } from "../../test/helpers";
import worker from "../../workers/index";
import { services } from "../../workers/services";
import { JobEngine } from "./engine";
import type { Job } from "./schema";

type Who = "admin" | "marketing" | "sales";

async function enqueue(who: Who, input: unknown, type = "system.ping", idempotencyKey?: string) {
  const res = await as(who, "/api/jobs", { method: "POST", json: { type, input, idempotencyKey } });
  return { status: res.status, job: ((await res.json()) as { job: Job }).job };
}

async function settled(ids: string[], timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const rows = await jobRows(ids);
      return rows.every((r) => ["succeeded", "failed", "cancelled"].includes(r.status)) ? rows : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

async function runningEvents(id: string) {
  const rows = await db().select().from(jobEvents).where(eq(jobEvents.jobId, id));
  return rows.filter((e) => e.kind === "status" && e.message === "Running").length;
}

describe("job engine", () => {
  it("runs 200 concurrent enqueues exactly once each", async () => {
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => enqueue("marketing", {})));
    expect(results.every((r) => r.status === 202)).toBe(true);
    const ids = results.map((r) => r.job.id);
    expect(new Set(ids).size).toBe(200);
    const rows = await settled(ids, 60_000);
    expect(rows.map((r) => r.status)).toEqual(Array(200).fill("succeeded"));
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    const starts = await db()
      .select({ jobId: jobEvents.jobId, n: sql<number>`count(*)` })
      .from(jobEvents)
      .innerJoin(jobs, eq(jobs.id, jobEvents.jobId))
      .where(
        sql`${jobEvents.message} = 'Running' and ${jobs.userId} = ${rows[0]?.userId} and ${jobs.createdAt} >= ${t0}`,
      )
      .groupBy(jobEvents.jobId);
    expect(starts.filter((s) => ids.includes(s.jobId))).toHaveLength(200);
    expect(starts.every((s) => s.n === 1)).toBe(true);
  }, 90_000);

  it("turns 50 concurrent requests with one idempotency key into one job", async () => {
    const key = `key-${crypto.randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => enqueue("sales", {}, "system.ping", key)),
    );
    const ids = new Set(results.map((r) => r.job.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(49);
    const count = await db().select().from(jobs).where(eq(jobs.idempotencyKey, key));
    expect(count).toHaveLength(1);
    // The same key from another user is that user's own job.
    const other = await enqueue("marketing", {}, "system.ping", key);
    expect(other.status).toBe(202);
    expect(other.job.id).not.toBe([...ids][0]);
  });

  it("does not re-run a job when its message is delivered again", async () => {
    const { job } = await enqueue("marketing", {});
    await settled([job.id]);
    const batch = createMessageBatch("lifetrek-jobs", [
      { id: "dup-1", timestamp: new Date(), attempts: 1, body: { jobId: job.id } },
      { id: "dup-2", timestamp: new Date(), attempts: 1, body: { jobId: job.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["dup-1", "dup-2"]);
    const [row] = await db().select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.attempts).toBe(1);
    expect(await runningEvents(job.id)).toBe(1);
  });

  it("lets exactly one of many racing deliveries claim a queued job", async () => {
    // A job stored but not yet delivered (its send failed), then five deliveries at once.
    const stuck = engineWith({ send: () => Promise.reject(new Error("queue down")) } as unknown as Queue);
    const owner = await userId("marketing");
    const { job } = await stuck.enqueue(
      { userId: owner, role: "marketing", scopes: new Set(["jobs:write" as const]), via: "session" },
      { type: "system.ping", input: {} },
    );
    const claims = await Promise.all(Array.from({ length: 5 }, () => stuck.claim(job.id)));
    expect(claims.filter((c) => c !== null && "row" in c)).toHaveLength(1);
    expect((await stuck.loadRow(job.id))?.attempts).toBe(1);
  });

  it("runs a directly started job once while its queue delivery races it", async () => {
    const { engine } = services(env);
    const owner = await userId("marketing");
    const actor = {
      userId: owner,
      role: "marketing" as const,
      scopes: new Set(["jobs:write" as const]),
      via: "session" as const,
    };
    // Some finish at once, some sleep, so the delivery lands before, during and after the run.
    const inputs = Array.from({ length: 20 }, (_, i) => ({ sleepMs: i % 2 ? 300 : 0 }));
    const direct: Promise<unknown>[] = [];
    const ids = await Promise.all(
      inputs.map(async (input, i) => {
        const { job } = await engine.enqueue(
          actor,
          { type: "system.ping", input },
          { waitUntil: (work) => direct.push(work) },
        );
        const batch = createMessageBatch("lifetrek-jobs", [
          { id: `race-${i}`, timestamp: new Date(), attempts: 1, body: { jobId: job.id } },
        ]);
        const ctx = createExecutionContext();
        await worker.queue(batch, env, ctx);
        expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([`race-${i}`]);
        return job.id;
      }),
    );
    expect(direct).toHaveLength(20);
    await Promise.all(direct);
    const rows = await settled(ids);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(20).fill(["succeeded", 1]));
    for (const id of ids) expect(await runningEvents(id)).toBe(1);
  });

  it("recovers a job whose worker crashed (expired lease) and counts the attempt", async () => {
    const { engine } = services(env);
    const owner = await userId("sales");
    const actor = {
      userId: owner,
      role: "sales" as const,
      scopes: new Set(["jobs:write" as const]),
      via: "session" as const,
    };
    const { job } = await engine.enqueue(actor, { type: "system.pipeline", input: {} });
    // Simulate a worker that claimed the job and died: running, lease in the past.
    await waitFor(async () => (await engine.loadRow(job.id))?.status !== "queued");
    await db()
      .update(jobs)
      .set({ status: "running", leaseUntil: Date.now() - 1000 })
      .where(eq(jobs.id, job.id));
    const before = (await engine.loadRow(job.id))?.attempts ?? 0;
    const ctx = createExecutionContext();
    await worker.scheduled({ cron: "* * * * *", scheduledTime: Date.now(), noRetry() {} }, env, ctx);
    await waitOnExecutionContext(ctx);
    const [row] = await settled([job.id]);
    expect(row?.status).toBe("succeeded");
    expect(row?.attempts).toBeGreaterThan(before);
    const events = await as("sales", `/api/jobs/${job.id}/events`);
    const body = (await events.json()) as { items: Array<{ message: string }> };
    expect(body.items.some((e) => e.message.includes("lease_expired"))).toBe(true);
  });

  it("retries failTimes attempts then succeeds", async () => {
    const { job } = await enqueue("marketing", { failTimes: 2 });
    const [row] = await settled([job.id]);
    expect(row?.status).toBe("succeeded");
    expect(row?.attempts).toBe(3);
    expect(row?.result).toEqual({ pong: true, attempt: 3 });
  });

  it("ends failed with input kept after the last attempt, and retry runs it again", async () => {
    const { job } = await enqueue("marketing", { failTimes: 3 });
    const [failed] = await settled([job.id]);
    expect(failed?.status).toBe("failed");
    expect(failed?.input).toEqual({ sleepMs: 0, failTimes: 3 });
    expect(failed?.error).toMatchObject({ code: "ping_failed", retryable: true });
    const res = await as("marketing", `/api/jobs/${job.id}/retry`, { method: "POST" });
    expect(res.status).toBe(202);
    await waitFor(async () => (await engine().loadRow(job.id))?.status === "succeeded");
    const row = await engine().loadRow(job.id);
    expect(row?.attempts).toBe(4);
    expect(row?.result).toEqual({ pong: true, attempt: 4 });
    // Retrying a succeeded job is a conflict.
    expect((await as("marketing", `/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(409);
  });

  it("cancels a running job, which then never completes", async () => {
    const { job } = await enqueue("marketing", { sleepMs: 4000 });
    await waitFor(async () => (await engine().loadRow(job.id))?.status === "running");
    const res = await as("marketing", `/api/jobs/${job.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { job: Job }).job.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 4500));
    expect((await engine().loadRow(job.id))?.status).toBe("cancelled");
    expect((await as("marketing", `/api/jobs/${job.id}/cancel`, { method: "POST" })).status).toBe(409);
  });

  it("re-dispatches a job whose queue send failed", async () => {
    let clock = Date.now();
    const broken = engineWith(
      { send: () => Promise.reject(new Error("queue down")) } as unknown as Queue,
      () => clock,
    );
    const owner = await userId("marketing");
    const { job } = await broken.enqueue(
      { userId: owner, role: "marketing", scopes: new Set(["jobs:write" as const]), via: "session" },
      { type: "system.ping", input: {} },
    );
    expect((await broken.loadRow(job.id))?.dispatchedAt).toBeNull();
    // A minute later the sweeper (with a working queue) finds and sends it.
    clock += 60_000;
    const healthy = engineWith(env.JOBS_QUEUE, () => clock);
    const swept = await healthy.sweep();
    expect(swept.redispatched).toBeGreaterThanOrEqual(1);
    const [row] = await settled([job.id]);
    expect(row?.status).toBe("succeeded");
  });

  it("takes over what a killed local run left behind: its queued jobs and its dead runs", async () => {
    // Sends the queue accepted and then lost, as a killed local stack loses its messages.
    const lost = engineWith({ send: () => Promise.resolve() } as unknown as Queue, Date.now);
    const actor = {
      userId: await userId("marketing"),
      role: "marketing" as const,
      scopes: new Set(["jobs:write" as const]),
      via: "session" as const,
    };
    const ping = () => lost.enqueue(actor, { type: "system.ping", input: {} }).then((r) => r.job);
    const [job, later, orphan] = [await ping(), await ping(), await ping()];
    await db()
      .update(jobs)
      .set({ runAt: Date.now() + 3_600_000 })
      .where(eq(jobs.id, later.id));
    // A run of the dead process: heartbeated before this one started, its lease not yet expired.
    await db()
      .update(jobs)
      .set({ status: "running", attempts: 1, heartbeatAt: 1, leaseUntil: Date.now() + 60_000 })
      .where(eq(jobs.id, orphan.id));
    // A run of this process is alive: left alone, it finishes on its own.
    const { job: alive } = await enqueue("marketing", { sleepMs: 1500 });
    await waitFor(async () => (await engine().loadRow(alive.id))?.status === "running");
    // The sweeper trusts a send this recent and a lease not yet expired: nothing for it yet.
    expect(await engine().sweep()).toEqual({ recovered: 0, redispatched: 0 });
    const res = await as("admin", "/api/dev/requeue", { method: "POST" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { resent: number; recovered: number };
    expect(body.resent).toBeGreaterThanOrEqual(2);
    expect(body.recovered).toBe(1);
    const rows = await settled([job.id, orphan.id, alive.id]);
    expect(rows.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(await runningEvents(job.id)).toBe(1);
    expect((await engine().loadRow(orphan.id))?.attempts).toBe(2);
    expect(await runningEvents(alive.id)).toBe(1);
    // A job waiting for its run time was re-sent with what remains of the wait, not run early.
    expect((await engine().loadRow(later.id))?.status).toBe("queued");
    await db().delete(jobs).where(eq(jobs.id, later.id));
  });

  it("marks a dead-lettered job failed", async () => {
    const { job } = await enqueue("marketing", { sleepMs: 10_000 });
    await as("marketing", `/api/jobs/${job.id}/cancel`, { method: "POST" });
    await db().update(jobs).set({ status: "queued", finishedAt: null }).where(eq(jobs.id, job.id));
    const batch = createMessageBatch("lifetrek-jobs-dlq", [
      { id: "dl-1", timestamp: new Date(), attempts: 1, body: { jobId: job.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const row = await engine().loadRow(job.id);
    expect(row?.status).toBe("failed");
    expect(row?.error?.code).toBe("dead_lettered");
  });
});

const engine = () => services(env).engine;

function engineWith(queue: Queue, now?: () => number): JobEngine {
  const s = services(env);
  return new JobEngine({
    db: s.db,
    env,
    queue: queue as Queue<{ jobId: string }>,
    workflow: env.JOB_WORKFLOW,
    publish: async () => {},
    registry: s.engine.registry,
    ...(now ? { now } : {}),
  });
}
