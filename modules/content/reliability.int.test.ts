import { env } from "cloudflare:workers";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentItems } from "../../drizzle/schema";
import { createFakeGemini, FAKE_GEMINI_URL } from "../../test/fakes/gemini";
import { db, jobRows, waitFor } from "../../test/helpers";
import { configureContent } from "./config";
import { seedContentDemo } from "./seed";
import { relaxGuardrails, startJob } from "./testing";

const fake = createFakeGemini();
// 100 jobs keep the claim testable (≥ 99 % allows one failure) in a third of the time 200 took.
const N = 100;

beforeAll(async () => {
  configureContent({
    // Rendering is switched off here (CONTENT_RENDER_MODE=none): this test measures the pipeline's
    // reliability under provider failures, not 1,000 slide renders; rendering is covered elsewhere.
    envOverrides: {
      GEMINI_API_KEY: "fake-key",
      GEMINI_BASE_URL: FAKE_GEMINI_URL,
      CONTENT_RENDER_MODE: "none",
    },
    fetch: fake.fetch,
  });
  await seedContentDemo(db(), env);
  await relaxGuardrails();
  fake.setFailureRate(0.2, 20261125);
});
afterAll(() => configureContent({ envOverrides: {}, fetch: undefined }));

describe("NFR10 reliability", () => {
  it(`runs ${N} carousel jobs with 20 % of Gemini calls failing: ≥ 99 % succeed, none duplicated`, async () => {
    const t0 = Date.now();
    const started = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        startJob("marketing", "content.carousel", {
          topic: `Implante dentário lote ${i}`,
          profile: "company",
        }),
      ),
    );
    const ids = started.map((j) => j.id);
    const final = await waitFor(
      async () => {
        const r = await jobRows(ids);
        return r.every((x) => ["succeeded", "failed", "cancelled"].includes(x.status)) ? r : undefined;
      },
      { timeoutMs: 280_000, intervalMs: 500 },
    );
    const succeeded = final.filter((r) => r.status === "succeeded");
    const failed = final.filter((r) => r.status !== "succeeded");
    const failures = fake.calls.filter((c) => c.status !== 200).length;
    console.log(
      JSON.stringify({
        jobs: N,
        succeeded: succeeded.length,
        failed: failed.map((f) => ({ id: f.id, error: f.error })),
        providerCalls: fake.calls.length,
        injectedFailures: failures,
        retriedJobs: final.filter((r) => r.attempts > 1).length,
        maxAttempts: Math.max(...final.map((r) => r.attempts)),
        seconds: (Date.now() - t0) / 1000,
      }),
    );
    expect(failures).toBeGreaterThan(N * 0.3);
    expect(succeeded.length / N).toBeGreaterThanOrEqual(0.99);
    // Every failure carries its explanation.
    for (const f of failed) expect(f.error?.message).toBeTruthy();
    // Exactly one content item per succeeded job, none for the others.
    const counts = [];
    for (let i = 0; i < ids.length; i += 90) {
      counts.push(
        ...(await db()
          .select({ jobId: contentItems.jobId, n: sql<number>`count(*)` })
          .from(contentItems)
          .where(inArray(contentItems.jobId, ids.slice(i, i + 90)))
          .groupBy(contentItems.jobId)),
      );
    }
    expect(counts.length).toBe(succeeded.length);
    expect(counts.every((c) => c.n === 1)).toBe(true);
  }, 300_000);
});
