import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobEvents } from "../../drizzle/schema";
import { as, db, waitFor } from "../../test/helpers";
import type { Job } from "./schema";

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
});
