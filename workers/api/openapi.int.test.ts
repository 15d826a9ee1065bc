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

/**
 * Success answers whose body is not ours to describe, each for its reason. Every other 2xx answer
 * must declare its media type with a schema; 204 has no body, nor have the WebSocket upgrade's 101
 * and redirects (not 2xx). An entry that no longer matches an undeclared answer fails the test, so
 * the list can only shrink.
 */
const BODY_NOT_OURS = new Map([
  // Better Auth writes these bodies itself (its own shapes and versions, not our contract).
  ["POST /api/auth/sign-in/email 200", "Better Auth's body"],
  ["POST /api/auth/sign-out 200", "Better Auth's body"],
  // Its schema is OpenAPI's own (spec.openapis.org/oas/3.1/schema), not one of ours.
  ["GET /api/openapi.json 200", "the OpenAPI document itself"],
]);

type Doc = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
};

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

  it("declares a schema for every success answer's body (2xx but 204), but the listed exceptions", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as Doc;
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        for (const [status, answer] of Object.entries(op.responses ?? {})) {
          if (!/^2\d\d$/.test(status) || status === "204") continue;
          const media = Object.values(answer.content ?? {});
          // Declared with a media type, each with a schema that says something (not `{}`).
          const described =
            media.length > 0 && media.every((m) => m.schema && Object.keys(m.schema).length > 0);
          if (!described) undeclared.push(`${method.toUpperCase()} ${path} ${status}`);
        }
    expect(undeclared.filter((a) => !BODY_NOT_OURS.has(a))).toEqual([]);
    // And no stale exception: each still names an answer without a schema.
    expect([...BODY_NOT_OURS.keys()].filter((a) => !undeclared.includes(a))).toEqual([]);
  });

  it("shows a key with slashes as a plain {key} parameter", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/assets/{key}");
    expect(Object.keys(doc.paths).filter((p) => p.includes("{.+}"))).toEqual([]);
  });
});
