import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "../../drizzle/schema";
import { as, db } from "../../test/helpers";

async function jobCount(): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)` }).from(jobs);
  return row?.n ?? 0;
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: Array<{ path: string; message: string }>;
  };
}

describe("bad input changes nothing and answers precise problems", () => {
  it.each([
    ["malformed JSON", { body: "{not json", headers: { "content-type": "application/json" } }, 400],
    ["wrong content type", { body: "type=system.ping", headers: { "content-type": "text/plain" } }, 415],
    [
      "oversized body",
      {
        body: JSON.stringify({ type: "system.ping", input: { pad: "x".repeat(300_000) } }),
        headers: { "content-type": "application/json" },
      },
      413,
    ],
  ])("%s", async (_name, init, status) => {
    const before = await jobCount();
    const res = await as("marketing", "/api/jobs", { method: "POST", ...init });
    expect(res.status).toBe(status);
    const p = await problemOf(res);
    expect(p.status).toBe(status);
    expect(p.detail.length).toBeGreaterThan(0);
    expect(await jobCount()).toBe(before);
  });

  it("unknown type lists the valid ones", async () => {
    const before = await jobCount();
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "nope.nope", input: {} },
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors?.[0]?.path).toBe("type");
    expect(p.errors?.[0]?.message).toContain("system.ping");
    expect(await jobCount()).toBe(before);
  });

  it("invalid input lists every invalid field", async () => {
    const before = await jobCount();
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: 99_999, failTimes: -1 } },
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(["input.failTimes", "input.sleepMs"]);
    expect(await jobCount()).toBe(before);
  });

  it("missing body fields are listed", async () => {
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { input: {}, idempotencyKey: "" },
    });
    const p = await problemOf(res);
    expect(res.status).toBe(400);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(["idempotencyKey", "type"]);
  });

  it("a cursor that does not parse, and a limit out of range", async () => {
    const bad = await as("marketing", "/api/jobs?cursor=%%%garbage");
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors?.[0]?.path).toBe("cursor");
    const limit = await as("marketing", "/api/jobs?limit=500");
    expect(limit.status).toBe(400);
    expect((await problemOf(limit)).errors?.[0]?.path).toBe("query.limit");
  });

  it("unknown routes and ids are 404 problems; stack traces never leak", async () => {
    const res = await as("marketing", "/api/nope");
    expect(res.status).toBe(404);
    await problemOf(res);
    const job = await as("marketing", "/api/jobs/01HZZZZZZZZZZZZZZZZZZZZZZZ");
    expect(job.status).toBe(404);
    expect(JSON.stringify(await job.json())).not.toContain("at ");
  });

  it("paginates with a cursor without repeats", async () => {
    for (let i = 0; i < 5; i++) {
      await as("sales", "/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });
    }
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await (
        await as("sales", `/api/jobs?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const j of page.items) {
        expect(seen.has(j.id)).toBe(false);
        seen.add(j.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it("serves the OpenAPI document", async () => {
    const res = await as("marketing", "/api/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    // Every contract route is documented, including the non-zod ones.
    for (const path of [
      "/api/jobs/{id}/retry",
      "/api/usage",
      "/api/leads/import",
      "/api/auth/sign-in/email",
      "/api/content/{id}/approve",
      "/api/admin/guardrails",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
