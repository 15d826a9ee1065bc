import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { jobs } from "../../drizzle/schema";
import { as, db, userId, waitFor } from "../../test/helpers";
import { registry, services } from "../../workers/services";
import { actorFor } from "../core/actor";
import type { Job } from "../jobs/schema";
import { defineJobType, JobFailure } from "../jobs/types";
import { GuardrailService } from "./service";
import { dayKey, monthKey } from "./time";

async function setGuardrails(patch: Record<string, unknown>) {
  const current = await (await as("admin", "/api/admin/guardrails")).json();
  const res = await as("admin", "/api/admin/guardrails", {
    method: "PUT",
    json: { ...(current as object), ...patch },
  });
  expect(res.status).toBe(200);
}

/** The guardrails on a clock of our choosing: each scenario gets a day and month nobody used. */
const guardAt = (at: number) =>
  new GuardrailService(
    services(env).db,
    env.BUDGET,
    registry,
    (userId, since) => services(env).engine.countCreated(userId, since),
    () => at,
  );
const counter = (scope: string) => env.BUDGET.get(env.BUDGET.idFromName(scope));

async function race(guard: GuardrailService, who: string, n: number, usd: number) {
  const actor = actorFor(who, "sales", "job");
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, (_, i) =>
      guard.reserve(actor, { id: `race-${i}`, type: "x" }, usd, "test call"),
    ),
  );
  const held = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  const refused = outcomes.filter(
    (o) => o.status === "rejected" && o.reason instanceof JobFailure && o.reason.code === "budget_exceeded",
  );
  return { actor, held, refused: refused.length };
}

describe("spend is reserved before each paid call and settled after", () => {
  beforeEach(async () => {
    await setGuardrails({
      killSwitch: false,
      aiJobTypes: [],
      userJobsPerDay: {},
      maxConcurrentAiJobsPerUser: 10,
    });
  });

  it("50 concurrent reservations hit the user's daily limit exactly and never pass it; settling gives back the difference", async () => {
    await setGuardrails({ userDailyUsd: 10, globalDailyUsd: 10_000, globalMonthlyUsd: 100_000 });
    const at = Date.UTC(2031, 0, 15, 15);
    const who = await userId("sales");
    const { actor, held, refused } = await race(guardAt(at), who, 50, 1);
    expect(held).toHaveLength(10);
    expect(refused).toBe(40);
    const day = `usd:day:${dayKey(at)}`;
    expect((await counter(`user:${who}`).get([day]))[day]).toBeCloseTo(10, 9);
    // Each call really cost half its estimate: the other half goes back.
    for (const hold of held)
      await guardAt(at).record(
        actor,
        { id: "race", type: "x" },
        { model: "m", kind: "text", usd: 0.5 },
        hold,
      );
    expect((await counter(`user:${who}`).get([day]))[day]).toBeCloseTo(5, 9);
  });

  it("50 concurrent reservations hit the global daily limit exactly", async () => {
    await setGuardrails({ userDailyUsd: 10_000, globalDailyUsd: 10, globalMonthlyUsd: 100_000 });
    const at = Date.UTC(2031, 1, 15, 15);
    const { held, refused } = await race(guardAt(at), await userId("sales2"), 50, 1);
    expect(held).toHaveLength(10);
    expect(refused).toBe(40);
    const day = `usd:day:${dayKey(at)}`;
    expect((await counter("global").get([day]))[day]).toBeCloseTo(10, 9);
  });

  it("50 concurrent reservations hit the global monthly limit exactly", async () => {
    await setGuardrails({ userDailyUsd: 10_000, globalDailyUsd: 10_000, globalMonthlyUsd: 10 });
    const at = Date.UTC(2031, 2, 15, 15);
    const who = await userId("marketing");
    const { held, refused } = await race(guardAt(at), who, 50, 1);
    expect(held).toHaveLength(10);
    expect(refused).toBe(40);
    const month = `usd:month:${monthKey(at)}`;
    expect((await counter("global").get([month]))[month]).toBeCloseTo(10, 9);
    // A refused global reservation left nothing held in the user's counter.
    const day = `usd:day:${dayKey(at)}`;
    expect((await counter(`user:${who}`).get([day]))[day]).toBeCloseTo(10, 9);
  });

  it("accept-time checks reserve the job's estimate, and give it back when the job is not created", async () => {
    await setGuardrails({ userDailyUsd: 10, globalDailyUsd: 10_000, globalMonthlyUsd: 100_000 });
    const at = Date.UTC(2031, 3, 15, 15);
    const who = await userId("sales");
    const def = defineJobType({
      type: "test.paid",
      description: "",
      runner: "queue",
      input: z.object({}),
      result: z.object({}),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      timeoutMs: 1000,
      allowedRoles: ["sales"],
      scope: "jobs:write",
      estimateCostUsd: () => 1,
      run: async () => ({}),
    });
    const guard = guardAt(at);
    const actor = actorFor(who, "sales", "session");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => guard.beforeEnqueue(actor, def, {}, undefined, `accept-${i}`)),
    );
    const undos = outcomes.flatMap((o) => (o.status === "fulfilled" && o.value ? [o.value] : []));
    expect(undos).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(40);
    const day = `usd:day:${dayKey(at)}`;
    expect((await counter(`user:${who}`).get([day]))[day]).toBeCloseTo(10, 9);
    await Promise.all(undos.map((u) => u()));
    expect((await counter(`user:${who}`).get([day]))[day]).toBeCloseTo(0, 9);
  });

  it("six concurrent spendUsd 4 admin pings never take a USD 20 user limit past 20", async () => {
    await setGuardrails({ userDailyUsd: 20, globalDailyUsd: 10_000, globalMonthlyUsd: 100_000 });
    const sent = await Promise.all(
      Array.from({ length: 6 }, () =>
        as("admin", "/api/jobs", { method: "POST", json: { type: "system.ping", input: { spendUsd: 4 } } }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const ids = await Promise.all(sent.map(async (r) => ((await r.json()) as { job: Job }).job.id));
    const done = await waitFor(
      async () => {
        const rows = await Promise.all(
          ids.map(async (id) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]),
        );
        return rows.every((r) => r?.status === "succeeded" || r?.status === "failed") ? rows : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.filter((r) => r?.status === "succeeded")).toHaveLength(5);
    expect(done.filter((r) => r?.error?.code === "budget_exceeded")).toHaveLength(1);
    const usage = (await (await as("admin", "/api/usage")).json()) as { user: { usdToday: number } };
    expect(usage.user.usdToday).toBeCloseTo(20, 6);
  });

  it("only admins may simulate spend", async () => {
    const res = await as("sales", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { spendUsd: 1 } },
    });
    expect(res.status).toBe(403);
  });

  it("a retry passes the same guardrails as an enqueue", async () => {
    const res = await as("sales", "/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });
    const { job } = (await res.json()) as { job: Job };
    await waitFor(
      async () => (await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]?.status === "succeeded",
    );
    await db().update(jobs).set({ status: "failed" }).where(eq(jobs.id, job.id));
    await setGuardrails({ killSwitch: true, aiJobTypes: ["system.ping"] });
    expect((await as("sales", `/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(429);
    await setGuardrails({ killSwitch: false, userJobsPerDay: { "system.ping": 0 } });
    // No pings allowed today: a retry counts as a new start.
    expect((await as("sales", `/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(429);
    expect((await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]?.status).toBe("failed");
  });
});
