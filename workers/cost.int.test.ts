import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { userId } from "../test/helpers";
import worker from "./index";
import { services } from "./services";

/**
 * Measures what one job costs on the platform meters (docs/deploying.md → Cost): D1 statements
 * and rows, queue operations and Durable Object requests, for the whole life of a queue job
 * (enqueue → consumer → finished). Wraps the real bindings in counters; nothing is faked.
 */
type Tally = {
  reads: number;
  writes: number;
  rowsRead: number;
  rowsWritten: number;
  queueSends: number;
  doCalls: number;
};
const tally = (): Tally => ({ reads: 0, writes: 0, rowsRead: 0, rowsWritten: 0, queueSends: 0, doCalls: 0 });
const isRead = (sql: string) => /^\s*(select|with|pragma)/i.test(sql);

function countingD1(db: D1Database, t: Tally): D1Database {
  const wrapStmt = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrapStmt(target.bind(...args), sql);
        if (prop === "run" || prop === "all" || prop === "first" || prop === "raw") {
          return async (...args: unknown[]) => {
            if (isRead(sql)) {
              t.reads++;
              // A second run of a SELECT changes nothing and reports the rows D1 would bill.
              t.rowsRead += (await target.all()).meta.rows_read ?? 0;
            } else {
              t.writes++;
            }
            const out = await (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            const meta = (out as { meta?: { rows_written?: number } } | null)?.meta;
            if (!isRead(sql)) t.rowsWritten += meta?.rows_written ?? 1;
            return out;
          };
        }
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrapStmt(target.prepare(sql), sql);
      if (prop === "batch")
        return async (stmts: D1PreparedStatement[]) => {
          const results = await target.batch(stmts);
          for (const r of results) {
            t.rowsRead += r.meta.rows_read ?? 0;
            t.rowsWritten += r.meta.rows_written ?? 0;
            if ((r.meta.rows_written ?? 0) > 0 || (r.meta.changes ?? 0) > 0) t.writes++;
            else t.reads++;
          }
          return results;
        };
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

function countingNamespace<T extends object>(ns: T, t: Tally): T {
  return new Proxy(ns as T & DurableObjectNamespace, {
    get(target, prop) {
      if (prop === "get") {
        return (id: DurableObjectId) => {
          const stub = (target as DurableObjectNamespace).get(id);
          return new Proxy(stub, {
            get(s, p) {
              const v = Reflect.get(s, p);
              if (typeof v !== "function") return v;
              return (...args: unknown[]) => {
                t.doCalls++;
                // RPC stubs answer any property, even `apply`: call through Reflect.
                return Reflect.apply(v as (...a: unknown[]) => unknown, s, args);
              };
            },
          });
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

describe("platform usage per job", () => {
  it("measures a queue job's whole life (system.ping: the engine's own overhead)", async () => {
    const t = tally();
    const sent: unknown[] = [];
    const counted = {
      ...env,
      DB: countingD1(env.DB, t),
      BUDGET: countingNamespace(env.BUDGET, t),
      REALTIME: countingNamespace(env.REALTIME, t),
      JOBS_QUEUE: {
        send: async (body: unknown) => {
          t.queueSends++;
          sent.push(body);
        },
        sendBatch: async (msgs: Array<{ body: unknown }>) => {
          t.queueSends += msgs.length;
          for (const m of msgs) sent.push(m.body);
        },
      },
    } as unknown as Env;
    const owner = await userId("marketing");
    const N = 5;
    for (let i = 0; i < N; i++) {
      const s = services(counted);
      await s.engine.enqueue(
        { userId: owner, role: "marketing", scopes: new Set(["jobs:write" as const]), via: "session" },
        { type: "system.ping", input: {} },
      );
    }
    const batch = createMessageBatch(
      "lifetrek-jobs",
      sent.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    const started = Date.now();
    await worker.queue(batch, counted, ctx);
    await getQueueResult(batch, ctx);
    const perJob = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round((v / N) * 10) / 10]));
    // Printed for docs/deploying.md; asserted loosely so a regression that multiplies cost fails.
    console.log(
      JSON.stringify({
        msg: "cost per system.ping job",
        perJob,
        consumerWallMsPerJob: (Date.now() - started) / N,
      }),
    );
    expect(t.queueSends).toBe(N);
    expect(perJob.writes).toBeGreaterThan(0);
    expect(perJob.writes).toBeLessThan(40);
    expect(perJob.reads).toBeLessThan(40);
  });
});
