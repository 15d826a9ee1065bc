import { count, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leads } from "../../drizzle/schema";
import { as, db, jobEnded } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

/** Windows-1252 as Excel in pt-BR saves a CSV: Latin-1, plus the en dash autocorrect types. */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    if (ch === "–") return 0x96;
    const n = ch.charCodeAt(0);
    if (n > 0xff || (n >= 0x80 && n < 0xa0)) throw new Error(`not in this test's table: ${ch}`);
    return n;
  });
}

/** UTF-16 little-endian, as Excel's "Unicode text" saves (with its byte order mark, or without). */
function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, true);
  for (let i = 0; i < text.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, text.charCodeAt(i), true);
  return out;
}

type Preview = {
  encoding: string;
  total: number;
  valid: number;
  problems: Array<{ row: number; errors: Array<{ path: string; code: string; message: string }> }>;
  sample: Array<{ lead: Record<string, unknown> | null }>;
};

function post(path: string, body: Uint8Array | string, type = "text/csv") {
  return as("sales", path, { method: "POST", headers: { "content-type": type }, body });
}

async function previewOf(body: Uint8Array | string, type = "text/csv"): Promise<Preview> {
  const res = await post("/api/leads/import/preview", body, type);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Preview;
}

async function storedLeads(): Promise<number> {
  const [l] = await db()
    .select({ n: count() })
    .from(leads)
    .where(like(leads.company, `%${tag}%`));
  return l?.n ?? 0;
}

const COMPANY = `Indústria Cirúrgica São José – ${tag}`;
const ROWS = `Empresa;Cidade;Segmento\r\n${COMPANY};São Paulo;Implantes Ortopédicos\r\n`;

describe("an uploaded CSV is read in the encoding it was saved in", () => {
  it("Excel pt-BR's CSV (Windows-1252) is read as such: the preview says so and the lead keeps its accents", async () => {
    const bytes = cp1252(ROWS);
    const preview = await previewOf(bytes);
    expect(preview.encoding).toBe("windows-1252");
    expect(preview.sample[0]?.lead).toMatchObject({ company: COMPANY, city: "São Paulo" });

    const res = await post("/api/leads/import", bytes);
    expect(res.status, await res.clone().text()).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await jobEnded("sales", job.id);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const [row] = await db()
      .select({ company: leads.company, city: leads.city, segment: leads.segment })
      .from(leads)
      .where(like(leads.company, `%${tag}%`));
    // Read as UTF-8 these would hold U+FFFD where every accent was.
    expect(row).toEqual({ company: COMPANY, city: "São Paulo", segment: "Implantes Ortopédicos" });
  });

  it("UTF-8 with or without a byte order mark, and UTF-16 with or without one, read the same rows", async () => {
    const tabbed = ROWS.replaceAll(";", "\t");
    const cases: Array<[Uint8Array, string]> = [
      [new TextEncoder().encode(ROWS), "utf-8"],
      [new TextEncoder().encode(`\ufeff${ROWS}`), "utf-8"],
      [utf16le(tabbed), "utf-16le"],
      [utf16le(tabbed, false), "utf-16le"],
    ];
    for (const [bytes, encoding] of cases) {
      const preview = await previewOf(bytes);
      expect(preview.encoding).toBe(encoding);
      expect(preview).toMatchObject({ total: 1, valid: 1 });
      expect(preview.sample[0]?.lead).toMatchObject({ company: COMPANY, city: "São Paulo" });
    }
    // JSON is UTF-8 by definition.
    expect((await previewOf(JSON.stringify([{ company: COMPANY }]), "application/json")).encoding).toBe(
      "utf-8",
    );
  });

  it("a declared charset is honoured; one that is not read here is a 415 and stores nothing", async () => {
    const latin1 = await previewOf(cp1252(ROWS), "text/csv; charset=ISO-8859-1");
    expect(latin1.encoding).toBe("windows-1252");
    expect(latin1.sample[0]?.lead).toMatchObject({ company: COMPANY });

    const before = await storedLeads();
    for (const path of ["/api/leads/import/preview", "/api/leads/import"]) {
      for (const charset of ["shift_jis", "no-such-charset"]) {
        const res = await post(path, cp1252(ROWS), `text/csv; charset=${charset}`);
        expect(res.status).toBe(415);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(((await res.json()) as { detail: string }).detail).toContain(`charset=${charset}`);
      }
    }
    expect(await storedLeads()).toBe(before);
  });
});

describe("a cell holding a control character", () => {
  const tag = crypto.randomUUID().slice(0, 8);
  it("makes its row invalid with the field named, in the user's language; the other rows import", async () => {
    const csv = [
      "Empresa;Cidade;Certificações",
      `Ortoimplantes ${tag};Campinas;ISO 13485`,
      `Nula ${tag};Rio\u0000;ISO 13485`,
      `Escape ${tag}\u001b[31m;;"ISO 13485; CE\u0007"`,
      `Tabulada ${tag};Belo\tHorizonte;`,
    ].join("\r\n");
    const preview = await previewOf(csv);
    expect(preview).toMatchObject({ total: 4, valid: 2 });
    expect(preview.problems.map((p) => [p.row, p.errors.map((e) => [e.path, e.code])])).toEqual([
      [2, [["city", "control_char"]]],
      [
        3,
        [
          ["company", "control_char"],
          ["certifications", "control_char"],
        ],
      ],
    ]);
    expect(preview.problems[0]?.errors[0]?.message).toMatch(/^Cidade contém um caractere de controle/);

    const res = await post("/api/leads/import", csv);
    expect(res.status, await res.clone().text()).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await jobEnded("sales", job.id);
    expect(done.result).toMatchObject({ created: 2, invalid: 2 });
    const names = await db()
      .select({ company: leads.company, city: leads.city })
      .from(leads)
      .where(like(leads.company, `%${tag}%`));
    expect(names.sort((a, b) => a.company.localeCompare(b.company))).toEqual([
      { company: `Ortoimplantes ${tag}`, city: "Campinas" },
      { company: `Tabulada ${tag}`, city: "Belo\tHorizonte" },
    ]);
  });

  it("in every row: the import is refused with each row's problem, and nothing is queued", async () => {
    const res = await post("/api/leads/import", `Empresa\r\nSó NUL ${tag}\u0000\r\n`);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: "rows.1.company", code: "control_char", message: expect.stringMatching(/^Empresa contém/) },
    ]);
  });
});
