import { describe, expect, it } from "vitest";
import { api } from "../../test/helpers";
import { routeAccessTable } from "./access";
import { createApp } from "./app";

/** Left out of the document on purpose, each for its reason. */
const UNDOCUMENTED = new Set([
  // Better Auth's own surface behind its catch-all; sign-in and sign-out are declared.
  "GET /api/auth/*",
  "POST /api/auth/*",
  // Development only, and a fuzzer walking the document must not re-seed its stack.
  "POST /api/dev/seed",
  "POST /api/dev/requeue",
]);

/** Hono's `/jobs/:id` and `/assets/:key{.+}` as OpenAPI writes them. */
const asOpenApi = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");

describe("the served OpenAPI document", () => {
  it("lists every route the app serves (createRoute declarations are the only source)", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const served = routeAccessTable(createApp({ dev: true }))
      .declared.filter((r) => !UNDOCUMENTED.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${asOpenApi(r.path)}`);
    expect(served.length).toBeGreaterThan(70);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
    // And nothing documented that is not served.
    expect([...documented].filter((r) => !served.includes(r))).toEqual([]);
  });

  it("shows a key with slashes as a plain {key} parameter", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/assets/{key}");
    expect(Object.keys(doc.paths).filter((p) => p.includes("{.+}"))).toEqual([]);
  });
});
