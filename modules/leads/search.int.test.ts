import { describe, expect, it } from "vitest";
import { as, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

async function search(q: string): Promise<{ status: number; companies: string[] }> {
  const res = await as("sales", `/api/leads?limit=50&q=${encodeURIComponent(q)}`);
  if (res.status !== 200) return { status: res.status, companies: [] };
  const page = (await res.json()) as { items: Array<{ company: string }> };
  return { status: 200, companies: page.items.map((i) => i.company).sort() };
}

describe("lead search (#17 accents both ways, #12 long queries)", () => {
  it("finds accented names without accents and plain names with them, in any case", async () => {
    const csv = [
      "company,website,segment,city",
      `Conexão ${tag} Médica,https://cm-${tag}.example.com.br,Hospitalar,São Paulo`,
      `Conexao ${tag} Ortopedia,https://co-${tag}.example.com.br,Ortopedia,Sao Jose`,
    ].join("\n");
    const res = await as("sales", "/api/leads/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv,
    });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    await waitFor(
      async () => {
        const j = ((await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
        return j.status === "succeeded" ? j : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const both = [`Conexao ${tag} Ortopedia`, `Conexão ${tag} Médica`].sort();
    expect((await search(`conexao ${tag}`)).companies).toEqual(both);
    expect((await search(`CONEXÃO ${tag}`)).companies).toEqual(both);
    expect((await search(`  Conexão ${tag}  `)).companies).toEqual(both);
    expect((await search(`${tag} medica`)).companies).toEqual([`Conexão ${tag} Médica`]);
    expect((await search(`${tag} MÉDICA`)).companies).toEqual([`Conexão ${tag} Médica`]);
    // Segment and city are searched too, folded the same way.
    expect((await search(`${tag} ortopedia`)).companies).toEqual([`Conexao ${tag} Ortopedia`]);
    // `%` and `_` are plain characters, not wildcards.
    expect((await search(`conexao%${tag}`)).companies).toEqual([]);
  });

  it("answers a query as long as the limit allows (D1 refuses LIKE patterns over 50 bytes)", async () => {
    const long = await search("0".repeat(120));
    expect(long).toEqual({ status: 200, companies: [] });
    const accented = await search("ã".repeat(120));
    expect(accented).toEqual({ status: 200, companies: [] });
    const over = await as("sales", `/api/leads?q=${"0".repeat(121)}`);
    expect(over.status).toBe(400);
    expect(over.headers.get("content-type")).toContain("application/problem+json");
  });

  it("treats SQL, markup and a forged cursor in a search as plain text, matching nothing (leads_search_idx)", async () => {
    for (const q of [`') or 1=1 --`, `x" ) or rowid > 0 --`, "<script>alert(1)</script>", "*", "%"]) {
      expect(await search(q)).toEqual({ status: 200, companies: [] });
    }
    const forged = btoa(JSON.stringify([Number.MAX_SAFE_INTEGER, "' or 1=1 --"])).replace(/=+$/, "");
    const res = await as("sales", `/api/leads?limit=5&q=conexao&cursor=${forged}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Array<{ company: string }> };
    expect(page.items.every((i) => i.company.toLowerCase().includes("conex"))).toBe(true);
  });

  it("refuses a territory owner who is not a user, and keeps the saved owners", async () => {
    const before = await (await as("admin", "/api/admin/territories")).json();
    const res = await as("admin", "/api/admin/territories", {
      method: "PUT",
      json: { manufacturing: "01NOSUCHUSER00000000000000", commercial: null },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors?: Array<{ path: string }> };
    expect(JSON.stringify(problem)).toContain("manufacturing");
    expect(await (await as("admin", "/api/admin/territories")).json()).toEqual(before);
  });
});
