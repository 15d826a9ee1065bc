import { describe, expect, it } from "vitest";
import { as, userId, waitFor } from "../../test/helpers";
import { type Job, type JobEvent, JobTypeList } from "./schema";

/**
 * Every engine event carries a stable code and the values its text is built from, so screens can
 * say it in the reader's language; `message` stays English for API clients and `data` reads as
 * before (#17.6).
 */
async function start(who: "admin" | "marketing", input: unknown): Promise<string> {
  const res = await as(who, "/api/jobs", { method: "POST", json: { type: "system.ping", input } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: Job }).job.id;
}

async function events(who: "admin" | "marketing", id: string): Promise<JobEvent[]> {
  const res = await as(who, `/api/jobs/${id}/events`);
  return ((await res.json()) as { items: JobEvent[] }).items;
}

async function status(who: "admin" | "marketing", id: string): Promise<Job> {
  return ((await (await as(who, `/api/jobs/${id}`)).json()) as { job: Job }).job;
}

describe("coded job events", () => {
  it("a retried failure: codes and params beside the English message, data unchanged", async () => {
    const id = await start("marketing", { failTimes: 1, sleepMs: 40 });
    await waitFor(async () => (await status("marketing", id)).status === "succeeded");
    const items = await events("marketing", id);
    const status_ = items.filter((e) => e.kind === "status");
    expect(status_.map((e) => e.code)).toEqual([
      "job.queued",
      "job.running",
      "job.retrying",
      "job.running",
      "job.succeeded",
    ]);
    expect(status_.map((e) => e.message)).toEqual([
      "Queued",
      "Running",
      expect.stringMatching(/^Attempt 1 failed \(ping_failed\); retrying in \d+ s$/),
      "Running",
      "Succeeded",
    ]);
    expect(status_[1]?.params).toEqual({ attempt: 1 });
    expect(status_[3]?.params).toEqual({ attempt: 2 });
    const retrying = status_[2];
    expect(retrying?.params).toMatchObject({ attempt: 1, error: "ping_failed" });
    const delayMs = Number(retrying?.params?.delayMs);
    expect(delayMs).toBeGreaterThan(0);
    expect(retrying?.message).toContain(`retrying in ${Math.ceil(delayMs / 1000)} s`);
    // `data` is still the error object API clients read.
    expect(retrying?.data).toMatchObject({ code: "ping_failed", retryable: true });
    // Progress carries the stage, its labels in both languages (declared by the type) and counts.
    const progress = items.filter((e) => e.kind === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.code).toBe("job.progress");
    expect(progress.at(-1)?.params).toMatchObject({
      stage: "sleep",
      stageLabel: { "pt-BR": "Aguardando", en: "Waiting" },
      done: 4,
      total: 4,
    });
    expect(progress.at(-1)?.data).toEqual({ percent: 90, stage: "sleep" });
    const job = await status("marketing", id);
    expect(job.progress).toMatchObject({ stage: "done" });
  });

  it("the job's progress names its stage in both languages while it runs", async () => {
    const id = await start("marketing", { sleepMs: 4000 });
    const running = await waitFor(async () => {
      const j = await status("marketing", id);
      return j.progress?.stage === "sleep" ? j : undefined;
    });
    expect(running.progress).toMatchObject({
      stage: "sleep",
      stageLabel: { "pt-BR": "Aguardando", en: "Waiting" },
      total: 4,
    });
    await waitFor(async () => (await status("marketing", id)).status === "succeeded", { timeoutMs: 20_000 });
  });

  it("cancel and retry say who acted (id, role and name), never only an id", async () => {
    const id = await start("marketing", { sleepMs: 8000 });
    await waitFor(async () => (await status("marketing", id)).status === "running");
    expect((await as("admin", `/api/jobs/${id}/cancel`, { method: "POST" })).status).toBe(200);
    expect((await as("marketing", `/api/jobs/${id}/retry`, { method: "POST" })).status).toBe(202);
    const items = await events("marketing", id);
    const cancelled = items.find((e) => e.code === "job.cancelled");
    const adminId = await userId("admin");
    expect(cancelled?.message).toBe(`Cancelled by ${adminId}`);
    expect(cancelled?.data).toEqual({ by: adminId });
    expect(cancelled?.params).toMatchObject({ by: adminId, byRole: "admin" });
    expect(typeof cancelled?.params?.byName).toBe("string");
    const retried = items.find((e) => e.code === "job.retried");
    expect(retried?.params).toMatchObject({ by: await userId("marketing"), byRole: "marketing" });
    await as("marketing", `/api/jobs/${id}/cancel`, { method: "POST" });
  });

  it("a failed job's last event names the error code", async () => {
    const id = await start("marketing", { failTimes: 5 });
    await waitFor(async () => (await status("marketing", id)).status === "failed", { timeoutMs: 25_000 });
    const last = (await events("marketing", id)).filter((e) => e.kind === "status").at(-1);
    expect(last?.code).toBe("job.failed");
    expect(last?.params).toMatchObject({ error: "ping_failed" });
    expect(last?.message).toMatch(/^Failed: /);
  });

  it("the types list names each type in both languages (the Job Monitor's filter shows it)", async () => {
    const res = await as("marketing", "/api/jobs/types");
    const { items } = JobTypeList.parse(await res.json());
    expect(items.find((t) => t.type === "content.carousel")?.name).toEqual({
      "pt-BR": "Carrossel",
      en: "Carousel",
    });
  });
});
