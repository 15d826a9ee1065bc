import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { db, userId } from "../../test/helpers";
import { ExportLeadsQuery, ListLeadsQuery } from "../contracts/leads";
import { actorFor } from "../core/actor";
import { encodeCursor } from "../core/cursor";
import { LeadsRepo } from "./repo";

/** SQLite's plan for the list's query as the repo builds it, one line per step. */
async function planOf(query: Record<string, string>): Promise<string[]> {
  const actor = actorFor(await userId("sales"), "sales", "session");
  const { sql, params } = new LeadsRepo(db(), actor).listQuery(ListLeadsQuery.parse(query)).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

const cursor = encodeCursor({ at: 512, id: "01JZZZZZZZZZZZZZZZZZZZZZZZ" });

describe("the leads list reads a page off an index, never sorting every lead (10,000-lead lists)", () => {
  it.each([
    [{}, "leads_rank_priority_idx"],
    [{ cursor }, "leads_rank_priority_idx"],
    [{ sort: "-score" }, "leads_rank_score_idx"],
    [{ sort: "score", cursor }, "leads_rank_score_idx"],
    [{ sort: "-updatedAt" }, "leads_updated_id_idx"],
    [{ owner: "me" }, "leads_owner_rank_idx"],
    [{ owner: "me", cursor }, "leads_owner_rank_idx"],
    [{ owner: "unassigned" }, "leads_owner_rank_idx"],
    [{ heat: "HOT", cursor }, "leads_heat_rank_idx"],
  ] as const)("%o uses %s", async (query, index) => {
    const plan = await planOf({ limit: "20", ...query });
    expect(plan.join("\n")).toContain(`USING INDEX ${index}`);
    // A temporary B-tree is the sort of every matching row that the index exists to avoid.
    expect(plan.join("\n")).not.toContain("TEMP B-TREE");
  });

  it.each([
    [{}, "leads_rank_priority_idx"],
    [{ sort: "score", cursor }, "leads_rank_score_idx"],
    [{ owner: "me" }, "leads_owner_rank_idx"],
  ] as const)("a search %o reads its matches off leads_search_idx and walks %s", async (query, index) => {
    const plan = (await planOf({ limit: "20", q: "Conexão Médica", ...query })).join("\n");
    expect(plan).toContain(`USING INDEX ${index}`);
    // The folded text read off its index (a covering scan), never folded again row by row.
    expect(plan).toMatch(/SCAN leads USING (COVERING )?INDEX leads_search_idx/);
    expect(plan).not.toContain("TEMP B-TREE");
  });

  it.each([
    [{}, /SEARCH leads USING INDEX leads_rank_priority_idx \(<expr><\?\)/],
    [{ sort: "score" }, /SEARCH leads USING INDEX leads_rank_score_idx \(<expr>>\?\)/],
    [{ sort: "-updatedAt" }, /SEARCH leads USING INDEX leads_updated_id_idx \(updated_at<\?\)/],
    [{ owner: "me" }, /SEARCH leads USING INDEX leads_owner_rank_idx \(owner_id=\? AND <expr><\?\)/],
  ] as const)(
    "with a cursor, %o seeks into the index rather than scanning from the top",
    async (query, step) => {
      expect((await planOf({ limit: "20", cursor, ...query })).join("\n")).toMatch(step);
    },
  );

  it.each([
    [{}, "leads_rank_priority_idx"],
    [{ sort: "-updatedAt" }, "leads_updated_id_idx"],
    [{ owner: "me", sort: "-priority" }, "leads_owner_rank_idx"],
  ] as const)("an export's ids %o come off %s, never sorted", async (query, index) => {
    const actor = actorFor(await userId("sales"), "sales", "session");
    const { sql, params } = new LeadsRepo(db(), actor).idsQuery(ExportLeadsQuery.parse(query)).toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("\n");
    expect(plan).toContain(`INDEX ${index}`);
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
