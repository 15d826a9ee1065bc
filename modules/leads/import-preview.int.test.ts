import { count, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, leads } from "../../drizzle/schema";
import { as, db, jobEnded } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

type Preview = {
  source: string;
  columns: Array<{ header: string; field: string | null; suggested: string | null }>;
  missing: string[];
  total: number;
  valid: number;
  invalid: number;
  problems: Array<{ row: number; errors: Array<{ path: string; code: string; message: string }> }>;
  sample: Array<{
    row: number;
    valid: boolean;
    cells: Array<string | null>;
    lead: Record<string, unknown> | null;
    errors: unknown[];
  }>;
};

/** A sheet as a Brazilian sales team keeps it: its own headers, `;`, BOM, accents, empty cells. */
const SHEET = `\ufeff${[
  "Empresa;Site;Segmento;Porte;Cidade;UF;Funcionários;Certificações;Fabricante;Observações",
  `Ortoimplantes São José ${tag};www.orto-${tag}.com.br;Implantes Ortopédicos;Tier 1;São José dos Campos;SP;1.200;"ISO 13485; ANVISA";Sim;cliente antigo`,
  `;;Distribuidor;2;Natal;RN;10;;não;sem nome`,
  `Cirúrgica Paraná ${tag};;Instrumentos Cirúrgicos;7;Curitiba;PR;muitos;"FDA 510(k); CE/MDR";;`,
  `Dental Açaí ${tag};;;;Belém;PA;;;;`,
].join("\r\n")}\r\n`;

async function preview(body: string, type = "text/csv", query = "", headers: Record<string, string> = {}) {
  return as("sales", `/api/leads/import/preview${query}`, {
    method: "POST",
    headers: { "content-type": type, ...headers },
    body,
  });
}

async function stored(): Promise<{ leads: number; jobs: number }> {
  const [l] = await db()
    .select({ n: count() })
    .from(leads)
    .where(like(leads.company, `%${tag}%`));
  // Only this file's rows: other test files share the database meanwhile.
  const [j] = await db()
    .select({ n: count() })
    .from(jobs)
    .where(like(jobs.input, `%${tag}%`));
  return { leads: l?.n ?? 0, jobs: j?.n ?? 0 };
}

describe("import preview (stores nothing)", () => {
  it("suggests a mapping for pt-BR headers, reports each row's problems in pt-BR, and shows rows as stored", async () => {
    const before = await stored();
    const res = await preview(SHEET);
    expect(res.status, await res.clone().text()).toBe(200);
    const p = (await res.json()) as Preview;
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ["Empresa", "company"],
      ["Site", "website"],
      ["Segmento", "segment"],
      ["Porte", null],
      ["Cidade", "city"],
      ["UF", "state"],
      ["Funcionários", "employees"],
      ["Certificações", "certifications"],
      ["Fabricante", "isManufacturer"],
      ["Observações", null],
    ]);
    expect(p.missing).toEqual([]);
    expect(p).toMatchObject({ source: "csv", total: 4, valid: 2, invalid: 2 });
    // "Porte" is not mapped yet, so tier 7 is no problem; the employee count is.
    expect(p.problems.map((r) => [r.row, r.errors.map((e) => e.message)])).toEqual([
      [2, ["Empresa é obrigatório."]],
      [3, ["Funcionários deve ser um número (ex.: 1.200 ou 12,5)."]],
    ]);
    const first = p.sample[0];
    expect(first?.valid).toBe(true);
    expect(first?.cells[3]).toBe("Tier 1");
    expect(first?.lead).toMatchObject({
      company: `Ortoimplantes São José ${tag}`,
      employees: 1200,
      certifications: ["ISO 13485", "ANVISA"],
      isManufacturer: true,
      tier: null,
    });
    expect(p.sample[1]).toMatchObject({ row: 2, valid: false, lead: null });
    expect(p.sample).toHaveLength(4);
    expect(await stored()).toEqual(before);
  });

  it("applies a chosen mapping (query or JSON field) and answers in English when asked", async () => {
    const mapping = encodeURIComponent(JSON.stringify({ Porte: "tier", Funcionários: null }));
    const res = await preview(SHEET, "text/csv", `?mapping=${mapping}`, { "accept-language": "en" });
    expect(res.status).toBe(200);
    const p = (await res.json()) as Preview;
    expect(p.columns.find((c) => c.header === "Porte")).toEqual({
      header: "Porte",
      field: "tier",
      suggested: null,
    });
    expect(p.columns.find((c) => c.header === "Funcionários")?.field).toBeNull();
    expect(p.problems.map((r) => [r.row, r.errors.map((e) => e.message)])).toEqual([
      [2, ["Company is required."]],
      [3, ["Tier must be 1, 2 or 3."]],
    ]);
    expect(p.sample[0]?.lead).toMatchObject({ tier: 1, employees: null });

    // JSON rows with their own keys, the mapping in the body; "Nome" → company takes it from "Empresa".
    const json = await preview(
      JSON.stringify({
        rows: [{ Nome: `Json ${tag}`, Empresa: "x", Cidade: "Recife" }],
        mapping: { Nome: "company" },
      }),
      "application/json",
    );
    const j = (await json.json()) as Preview;
    expect(j.columns.map((c) => [c.header, c.field])).toEqual([
      ["Nome", "company"],
      ["Empresa", null],
      ["Cidade", "city"],
    ]);
    expect(j.sample[0]?.lead).toMatchObject({ company: `Json ${tag}`, city: "Recife" });
  });

  it("with no column for the company, says so and every row fails on it", async () => {
    const p = (await (await preview(`Nome;Cidade\nA ${tag};Recife\n`)).json()) as Preview;
    expect(p.missing).toEqual(["company"]);
    expect(p).toMatchObject({ valid: 0, invalid: 1 });
  });

  it("refuses hostile or unusable input with a precise problem+json and stores nothing", async () => {
    const before = await stored();
    const cases: Array<[string, () => Promise<Response>, RegExp]> = [
      ["not JSON", () => preview("{rows:", "application/json"), /not valid JSON/],
      ["no rows", () => preview("Empresa;Cidade\n"), /at least one lead/],
      ["a JSON object without rows", () => preview('{"a":1}', "application/json"), /at least one lead/],
      [
        "more than 10,000 rows",
        () => preview(JSON.stringify(Array.from({ length: 10_001 }, () => ({}))), "application/json"),
        /10,000/,
      ],
      [
        "101 columns",
        () => preview(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(";")}\nx\n`),
        /100 columns/,
      ],
      [
        "a mapping that is not JSON",
        () => preview(SHEET, "text/csv", "?mapping=%7Bnope"),
        /mapping is not valid JSON/,
      ],
      [
        "a mapping to an unknown field",
        () => preview(SHEET, "text/csv", `?mapping=${encodeURIComponent('{"Porte":"ownerId"}')}`),
        /header → lead field/,
      ],
      [
        "a mapping naming a column the file lacks",
        () => preview(SHEET, "text/csv", `?mapping=${encodeURIComponent('{"__proto__":"tier"}')}`),
        /does not fit/,
      ],
      [
        "two columns onto one field",
        () =>
          preview(
            SHEET,
            "text/csv",
            `?mapping=${encodeURIComponent('{"Porte":"company","Empresa":"company"}')}`,
          ),
        /does not fit/,
      ],
      [
        "a mapping that is an array",
        () => preview(JSON.stringify({ rows: [{}], mapping: [1] }), "application/json"),
        /header → lead field/,
      ],
    ];
    for (const [name, send, detail] of cases) {
      const res = await send();
      expect(res.status, name).toBe(400);
      expect(res.headers.get("content-type"), name).toContain("application/problem+json");
      const body = (await res.json()) as { detail: string; errors?: Array<{ path: string }> };
      expect(body.detail, name).toMatch(detail);
    }
    const dup = await preview(
      SHEET,
      "text/csv",
      `?mapping=${encodeURIComponent('{"Porte":"company","Empresa":"company"}')}`,
    );
    expect(((await dup.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      "mapping.Empresa",
    ]);
    // Headers that are object keys in JavaScript are plain columns.
    const proto = (await (await preview(`__proto__;constructor;Empresa\n1;2;P ${tag}\n`)).json()) as Preview;
    expect(proto.columns.map((c) => c.field)).toEqual([null, null, "company"]);
    expect(proto.valid).toBe(1);
    // Not a body type the route takes; not a role that may import.
    expect((await preview("x", "text/plain")).status).toBe(415);
    const marketing = await as("marketing", "/api/leads/import/preview", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: SHEET,
    });
    expect(marketing.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe("the import applies the chosen mapping and stores the valid rows", () => {
  it("imports the sheet with Porte → tier: valid rows created, the others reported", async () => {
    const mapping = encodeURIComponent(JSON.stringify({ Porte: "tier" }));
    const res = await as("sales", `/api/leads/import?mapping=${mapping}`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: SHEET,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await jobEnded("sales", job.id);
    expect(done.status).toBe("succeeded");
    expect(done.result).toMatchObject({ created: 2, invalid: 2 });
    const list = (await (await as("sales", `/api/leads?q=${tag}&limit=100`)).json()) as {
      items: Array<{
        company: string;
        tier: number | null;
        employees: number | null;
        certifications: string[];
      }>;
    };
    const orto = list.items.find((l) => l.company.startsWith("Ortoimplantes"));
    expect(orto).toMatchObject({ tier: 1, employees: 1200, certifications: ["ISO 13485", "ANVISA"] });
    expect(list.items.map((l) => l.company).sort()).toEqual([
      `Dental Açaí ${tag}`,
      `Ortoimplantes São José ${tag}`,
    ]);
  });
});

describe("import template", () => {
  it("is `;`-separated with a BOM, in the user's language, and imports unchanged", async () => {
    for (const lang of ["pt-BR", "en"] as const) {
      const res = await as("sales", `/api/leads/import/template.csv?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toContain(
        lang === "en" ? "leads-template.csv" : "modelo-leads.csv",
      );
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = await res.text();
      const [header] = text.replace(/^\ufeff/, "").split("\r\n");
      expect(header).toMatch(lang === "en" ? /^Company;Website;Segment;/ : /^Empresa;Site;Segmento;/);
      expect(text).toContain('"ISO 13485; ');
      const p = (await (await preview(text)).json()) as Preview;
      expect(p.columns.every((c) => c.field !== null)).toBe(true);
      expect(p, JSON.stringify(p.problems)).toMatchObject({ total: 1, valid: 1, invalid: 0 });
      expect(p.sample[0]?.lead).toMatchObject({
        tier: 1,
        employees: 1200,
        hasRnd: true,
        isManufacturer: true,
      });
    }
    expect((await as("sales", "/api/leads/import/template.csv?lang=fr")).status).toBe(400);
    // Without ?lang: the account's language (dev users are pt-BR).
    const plain = await as("sales", "/api/leads/import/template.csv");
    expect((await plain.text()).replace(/^\ufeff/, "")).toMatch(/^Empresa;/);
  });
});
