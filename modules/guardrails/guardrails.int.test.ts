import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { jobs } from "../../drizzle/schema";
import { as, db, userId, waitFor } from "../../test/helpers";
import { services } from "../../workers/services";
import { GuardrailAlertList } from "../contracts/platform";
import type { Job } from "../jobs/schema";

// Storage is isolated per test file, so these global settings touch no other suite.
async function setGuardrails(patch: Record<string, unknown>) {
  const current = await (await as("admin", "/api/admin/guardrails")).json();
  const res = await as("admin", "/api/admin/guardrails", {
    method: "PUT",
    json: { ...(current as object), ...patch },
  });
  expect(res.status).toBe(200);
}

const ping = (who: "marketing" | "sales" | "admin", input: Record<string, unknown> = {}) =>
  as(who, "/api/jobs", { method: "POST", json: { type: "system.ping", input } });

async function countJobs(owner: string) {
  const [r] = await db().select({ n: sql<number>`count(*)` }).from(jobs).where(eq(jobs.userId, owner));
  return r?.n ?? 0;
}

async function finished(id: string): Promise<Job> {
  return waitFor(async () => {
    const j = ((await (await as("admin", `/api/jobs/${id}`)).json()) as { job: Job }).job;
    return ["succeeded", "failed"].includes(j.status) ? j : undefined;
  });
}

describe("cost guardrails", () => {
  beforeEach(async () => {
    await setGuardrails({
      killSwitch: false,
      aiJobTypes: ["system.ping"],
      userJobsPerDay: {},
      userDailyUsd: 20,
      maxConcurrentAiJobsPerUser: 3,
    });
  });

  it("refuses at enqueue with 429, Retry-After and a pt-BR message; nothing stored; alert recorded", async () => {
    await setGuardrails({ userJobsPerDay: { "system.ping": 2 } });
    const owner = await userId("sales");
    expect((await ping("sales")).status).toBe(202);
    expect((await ping("sales")).status).toBe(202);
    const before = await countJobs(owner);
    const refused = await ping("sales");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { detail: string; code: string };
    expect(body.detail).toContain(`Limite diário de "Ping" atingido`);
    expect(body.code).toBe("limit_exceeded");
    expect(await countJobs(owner)).toBe(before);
    const alerts = GuardrailAlertList.parse(await (await as("admin", "/api/admin/alerts")).json());
    const alert = alerts.items.find((a) => a.kind === "limit_exceeded" && a.userId === owner);
    // The admin's screen says it in the admin's language: key and params, the type by its name.
    expect(alert?.data).toMatchObject({
      messageKey: "jobsPerDay",
      params: { type: { "pt-BR": "Ping", en: "Ping" }, limit: 2 },
    });
    // Another user has their own quota.
    expect((await ping("marketing")).status).toBe(202);
  });

  it("accepts exactly 10 of 50 concurrent enqueues against a limit of 10", async () => {
    await setGuardrails({ userJobsPerDay: { "system.ping": 10 } });
    // A user with no jobs today (the counter is per user per day).
    const results = await Promise.all(Array.from({ length: 50 }, () => ping("admin")));
    expect(results.filter((r) => r.status === 202)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(40);
    expect(await countJobs(await userId("admin"))).toBe(10);
  });

  it("counts a job once however many identical idempotent requests race for it", async () => {
    await setGuardrails({ userJobsPerDay: { "system.ping": 2 } });
    const key = `same-${crypto.randomUUID()}`;
    const racing = await Promise.all(
      Array.from({ length: 20 }, () =>
        as("sales2", "/api/jobs", {
          method: "POST",
          json: { type: "system.ping", input: {}, idempotencyKey: key },
        }),
      ),
    );
    expect(racing.every((r) => r.status === 202 || r.status === 200)).toBe(true);
    // One job used one of two: exactly one more fits.
    expect(
      (await as("sales2", "/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } })).status,
    ).toBe(202);
    expect(
      (await as("sales2", "/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } })).status,
    ).toBe(429);
  });

  it("the kill switch stops AI job types in the user's language, not the others", async () => {
    await setGuardrails({ killSwitch: true });
    const res = await ping("marketing");
    expect(res.status).toBe(429);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      "A geração com IA está pausada pelo administrador.",
    );
    const other = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.pipeline", input: {} },
    });
    expect(other.status).toBe(202);
  });

  it("stops a job mid-run when its next paid call would cross the limit, and warns at 80 %", async () => {
    await setGuardrails({ userDailyUsd: 0.7 });
    // Simulated spend is an admin drill.
    expect((await ping("marketing", { spendUsd: 0.6 })).status).toBe(403);
    const first = (await (await ping("admin", { spendUsd: 0.6 })).json()) as { job: Job };
    const done = await finished(first.job.id);
    expect(done.status).toBe("succeeded");
    expect(done.costUsd).toBeCloseTo(0.6);
    const usage = (await (await as("admin", "/api/usage")).json()) as {
      user: { usdToday: number };
      warning: boolean;
    };
    expect(usage.user.usdToday).toBeCloseTo(0.6);
    expect(usage.warning).toBe(true);
    const second = (await (await ping("admin", { spendUsd: 0.6 })).json()) as { job: Job };
    const stopped = await finished(second.job.id);
    expect(stopped.status).toBe("failed");
    expect(stopped.error).toMatchObject({ code: "budget_exceeded", retryable: true });
    expect(stopped.attempts).toBe(1);
    expect(stopped.costUsd).toBe(0);
    const alerts = GuardrailAlertList.parse(await (await as("admin", "/api/admin/alerts")).json());
    expect(alerts.items.map((a) => a.kind)).toEqual(
      expect.arrayContaining(["warning_80", "budget_exceeded"]),
    );
    expect(alerts.items.filter((a) => a.kind === "warning_80")).toHaveLength(1);
  });

  it("keeps the 4th AI job queued until one of the first three finishes", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(((await (await ping("marketing", { sleepMs: 1500 })).json()) as { job: Job }).job.id);
    let maxRunning = 0;
    const rowsOf = () =>
      Promise.all(ids.map(async (id) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]));
    await waitFor(
      async () => {
        const rows = await rowsOf();
        maxRunning = Math.max(maxRunning, rows.filter((r) => r?.status === "running").length);
        return rows.every((r) => r?.status === "succeeded");
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(maxRunning).toBeLessThanOrEqual(3);
    const rows = await rowsOf();
    const starts = rows.map((r) => r?.startedAt ?? 0).sort((a, b) => a - b);
    const firstFinish = Math.min(...rows.map((r) => r?.finishedAt ?? Number.POSITIVE_INFINITY));
    expect(starts[3]).toBeGreaterThanOrEqual(firstFinish);
  });

  it("only admins manage guardrails; everyone sees their usage", async () => {
    expect((await as("marketing", "/api/admin/guardrails")).status).toBe(403);
    expect((await as("sales", "/api/admin/guardrails", { method: "PUT", json: {} })).status).toBe(403);
    const bad = await as("admin", "/api/admin/guardrails", { method: "PUT", json: { globalDailyUsd: -1 } });
    expect(bad.status).toBe(400);
    const usage = await as("sales", "/api/usage");
    expect(usage.status).toBe(200);
    expect(await usage.json()).toMatchObject({ global: { limitUsdDay: 50, limitUsdMonth: 500 } });
  });
});

describe("provider flow control", () => {
  it("shares a requests-per-minute budget across jobs and pauses everyone after a 429", async () => {
    await setGuardrails({ providerRpm: { gemini: 2 } });
    const gate = services(env).guard;
    expect(await gate.acquire("gemini")).toBe(0);
    expect(await gate.acquire("gemini")).toBe(0);
    const wait = await gate.acquire("gemini");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    await setGuardrails({ providerRpm: { other: 1000 } });
    expect(await gate.acquire("other")).toBe(0);
    await gate.pause("other", 5000);
    expect(await gate.acquire("other")).toBeGreaterThan(4000);
    // Providers without a configured limit are not gated.
    expect(await gate.acquire("unlisted")).toBe(0);
  });
});
