import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, userId, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);
const SEGMENTS = ["Implantes Odontológicos", "Distribuidor", "Equipamentos Hospitalares", "Ortopedia"];

/** A realistic pt-BR CRM export: `;`-separated, accents, some empty cells. */
function csv(n: number): string {
  const lines = ["company;website;segment;tier;city;state;certifications;employees"];
  for (let i = 0; i < n; i++) {
    lines.push(
      [
        `Indústria ${tag} Nº ${i}`,
        `https://l${i}-${tag}.example.com.br`,
        SEGMENTS[i % SEGMENTS.length],
        i % 7 === 0 ? "" : String((i % 3) + 1),
        "São Paulo",
        "SP",
        i % 2 ? "ISO 13485, ANVISA" : "",
        i % 5 === 0 ? "" : String(20 + (i % 400)),
      ].join(";"),
    );
  }
  return lines.join("\n");
}

async function finished(job: Job): Promise<Job> {
  return waitFor(
    async () => {
      const j = ((await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 280_000, intervalMs: 1000 },
  );
}

describe("an import of 10,000 rows (#13)", () => {
  it("creates and ranks every row in one job, in parts that each fit D1's per-invocation queries, with progress through both stages", async () => {
    const res = await as("sales", "/api/leads/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(10_000),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await finished(job);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    expect(done.result).toMatchObject({ created: 10_000, merged: 0, invalid: 0, ranked: 10_000 });

    const events = (await (await as("sales", `/api/jobs/${job.id}/events`)).json()) as {
      items: Array<{
        kind: string;
        code?: string | null;
        data?: { stage?: string; percent?: number } | null;
        params?: { statements?: number } | null;
      }>;
    };
    const stages = new Set(events.items.filter((e) => e.kind === "progress").map((e) => e.data?.stage));
    expect(stages.has("import")).toBe(true);
    expect(stages.has("rank")).toBe(true);
    // ~10,000 inserts and ~20,000 rank writes: dozens of invocations, each under 1,000 statements.
    const parts = events.items.filter((e) => e.code === "job.continued");
    expect(parts.length).toBeGreaterThanOrEqual(30);
    for (const p of parts) expect(p.params?.statements ?? 0).toBeLessThan(1000);
    // Parts are not attempts: a person sees one attempt of the job's five.
    expect([done.attempts, done.maxAttempts]).toEqual([1, 5]);
    const running = events.items.filter((e) => e.code === "job.running");
    expect(running.length).toBe(parts.length + 1);
    expect(new Set(running.map((e) => (e.params as { attempt?: number } | null)?.attempt))).toEqual(
      new Set([1]),
    );

    // Ranked as stored: a lead from the file has its territory and scores.
    const page = (await (
      await as("sales", `/api/leads?q=${encodeURIComponent(`${tag} nº 9996`)}`)
    ).json()) as {
      items: Array<{ company: string; territory: string; fitScore: number; certifications: string[] }>;
    };
    expect(page.items[0]).toMatchObject({ company: `Indústria ${tag} Nº 9996`, territory: "manufacturing" });
    expect(page.items[0]?.fitScore).toBeGreaterThan(0);
  }, 300_000);

  it("refuses 10,001 rows before storing anything", async () => {
    const res = await as("sales", "/api/leads/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv(10_001),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("10,000");
  });

  it("a job cannot read another user's uploaded file", async () => {
    const other = await userId("admin");
    const key = `imports/${other}/${tag}.json`;
    await env.FILES.put(key, JSON.stringify([{ company: `Alheia ${tag}` }]));
    const res = await as("sales", "/api/jobs", {
      method: "POST",
      json: { type: "leads.import", input: { rowsKey: key, rowCount: 1, source: "json" } },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const mine = (await (await as("sales", "/api/jobs?type=leads.import&limit=100")).json()) as {
      items: Job[];
    };
    expect(mine.items.filter((j) => JSON.stringify(j.input ?? {}).includes(key))).toEqual([]);
    const page = (await (
      await as("sales", `/api/leads?q=${encodeURIComponent(`alheia ${tag}`)}`)
    ).json()) as {
      items: unknown[];
    };
    expect(page.items).toEqual([]);
  });
});
