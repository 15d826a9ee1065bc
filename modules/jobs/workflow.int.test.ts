import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jobEvents, jobs } from "../../drizzle/schema";
import { as, db, waitFor } from "../../test/helpers";
import worker from "../../workers/index";
import { registry } from "../../workers/services";
import { workflowInstanceId } from "./engine";
import type { Job } from "./schema";
import { defineJobType } from "./types";

/** One stage that calls a "provider" (the fake hooks server counts calls) and outlasts its lease. */
const slowStage = defineJobType({
  type: "test.slow-stage",
  description: "Test only: a stage twice as long as the lease.",
  runner: "workflow",
  input: z.object({ tag: z.string() }),
  result: z.object({ ok: z.literal(true) }),
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 100 },
  timeoutMs: 1500,
  allowedRoles: ["sales"],
  scope: "jobs:write",
  steps: [
    {
      name: "call",
      label: { "pt-BR": "Provedor", en: "Provider" },
      async run(ctx) {
        await fetch(`${env.FAKE_HOOKS_URL}/slack/ok/${ctx.input.tag}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: "call" }),
        });
        await new Promise((r) => setTimeout(r, 3000));
        return { called: true };
      },
    },
  ],
  async finish() {
    return { ok: true as const };
  },
});
if (!registry.get(slowStage.type)) registry.register(slowStage);

const providerCalls = async (tag: string): Promise<number> => {
  const all = (await (await fetch(`${env.FAKE_HOOKS_URL}/__requests`)).json()) as Array<{ path: string }>;
  return all.filter((r) => r.path.endsWith(tag)).length;
};

async function sweep(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled({ cron: "* * * * *", scheduledTime: Date.now(), noRetry() {} }, env, ctx);
  await waitOnExecutionContext(ctx);
}

async function startSlow(tag: string): Promise<string> {
  const res = await as("sales", "/api/jobs", {
    method: "POST",
    json: { type: slowStage.type, input: { tag } },
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: Job }).job.id;
}

const finished = (id: string) =>
  waitFor(
    async () => {
      const j = ((await (await as("sales", `/api/jobs/${id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 20_000 },
  );

async function run(input: unknown): Promise<Job> {
  const res = await as("sales", "/api/jobs", { method: "POST", json: { type: "system.pipeline", input } });
  expect(res.status).toBe(202);
  const { job } = (await res.json()) as { job: Job };
  return waitFor(
    async () => {
      const j = ((await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 30_000 },
  );
}

async function stageRuns(jobId: string): Promise<Record<string, number>> {
  const rows = await db().select().from(jobEvents).where(eq(jobEvents.jobId, jobId));
  const out: Record<string, number> = {};
  for (const e of rows) {
    const m = e.message.match(/^stage (\w+) executed$/);
    if (m?.[1]) out[m[1]] = (out[m[1]] ?? 0) + 1;
  }
  return out;
}

describe("multi-stage jobs on Workflows", () => {
  it("checkpoints each stage and resumes after the failed one without repeating earlier stages", async () => {
    const job = await run({ failAt: "process", failTimes: 1 });
    expect(job.status).toBe("succeeded");
    expect(job.attempts).toBe(2);
    expect(job.result).toEqual({ stages: ["prepare", "process", "publish"], attempt: 2 });
    expect(Object.keys(job.checkpoint ?? {})).toEqual(["prepare", "process", "publish"]);
    expect(await stageRuns(job.id)).toEqual({ prepare: 1, process: 2, publish: 1 });
  });

  it("a manual retry of a failed pipeline resumes from its checkpoint", async () => {
    const failed = await run({ failAt: "publish", failTimes: 3 });
    expect(failed.status).toBe("failed");
    expect(Object.keys(failed.checkpoint ?? {})).toEqual(["prepare", "process"]);
    const retried = await as("sales", `/api/jobs/${failed.id}/retry`, { method: "POST" });
    expect(retried.status).toBe(202);
    const done = await waitFor(async () => {
      const j = ((await (await as("sales", `/api/jobs/${failed.id}`)).json()) as { job: Job }).job;
      return j.status === "succeeded" ? j : undefined;
    });
    expect(done.attempts).toBe(4);
    expect(await stageRuns(failed.id)).toEqual({ prepare: 1, process: 1, publish: 4 });
  });

  it("keeps the lease through a stage twice as long as it: one attempt, one provider call", async () => {
    const tag = `slow-${crypto.randomUUID()}`;
    const id = await startSlow(tag);
    await waitFor(async () => (await providerCalls(tag)) === 1);
    // The sweeper runs throughout the 3 s stage (lease 1.5 s): it must find nothing to recover.
    for (let i = 0; i < 8; i++) {
      await sweep();
      await new Promise((r) => setTimeout(r, 400));
    }
    const job = await finished(id);
    expect(job.status).toBe("succeeded");
    expect(job.attempts).toBe(1);
    expect(await providerCalls(tag)).toBe(1);
  }, 30_000);

  it("terminates the previous attempt's Workflow before the next attempt starts", async () => {
    const tag = `lost-${crypto.randomUUID()}`;
    const id = await startSlow(tag);
    await waitFor(async () => (await providerCalls(tag)) === 1);
    // The attempt loses its lease (as after a network partition) and the sweeper recovers it.
    await db()
      .update(jobs)
      .set({ leaseUntil: Date.now() - 1 })
      .where(eq(jobs.id, id));
    await sweep();
    await waitFor(async () => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]?.attempts === 2);
    const first = await env.JOB_WORKFLOW.get(workflowInstanceId(id, 1));
    await waitFor(async () => (await first.status()).status === "terminated");
    const job = await finished(id);
    expect(job.status).toBe("succeeded");
    expect(job.attempts).toBe(2);
    // The stage had no checkpoint, so the second attempt called again; the first never finished.
    expect(await providerCalls(tag)).toBe(2);
    const saved = await db().select().from(jobEvents).where(eq(jobEvents.jobId, id));
    expect(saved.filter((e) => e.kind === "checkpoint")).toHaveLength(1);
  }, 30_000);
  it("after a local restart, recovers a Workflow run whose instance ended and leaves a live one alone", async () => {
    const tag = `restart-${crypto.randomUUID()}`;
    const live = await startSlow(tag);
    await waitFor(async () => (await providerCalls(tag)) === 1);
    // A run whose instance ended without finishing the job (its last write died with the process).
    const res = await as("sales", "/api/jobs", {
      method: "POST",
      json: { type: "system.pipeline", input: {} },
    });
    const orphan = ((await res.json()) as { job: Job }).job.id;
    await finished(orphan);
    await db()
      .update(jobs)
      .set({ status: "running", attempts: 1, finishedAt: null, leaseUntil: Date.now() + 180_000 })
      .where(eq(jobs.id, orphan));
    // Both look like the dead process's (heartbeat before this one started).
    await db()
      .update(jobs)
      .set({ heartbeatAt: 1 })
      .where(inArray(jobs.id, [live, orphan]));
    const answer = await as("admin", "/api/dev/requeue", { method: "POST" });
    expect(((await answer.json()) as { recovered: number }).recovered).toBe(1);
    const [liveJob, orphanJob] = [await finished(live), await finished(orphan)];
    expect(liveJob).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await providerCalls(tag)).toBe(1);
    expect(orphanJob).toMatchObject({ status: "succeeded", attempts: 2 });
  }, 30_000);
});
