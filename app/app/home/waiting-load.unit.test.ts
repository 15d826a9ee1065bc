import { describe, expect, it } from "vitest";
import type { ApiResult } from "../lib/api.server";
import { loadWaiting } from "./waiting-load";

const ok = (items: unknown[]): ApiResult<unknown> => ({ ok: true, status: 200, data: { items } });

describe("the home page's waiting lists", () => {
  it("asks only for the lists the role sees: a salesperson their own hot leads, an admin the team's", async () => {
    const asked: Record<string, string[]> = {};
    for (const role of ["marketing", "sales", "admin"] as const) {
      asked[role] = [];
      const w = await loadWaiting(role, async (path) => {
        asked[role]?.push(path);
        return ok([]);
      });
      expect(w.hotLeadsMine).toBe(role === "sales");
    }
    expect(asked.marketing).toEqual(["/api/content?status=draft&limit=5"]);
    expect(asked.sales).toEqual([
      "/api/leads?heat=HOT&sort=-priority&limit=5&owner=me",
      "/api/outreach/actions?status=draft&limit=5",
    ]);
    expect(asked.admin).toEqual([
      "/api/content?status=draft&limit=5",
      "/api/leads?heat=HOT&sort=-priority&limit=5",
      "/api/outreach/actions?status=draft&limit=5",
    ]);
  });

  it("shows a list that failed (a problem answer or a thrown call) as unavailable, and the others", async () => {
    const w = await loadWaiting("admin", async (path) => {
      if (path.startsWith("/api/leads"))
        return { ok: false, status: 503, problem: { title: "down", status: 503 } };
      if (path.startsWith("/api/outreach")) throw new Error("binding gone");
      return ok([{ id: "c1" }]);
    });
    expect(w).toEqual({
      drafts: [{ id: "c1" }],
      hotLeads: "unavailable",
      outreach: "unavailable",
      hotLeadsMine: false,
    });
  });
});
