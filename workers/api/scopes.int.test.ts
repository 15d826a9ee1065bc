import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "../../drizzle/schema";
import { SCOPES, type Scope } from "../../modules/core/actor";
import { api, as, type DevUser, db } from "../../test/helpers";
import { routeAccessTable } from "./access";
import { createApp } from "./app";

async function mint(who: DevUser, scopes: string[]): Promise<string> {
  const res = await as(who, "/api/tokens", {
    method: "POST",
    json: { name: `t-${scopes.join("+")}`, scopes },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const bearer = (token: string, path: string, init: RequestInit & { json?: unknown } = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return api(path, { ...init, headers, body });
};

/** A concrete URL for a route pattern (`:id`, `:key{.+}`, `*` → a harmless placeholder). */
const concrete = (path: string) => path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, "x").replace(/\*/g, "x");

describe("every route declares its access rule", () => {
  const table = routeAccessTable(createApp({ dev: true }));

  it("has no undeclared routes and only a short, known list of public ones", () => {
    expect(table.missing).toEqual([]);
    const open = table.declared
      .filter((r) => r.access.need === "public")
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual(
      [
        "GET /api/auth/*",
        "POST /api/auth/*",
        "POST /api/auth/sign-in/email",
        "POST /api/auth/sign-out",
        "GET /api/docs",
        "GET /api/health",
        "GET /api/invites/preview",
        "GET /api/openapi.json",
        "POST /api/invites/accept",
        "POST /api/dev/seed",
        "POST /api/dev/requeue",
        "POST /api/webhooks/unipile",
        "POST /api/webhooks/unipile/hosted/:id/:token",
      ].sort(),
    );
  });

  it("walks ALL routes × ALL scopes: a token without the route's scope gets 403, with it never 401/403/5xx", async () => {
    // Admin tokens, so only the scope (never the role) decides.
    const tokens = new Map<Scope, string>();
    for (const s of SCOPES) tokens.set(s, await mint("admin", [s]));
    const scoped = table.declared.filter((r) => r.access.need !== "public");
    expect(scoped.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let calls = 0;
    for (const route of scoped) {
      await Promise.all(
        SCOPES.map(async (scope) => {
          const token = tokens.get(scope) ?? "";
          const res = await bearer(token, concrete(route.path), { method: route.method });
          calls++;
          const should =
            !route.access.humanOnly && (route.access.need === "signed-in" || route.access.need === scope);
          const bad = should
            ? res.status === 401 || res.status === 403 || res.status >= 500
            : res.status !== 403;
          if (bad) failures.push(`${route.method} ${route.path} with ${scope}: ${res.status}`);
          await res.body?.cancel();
        }),
      );
      // Nobody signed in: 401 everywhere that is not public.
      const anon = await api(concrete(route.path), { method: route.method });
      if (anon.status !== 401) failures.push(`${route.method} ${route.path} anonymous: ${anon.status}`);
      await anon.body?.cancel();
    }
    expect(failures).toEqual([]);
    expect(calls).toBe(scoped.length * SCOPES.length);
  });
});

describe("no scope escalation", () => {
  it("a token mints only a subset of its own scopes", async () => {
    const t = await mint("admin", ["tokens:write"]);
    const wide = await bearer(t, "/api/tokens", { method: "POST", json: { name: "x", scopes: [...SCOPES] } });
    expect(wide.status).toBe(403);
    expect(((await wide.json()) as { detail: string }).detail).toContain("jobs:read");
    const one = await bearer(t, "/api/tokens", {
      method: "POST",
      json: { name: "x", scopes: ["jobs:read"] },
    });
    expect(one.status).toBe(403);
    const same = await bearer(t, "/api/tokens", {
      method: "POST",
      json: { name: "x", scopes: ["tokens:write"] },
    });
    expect(same.status).toBe(201);
  });

  it("a person mints only what their role allows", async () => {
    const res = await as("marketing", "/api/tokens", {
      method: "POST",
      json: { name: "x", scopes: ["leads:write"] },
    });
    expect(res.status).toBe(403);
    const admin = await as("sales", "/api/tokens", {
      method: "POST",
      json: { name: "x", scopes: ["admin:read"] },
    });
    expect(admin.status).toBe(403);
    expect(
      (await as("sales", "/api/tokens", { method: "POST", json: { name: "x", scopes: ["leads:write"] } }))
        .status,
    ).toBe(201);
  });

  it("POST /api/jobs checks the job type's scope, not just jobs:write", async () => {
    const jobsOnly = await mint("sales", ["jobs:write"]);
    const body = { type: "leads.import", input: { rows: [{ company: "Escalation Ltda" }], source: "json" } };
    const refused = await bearer(jobsOnly, "/api/jobs", { method: "POST", json: body });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain("leads:write");
    const both = await mint("sales", ["jobs:write", "leads:write"]);
    expect((await bearer(both, "/api/jobs", { method: "POST", json: body })).status).toBe(202);
  });

  it("retry checks the job type's scope too", async () => {
    const both = await mint("sales", ["jobs:write", "leads:write"]);
    const created = await bearer(both, "/api/jobs", {
      method: "POST",
      json: { type: "leads.import", input: { rows: [{ company: "Retry Ltda" }], source: "json" } },
    });
    const { job } = (await created.json()) as { job: { id: string } };
    // Make it retryable whatever the consumer did with it meanwhile.
    await db().update(jobs).set({ status: "failed", finishedAt: Date.now() }).where(eq(jobs.id, job.id));
    const jobsOnly = await mint("sales", ["jobs:write"]);
    expect((await bearer(jobsOnly, `/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(403);
    expect((await bearer(both, `/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(202);
  });

  it("a leads:read token can neither read nor change notification settings", async () => {
    const t = await mint("sales", ["leads:read"]);
    expect((await bearer(t, "/api/me/notifications")).status).toBe(403);
    expect(
      (await bearer(t, "/api/me/notifications", { method: "PUT", json: { email: { enabled: true } } }))
        .status,
    ).toBe(403);
    const account = await mint("sales", ["account:read"]);
    expect((await bearer(account, "/api/me/notifications")).status).toBe(200);
  });
});
