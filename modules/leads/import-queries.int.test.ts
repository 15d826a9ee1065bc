import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { userId } from "../../test/helpers";
import { actorFor } from "../core/actor";
import { countingD1 } from "../core/d1-count";
import { createDb } from "../core/db";
import { INVOCATION_STATEMENT_BUDGET } from "../jobs/context";
import { IMPORT_CHUNK, importRows } from "./import";
import { PythonService } from "./python-client";
import { rankLeads } from "./ranking";
import { LeadsRepo } from "./repo";

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
  it("each slice a job imports, and each page it ranks, stays a bounded number of statements", async () => {
    const sales = await userId("sales");
    const actor = actorFor(sales, "sales", "job");
    const meter = countingD1(env.DB);
    const db = createDb(meter.d1);
    const repo = new LeadsRepo(db, actor);
    const noProgress = async () => {};
    /** Statements and round trips of each call, the way a job slices the work. */
    const rounds: Array<{ what: string; statements: number; calls: number }> = [];
    const measure = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
      const [s0, c0] = [meter.statements(), meter.calls()];
      const out = await f();
      rounds.push({ what, statements: meter.statements() - s0, calls: meter.calls() - c0 });
      return out;
    };

    const ids: string[] = [];
    for (const [what, employees] of [
      ["import", 50],
      ["merge", 60],
    ] as const) {
      const all = rows(10_000, employees);
      for (let at = 0; at < all.length; at += IMPORT_CHUNK) {
        const reports = await measure(what, () =>
          importRows(db, repo, actor, all.slice(at, at + IMPORT_CHUNK), "job-q", noProgress, "pt-BR", at),
        );
        expect(reports.every((r) => r.status === (what === "import" ? "created" : "merged"))).toBe(true);
        expect(reports[0]?.row).toBe(at + 1);
        if (what === "import") ids.push(...reports.flatMap((r) => (r.leadId ? [r.leadId] : [])));
      }
    }
    let last = [meter.statements(), meter.calls()];
    const { ranked } = await rankLeads(db, repo, new PythonService(env, sales), "job-q", {
      leadIds: ids,
      onPage: async () => {
        rounds.push({
          what: "rank",
          statements: meter.statements() - (last[0] ?? 0),
          calls: meter.calls() - (last[1] ?? 0),
        });
        last = [meter.statements(), meter.calls()];
      },
    });
    expect(ranked).toBe(10_000);

    const worst = (what: string) => {
      const r = rounds.filter((x) => x.what === what);
      return {
        n: r.length,
        statements: Math.max(...r.map((x) => x.statements)),
        calls: Math.max(...r.map((x) => x.calls)),
      };
    };
    // A slice: one lookup batch and one write batch; a statement per new lead, two per merge.
    expect(worst("import")).toEqual({ n: 50, statements: IMPORT_CHUNK + 3, calls: 2 });
    expect(worst("merge")).toEqual({ n: 50, statements: 2 * IMPORT_CHUNK + 3, calls: 2 });
    // A page: the lookup batch, then a version row and an update per lead (the first page also
    // reads the territory owners).
    const rank = worst("rank");
    expect(rank.n).toBe(50);
    expect(rank.statements).toBeLessThanOrEqual(2 * 200 + 3 + 1);
    expect(rank.calls).toBeLessThanOrEqual(3);
    // What a job may add between two yield points stays under D1's 1,000 per invocation.
    for (const what of ["import", "merge", "rank"]) {
      expect(INVOCATION_STATEMENT_BUDGET + worst(what).statements).toBeLessThan(1000);
    }
  }, 240_000);
});
