import { describe, expect, it } from "vitest";
import { as } from "../../test/helpers";

/** The ids (or the whole body) of a list answer, to compare two answers. */
async function listed(res: Response): Promise<unknown> {
  const body = (await res.json()) as { items?: Array<{ id?: string }> };
  return body.items ? body.items.map((i) => i.id ?? i) : body;
}

describe("an empty query value is unknown", () => {
  it.each([
    ["/api/jobs", "status=&type=&userId=&updatedSince=&q=&stalled=&limit=&cursor="],
    ["/api/content", "kind=&status=&profile=&sequenceId=&series=&limit=&cursor="],
    ["/api/personas", "profile="],
    [
      "/api/leads",
      "heat=&owner=&segment=&territory=&q=&sort=&changedSince=&fitMin=&fitMax=&engagementMin=&engagementMax=&limit=&cursor=",
    ],
    ["/api/leads/changes", "since=&heat=&owner=&limit=&cursor="],
    ["/api/outreach/actions", "status=&accountId=&leadId=&limit=&cursor="],
    ["/api/admin/alerts", "limit="],
  ])("%s lists as if its parameters were left out", async (path, empties) => {
    const bare = await as("admin", path);
    const empty = await as("admin", `${path}?${empties}`);
    expect(bare.status).toBe(200);
    expect(empty.status).toBe(200);
    expect(await listed(empty)).toEqual(await listed(bare));
  });

  it("still refuses a value that is given and wrong, naming only that parameter", async () => {
    const res = await as("admin", "/api/jobs?status=bogus&q=&limit=");
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(["query.status"]);
  });

  it("keeps the other parameters and the request body", async () => {
    const res = await as("marketing", "/api/jobs?unused=&also=", {
      method: "POST",
      json: { type: "system.ping", input: {} },
    });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: { id: string; type: string } };
    expect(job.type).toBe("system.ping");
    const filtered = await as("marketing", "/api/jobs?type=system.ping&status=&limit=1");
    expect(filtered.status).toBe(200);
    expect(await listed(filtered)).toEqual([job.id]); // The rebuilt request still has its body measured against the limit.
    const huge = await as("marketing", "/api/jobs?unused=", {
      method: "POST",
      json: { type: "system.ping", input: {}, pad: "x".repeat(300 * 1024) },
    });
    expect(huge.status).toBe(413);
  });
});
