import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobEvents } from "../../drizzle/schema";
import { countingD1 } from "../../modules/core/d1-count";
import { db, jobRows, userId } from "../../test/helpers";
import worker from "../index";
import { services } from "../services";

/** Counts calls to Durable Object stubs of one namespace (each RPC is one). */
function countingHubs(ns: Env["REALTIME"], calls: { n: number; updates: number }) {
  return new Proxy(ns, {
    get(target, prop) {
      if (prop !== "get") {
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      }
      return (id: DurableObjectId) => {
        const stub = target.get(id) as unknown as { publish: (u: unknown[]) => Promise<number> };
        return {
          publish: (updates: unknown[]) => {
            calls.n++;
            calls.updates += updates.length;
            return stub.publish(updates);
          },
        };
      };
    },
  });
}

describe("the jobs queue consumer (issue #10)", () => {
  it("runs a batch of 10 jobs in shared round trips, each once, each trail complete and in order", async () => {
    const meter = countingD1(env.DB);
    const hubs = { n: 0, updates: 0 };
    const sent: unknown[] = [];
    const counted = {
      ...env,
      DB: meter.d1,
      REALTIME: countingHubs(env.REALTIME, hubs),
      JOBS_QUEUE: { send: async (body: unknown) => void sent.push(body) },
    } as unknown as Env;
    const owner = await userId("marketing");
    const { engine } = services(counted);
    for (let i = 0; i < 10; i++) {
      await engine.enqueue(
        { userId: owner, role: "marketing", scopes: new Set(["jobs:write" as const]), via: "session" },
        { type: "system.ping", input: {} },
      );
    }
    expect(sent).toHaveLength(10);
    const before = { calls: meter.calls(), hubCalls: hubs.n, updates: hubs.updates };
    // Enqueueing is one request per job: one call per hub each ("queued"), nothing combined.
    expect(before).toMatchObject({ hubCalls: 20, updates: 20 });

    // The batch, with a duplicate delivery of the first job: it must lose the claim.
    const batch = createMessageBatch(
      "lifetrek-jobs",
      [...sent, sent[0]].map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, counted, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(11);

    const ids = sent.map((b) => (b as { jobId: string }).jobId);
    const rows = new Map((await jobRows(ids)).map((r) => [r.id, r]));
    expect(ids.map((id) => [rows.get(id)?.status, rows.get(id)?.attempts])).toEqual(
      ids.map(() => ["succeeded", 1]),
    );
    const events = await db().select().from(jobEvents).where(inArray(jobEvents.jobId, ids));
    for (const id of ids) {
      const trail = events.filter((e) => e.jobId === id).sort((a, b) => a.seq - b.seq);
      expect(trail.map((e) => e.kind)).toEqual(["status", "status", "status"]);
      expect(trail.map((e) => e.seq)).toEqual([1, 2, 3]);
    }
    const used = { d1Calls: meter.calls() - before.calls, hubCalls: hubs.n - before.hubCalls };
    console.log(JSON.stringify({ msg: "consumer batch of 10 pings", ...used }));
    // Every transition still reaches both hubs (running and succeeded: 2 × 10 × 2 updates)…
    expect(hubs.updates - before.updates).toBe(40);
    // …but in a few calls, not one per update; and D1 sees a few round trips, not four per job
    // (one read, and a claim, an owner read and a completion each) as before.
    expect(used.hubCalls).toBeLessThanOrEqual(10);
    expect(used.d1Calls).toBeLessThanOrEqual(8);
  });
});
