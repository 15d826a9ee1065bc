import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, as, BASE, signIn } from "../../test/helpers";
import worker from "../index";

function expectBaseHeaders(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

describe("security headers on every API response", () => {
  it.each([
    ["a JSON answer", () => api("/api/health"), 200],
    ["the OpenAPI document", () => api("/api/openapi.json"), 200],
    ["a 401 problem", () => api("/api/jobs"), 401],
    ["a 404 problem", () => api("/api/nope"), 404],
    [
      "a 415 problem from the edge middleware",
      () =>
        as("marketing", "/api/jobs", {
          method: "POST",
          body: "x",
          headers: { "content-type": "text/plain" },
        }),
      415,
    ],
    ["a Better Auth answer", () => api("/api/auth/get-session"), 200],
  ])("%s", async (_name, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    expectBaseHeaders(res);
    // Data may load nothing at all.
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    // Development serves http: no HSTS (it would pin the browser to https on 127.0.0.1).
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("/api/docs gets a CSP that allows exactly its own nonce'd script and style", async () => {
    const res = await api("/api/docs");
    expect(res.status).toBe(200);
    expectBaseHeaders(res);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/script-src 'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await res.text();
    expect(html).toContain(`<script type="module" nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    // A fresh nonce per response.
    const again = (await api("/api/docs")).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("deployed: Strict-Transport-Security too", async () => {
    const origin = "https://app.lifetrek.example";
    const secret = () => `${crypto.randomUUID()}${crypto.randomUUID()}`;
    const prod = {
      ...env,
      ENVIRONMENT: "production",
      PUBLIC_ORIGIN: origin,
      PUBLIC_APP_URL: origin,
      TRUSTED_ORIGINS: origin,
      BETTER_AUTH_SECRET: secret(),
      PYTHON_SERVICE_SECRET: secret(),
      UNIPILE_WEBHOOK_SECRET: secret(),
      UNIPILE_API_KEY: "k",
      UNIPILE_DSN: "api1.unipile.com:13111",
      GEMINI_API_KEY: "k",
    } as unknown as Env;
    for (const path of ["/api/health", "/api/nope"]) {
      const req = new Request(`${origin}${path}`) as Request<unknown, IncomingRequestCfProperties>;
      const res = await worker.fetch(req, prod, createExecutionContext());
      expectBaseHeaders(res);
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    }
  });
});

describe("the OpenAPI document lists the edge's statuses", () => {
  it("POST /api/jobs documents 413, 415 and 429; a GET without a body documents neither 413 nor 415", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const path = (p: string) => doc.paths[p] ?? doc.paths[`/api${p}`];
    const post = path("/jobs")?.post?.responses ?? {};
    for (const s of ["400", "401", "403", "413", "415", "429"]) expect(Object.keys(post)).toContain(s);
    const tokens = path("/tokens")?.post?.responses ?? {};
    expect(Object.keys(tokens)).toEqual(expect.arrayContaining(["413", "415", "429"]));
    const signIn = path("/auth/sign-in/email")?.post?.responses ?? {};
    expect(Object.keys(signIn)).toEqual(expect.arrayContaining(["413", "415", "429"]));
    const get = path("/jobs")?.get?.responses ?? {};
    expect(Object.keys(get)).not.toContain("413");
    expect(Object.keys(get)).not.toContain("415");
  });
});

describe("/api/realtime checks the Origin of cookie upgrades", () => {
  const upgrade = async (headers: Record<string, string>, query = "") =>
    api(`/api/realtime${query}`, { headers: { upgrade: "websocket", ...headers } });

  it("a foreign Origin with a session cookie → 403 problem+json; a trusted one connects", async () => {
    const cookie = await signIn("marketing");
    const foreign = await upgrade({ cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toBe("application/problem+json");
    expect(foreign.webSocket).toBeNull();
    const nullOrigin = await upgrade({ cookie, origin: "null" });
    expect(nullOrigin.status).toBe(403);

    for (const origin of [BASE, "http://localhost:5173"]) {
      const ok = await upgrade({ cookie, origin });
      expect(ok.status).toBe(101);
      ok.webSocket?.accept();
      ok.webSocket?.close(1000);
    }
  });

  it("token clients (no cookie) are unaffected by Origin", async () => {
    const res = await as("marketing", "/api/tokens", {
      method: "POST",
      json: { name: "ws", scopes: ["jobs:read"] },
    });
    const { token } = (await res.json()) as { token: string };
    const viaQuery = await upgrade({ origin: "https://elsewhere.example" }, `?token=${token}`);
    expect(viaQuery.status).toBe(101);
    viaQuery.webSocket?.accept();
    viaQuery.webSocket?.close(1000);
    const viaBearer = await upgrade({
      origin: "https://elsewhere.example",
      authorization: `Bearer ${token}`,
    });
    expect(viaBearer.status).toBe(101);
    viaBearer.webSocket?.accept();
    viaBearer.webSocket?.close(1000);
  });
});
