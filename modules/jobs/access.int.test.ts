import { describe, expect, it } from "vitest";
import { api, as } from "../../test/helpers";
import { type Job, JobMetrics } from "./schema";

async function createToken(who: "marketing" | "sales", scopes: string[]) {
  const res = await as(who, "/api/tokens", { method: "POST", json: { name: "script", scopes } });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; info: { id: string } };
}

const bearer = (token: string, path: string, init: RequestInit = {}) =>
  api(path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });

describe("row scoping and access", () => {
  it("answers 404 for another user's job on every endpoint, and admins see it", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: 5000 } },
    });
    const { job } = (await res.json()) as { job: Job };
    for (const [method, path] of [
      ["GET", `/api/jobs/${job.id}`],
      ["GET", `/api/jobs/${job.id}/events`],
      ["POST", `/api/jobs/${job.id}/retry`],
      ["POST", `/api/jobs/${job.id}/cancel`],
    ] as const) {
      const other = await as("sales", path, { method });
      expect(other.status, `${method} ${path}`).toBe(404);
      expect(other.headers.get("content-type")).toBe("application/problem+json");
      const missing = await as("sales", path.replace(job.id, "01NOSUCHJOB0000000000000000"), { method });
      expect(missing.status).toBe(404);
      expect(await other.json()).toMatchObject({ status: 404, detail: "Job not found." });
      const anon = await api(path, { method });
      expect(anon.status).toBe(401);
    }
    const list = (await (await as("sales", "/api/jobs?limit=100")).json()) as { items: Job[] };
    expect(list.items.some((j) => j.id === job.id)).toBe(false);
    expect((await as("admin", `/api/jobs/${job.id}`)).status).toBe(200);
    const adminList = (await (await as("admin", `/api/jobs?userId=${job.userId}&limit=100`)).json()) as {
      items: Job[];
    };
    expect(adminList.items.some((j) => j.id === job.id)).toBe(true);
    expect(adminList.items.every((j) => j.userId === job.userId)).toBe(true);
    // The owner is still in control; the cross-user cancel changed nothing.
    expect((await as("marketing", `/api/jobs/${job.id}/cancel`, { method: "POST" })).status).toBe(200);
  });

  it("acts for the token's user, checks scopes, and refuses revoked tokens", async () => {
    const { token, info } = await createToken("sales", ["jobs:read", "jobs:write"]);
    const created = await bearer(token, "/api/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "system.ping", input: {} }),
    });
    expect(created.status).toBe(202);
    const { job } = (await created.json()) as { job: Job };
    const me = (await (await as("sales", "/api/me")).json()) as { user: { id: string } };
    expect(job.userId).toBe(me.user.id);
    expect((await bearer(token, `/api/jobs/${job.id}`)).status).toBe(200);

    const readOnly = await createToken("sales", ["jobs:read"]);
    const refused = await bearer(readOnly.token, "/api/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "system.ping", input: {} }),
    });
    expect(refused.status).toBe(403);
    expect((await bearer(readOnly.token, `/api/jobs/${job.id}/cancel`, { method: "POST" })).status).toBe(403);

    const other = await createToken("marketing", ["jobs:read", "jobs:write"]);
    expect((await bearer(other.token, `/api/jobs/${job.id}`)).status).toBe(404);

    // Another user cannot revoke it; the owner can, and then it stops working.
    expect((await as("marketing", `/api/tokens/${info.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await as("sales", `/api/tokens/${info.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await bearer(token, `/api/jobs/${job.id}`)).status).toBe(401);
    expect((await bearer("ltk_not-a-real-token", "/api/jobs")).status).toBe(401);
    const list = (await (await as("sales", "/api/tokens")).json()) as {
      items: Array<Record<string, unknown>>;
    };
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it("shows job metrics to admins only", async () => {
    await as("sales", "/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });
    const res = await as("admin", "/api/admin/metrics?hours=1");
    expect(res.status).toBe(200);
    const m = JobMetrics.parse(await res.json());
    expect(Object.values(m.byStatus).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(m.byType.some((t) => t.type === "system.ping")).toBe(true);
    expect((await as("marketing", "/api/admin/metrics")).status).toBe(403);
  });

  it("refuses a cookie-authenticated write from an untrusted origin", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      json: { type: "system.ping", input: {} },
    });
    expect(res.status).toBe(403);
  });
});
