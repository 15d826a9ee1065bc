import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { db, userId } from "../../test/helpers";
import { ListJobsQuery } from "../contracts/jobs";
import { actorFor } from "../core/actor";
import { encodeCursor } from "../core/cursor";
import { JobsRepo } from "./repo";

/** SQLite's plan for the job list as the repo builds it, one line per step. */
async function planOf(who: "admin" | "marketing", query: Record<string, string>): Promise<string> {
  const actor = actorFor(await userId(who), who, "session");
  const { sql, params } = new JobsRepo(db(), actor).listQuery(ListJobsQuery.parse(query)).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("\n");
}

const cursor = encodeCursor({ at: Date.now() - 86_400_000, id: "01JZZZZZZZZZZZZZZZZZZZZZZZ" });

// The jobs table grows by every click; page 50 of the history must cost what page 1 does.
describe("job history pages seek to their cursor", () => {
  it("a user's own history: their index, from the cursor on, no sort", async () => {
    const plan = await planOf("marketing", { limit: "20", cursor });
    expect(plan).toMatch(/SEARCH jobs USING INDEX jobs_user_created_idx \(user_id=\? AND created_at<\?\)/);
    expect(plan).not.toContain("TEMP B-TREE");
  });

  it("the admin's Job Monitor: every job, from the cursor on, no sort", async () => {
    const plan = await planOf("admin", { limit: "20", cursor });
    expect(plan).toMatch(/SEARCH jobs USING INDEX jobs_created_idx \(created_at<\?\)/);
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
