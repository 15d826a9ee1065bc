import { expect } from "vitest";
import { as, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";
import type { ContentWire } from "./schema";

/**
 * Lifts the cost guardrails for a test file (storage is isolated per file), so content tests
 * exercise the pipeline rather than the per-user daily carousel limit.
 */
export async function relaxGuardrails(extra: Record<string, unknown> = {}): Promise<void> {
  const current = (await (await as("admin", "/api/admin/guardrails")).json()) as Record<string, unknown>;
  const res = await as("admin", "/api/admin/guardrails", {
    method: "PUT",
    json: {
      ...current,
      globalDailyUsd: 100_000,
      globalMonthlyUsd: 1_000_000,
      userDailyUsd: 100_000,
      userJobsPerDay: { "content.carousel": 10_000 },
      maxConcurrentAiJobsPerUser: 50,
      providerRpm: { gemini: 100_000 },
      ...extra,
    },
  });
  expect(res.status).toBe(200);
}

/** Shared helpers of the content integration tests. */
export type Who = "admin" | "marketing" | "sales" | "sales2";

export async function startJob(
  who: Who,
  type: string,
  input: unknown,
  idempotencyKey?: string,
): Promise<Job> {
  const res = await as(who, "/api/jobs", { method: "POST", json: { type, input, idempotencyKey } });
  const body = (await res.json()) as { job: Job };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.job;
}

export async function jobOf(who: Who, id: string): Promise<Job> {
  return ((await (await as(who, `/api/jobs/${id}`)).json()) as { job: Job }).job;
}

export function settle(who: Who, id: string, timeoutMs = 30_000): Promise<Job> {
  return waitFor(
    async () => {
      const j = await jobOf(who, id);
      return ["succeeded", "failed", "cancelled"].includes(j.status) ? j : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

export async function contentOf(who: Who, id: string): Promise<ContentWire> {
  const res = await as(who, `/api/content/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { content: ContentWire }).content;
}

export async function bytesOf(who: Who, url: string): Promise<Uint8Array> {
  const res = await as(who, url);
  expect(res.status, url).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}
