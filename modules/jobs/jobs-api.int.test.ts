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
});
