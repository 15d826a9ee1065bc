import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { userId } from "../../test/helpers";
import { actorFor } from "../core/actor";
import { createDb } from "../core/db";
import { importRows } from "./import";
import { PythonService } from "./python-client";
import { rankLeads } from "./ranking";
import { LeadsRepo } from "./repo";

/**
 * What the import and rank of 10,000 rows send to D1: round trips (each `all/run/first/raw` and
 * each `batch` is one) and statements (a batch counts each of its statements). Production D1
 * limits queries per Worker invocation and counts each statement of a batch; the local runtime
 * limits nothing, so this is where the numbers are kept honest (decision 0023).
 */
function counted(d1: D1Database): { db: D1Database; calls: () => number; statements: () => number } {
  let calls = 0;
  let statements = 0;
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (s: D1PreparedStatement): D1PreparedStatement => {
    const p = new Proxy(s, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (typeof v !== "function") return v;
        if (prop === "bind") return (...a: unknown[]) => wrap(v.apply(target, a));
        if (prop === "all" || prop === "run" || prop === "first" || prop === "raw") {
          return (...a: unknown[]) => {
            calls++;
            statements++;
            return v.apply(target, a);
          };
        }
        return v.bind(target);
      },
    });
    real.set(p, s);
    return p;
  };
  const db = new Proxy(d1, {
    get(target, prop) {
      const v = Reflect.get(target, prop);
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      if (prop === "batch") {
        return (stmts: D1PreparedStatement[]) => {
          calls++;
          statements += stmts.length;
          return target.batch(stmts.map((s) => real.get(s) ?? s));
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { db, calls: () => calls, statements: () => statements };
}

const tag = crypto.randomUUID().slice(0, 8);
const rows = (n: number, employees: number) =>
  Array.from({ length: n }, (_, i) => ({
    company: `Consulta ${tag} ${i}`,
    website: `https://q${i}-${tag}.example.com`,
    segment: "Ortopedia",
    tier: (i % 3) + 1,
    employees,
  }));

describe("D1 queries of a 10,000-row import (#13)", () => {
  it("import, rank and a re-import that merges every row take a few dozen round trips each", async () => {
    const sales = await userId("sales");
    const actor = actorFor(sales, "sales", "job");
    const { db: d1, calls, statements } = counted(env.DB);
    const db = createDb(d1);
    const repo = new LeadsRepo(db, actor);
    const noProgress = async () => {};

    const created = await importRows(db, repo, actor, rows(10_000, 50), "job-q1", noProgress);
    const afterImport = calls();
    const importStatements = statements();
    expect(created.filter((r) => r.status === "created")).toHaveLength(10_000);

    const ids = created.flatMap((r) => (r.leadId ? [r.leadId] : []));
    const { ranked } = await rankLeads(db, repo, new PythonService(env, sales), "job-q1", { leadIds: ids });
    const afterRank = calls();
    expect(ranked).toBe(10_000);

    const merged = await importRows(db, repo, actor, rows(10_000, 60), "job-q2", noProgress);
    const afterMerge = calls();
    expect(merged.filter((r) => r.status === "merged")).toHaveLength(10_000);

    const counts = { import: afterImport, rank: afterRank - afterImport, merge: afterMerge - afterRank };
    // One statement per new lead (its insert), plus the lookups: nothing per row beyond that.
    expect(importStatements).toBeLessThanOrEqual(10_000 + 20 * 6);
    // 20 rounds of 500 rows: one lookup batch and one write batch each.
    expect(counts.import).toBeLessThanOrEqual(45);
    // 20 pages: one lookup batch and two write batches (≤ 250 leads each), plus the territories.
    expect(counts.rank).toBeLessThanOrEqual(65);
    expect(counts.merge).toBeLessThanOrEqual(65);
  }, 240_000);
});
