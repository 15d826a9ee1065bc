import { describe, expect, it } from "vitest";
import { as, waitFor } from "../../test/helpers";
import type { Job } from "./schema";

async function getJob(who: "admin" | "marketing" | "sales", id: string): Promise<Job> {
  const res = await as(who, `/api/jobs/${id}`);
  return ((await res.json()) as { job: Job }).job;
}

describe("jobs API", () => {
  it("runs a ping from enqueue to succeeded", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: {} },
    });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    expect(job.status).toBe("queued");
    const done = await waitFor(async () => {
      const j = await getJob("marketing", job.id);
      return j.status === "succeeded" ? j : undefined;
    });
    expect(done.result).toEqual({ pong: true, attempt: 1 });
    expect(done.attempts).toBe(1);
  });

  it("takes null for the optional input and idempotency key as absent, and still refuses a wrong input", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: null, idempotencyKey: null },
    });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    expect(job.input).toEqual({ sleepMs: 0, failTimes: 0 }); // the same as for `input: {}`
    expect(job.idempotencyKey).toBeNull();
    // Two null keys are two jobs, not one.
    const again = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", idempotencyKey: null },
    });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { job: Job }).job.id).not.toBe(job.id);
    const wrong = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: "soon" }, idempotencyKey: null },
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors[0]?.path).toMatch(/^input/);
  });

  it("takes null in an optional input field as unknown, and still refuses null where a value is needed", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: null, failTimes: null, spendUsd: null } },
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { job: Job }).job.input).toEqual({ sleepMs: 0, failTimes: 0 });
    const blog = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "content.blog", input: { topic: null, keywords: null } },
    });
    expect(blog.status).toBe(400);
    const paths = ((await blog.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(["input.topic"]);
  });

  it("finds a job by an id prefix, and a long or accented search is an empty page, not an error", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: {} },
    });
    const { job } = (await res.json()) as { job: Job };
    const found = async (q: string) => {
      const r = await as("marketing", `/api/jobs?q=${encodeURIComponent(q)}&limit=100`);
      expect(r.status).toBe(200);
      return ((await r.json()) as { items: Job[] }).items.map((j) => j.id);
    };
    expect(await found(job.id.slice(0, 20))).toContain(job.id);
    expect(await found(job.id)).toEqual([job.id]);
    expect(await found(`${job.id}X`)).toEqual([]);
    expect(await found("é".repeat(64))).toEqual([]);
    expect((await as("marketing", `/api/jobs?q=${"a".repeat(65)}`)).status).toBe(400);
  });

  it("pages through every event of a job with a cursor", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: 40 } },
    });
    const { job } = (await res.json()) as { job: Job };
    await waitFor(async () => (await getJob("marketing", job.id)).status === "succeeded");
    type Page = { items: Array<{ seq: number }>; nextCursor: string | null };
    const all = (await (await as("marketing", `/api/jobs/${job.id}/events`)).json()) as Page;
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(7);
    const seqs: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const qs: string = cursor ? `?limit=3&cursor=${cursor}` : "?limit=3";
      const page = (await (await as("marketing", `/api/jobs/${job.id}/events${qs}`)).json()) as Page;
      seqs.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seqs).toEqual(all.items.map((e) => e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const bad = await as("marketing", `/api/jobs/${job.id}/events?cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    // Another user's job stays invisible, cursor or not.
    expect((await as("sales", `/api/jobs/${job.id}/events?limit=3`)).status).toBe(404);
  });
});
