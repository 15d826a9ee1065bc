import { describe, expect, it } from "vitest";
import { CSV_PROBLEM, csvToRecords, csvToTable, detectDelimiter } from "./csv";
import { checkRow, dedupeKey } from "./import";
import { LeadInput, parseLocaleNumber } from "./schema";
import { engagementScore, heatOf, leadScore, withEngagement } from "./scoring";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 25);
const ev = (
  kind: Parameters<typeof engagementScore>[0][number]["kind"],
  ageDays: number,
  id = crypto.randomUUID(),
) => ({
  id,
  kind,
  occurredAt: now - ageDays * DAY,
});

describe("engagement score", () => {
  it("decays each signal by its half-life", () => {
    expect(engagementScore([ev("rfq", 0)], now).score).toBe(50);
    expect(engagementScore([ev("rfq", 90)], now).score).toBe(25);
    expect(engagementScore([ev("message_reply", 60)], now).score).toBe(6.25);
    expect(engagementScore([ev("email_open", 7)], now).score).toBe(0.5);
  });

  it("counts at most 20 events per kind per day", () => {
    const likes = Array.from({ length: 30 }, () => ev("linkedin_like", 0));
    expect(engagementScore(likes, now).score).toBe(60);
    const contributions = engagementScore(likes, now).contributions;
    expect(contributions.filter((c) => c.points === 0)).toHaveLength(10);
  });

  it("clamps to 0–100 and applies negatives", () => {
    expect(engagementScore([ev("rfq", 0), ev("meeting_booked", 0), ev("rfq", 1)], now).score).toBe(100);
    expect(engagementScore([ev("rfq", 0), ev("unsubscribe", 0)], now).score).toBe(0);
    expect(engagementScore([ev("rfq", 0), ev("meeting_booked", 0), ev("bounce", 0)], now).score).toBe(40);
  });
});

describe("lead score and heat", () => {
  it("engagement lifts fit by up to 2 points, capped at 10", () => {
    expect(leadScore(8.5, 50)).toBe(9.5);
    expect(leadScore(9.5, 100)).toBe(10);
    expect(leadScore(0, 0)).toBe(0);
  });
  it.each([
    [6.99, "COLD"],
    [7.0, "WARM"],
    [8.99, "WARM"],
    [9.0, "HOT"],
    [null, "COLD"],
  ] as const)("%s → %s", (score, heat) => expect(heatOf(score)).toBe(heat));
});

describe("CSV and dedupe", () => {
  it("parses quotes, commas, escaped quotes, CRLF and a BOM", () => {
    expect(csvToRecords('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([
      { a: "x, y", b: 'say "hi"' },
      { a: "multi\nline", b: "2" },
    ]);
  });
  it("reads the separator from the header: `;` as Excel writes in pt-BR", () => {
    expect(detectDelimiter("company;segment;products\nA;B;implantes, prótese")).toBe(";");
    expect(detectDelimiter("company,segment\nA;B,C")).toBe(",");
    expect(detectDelimiter("company\tsegment\n")).toBe("\t");
    expect(csvToRecords('empresa;x\nCirúrgica São José;"ISO 13485; ANVISA"\n')).toEqual([
      { empresa: "Cirúrgica São José", x: "ISO 13485; ANVISA" },
    ]);
  });
  it("follows Excel's `sep=` hint line, which names the separator and is not the header", () => {
    expect(csvToRecords('\ufeffsep=;\r\ncompany,name;city\r\n"A, B";Natal\r\n')).toEqual([
      { "company,name": "A, B", city: "Natal" },
    ]);
    expect(csvToRecords("SEP=,\ncompany;x,city\nA;1,Natal\n")).toEqual([
      { "company;x": "A;1", city: "Natal" },
    ]);
    // A header that merely starts with "sep" is a header.
    expect(csvToTable("sepultura;city\nA;B\n").headers).toEqual(["sepultura", "city"]);
  });
  it("reports an unterminated quote on its row and keeps reading the next rows", () => {
    const rows = csvToRecords('company,products\nA,"implantes\nB,luvas\nC,"x, y"\n');
    expect(rows).toEqual([
      { [CSV_PROBLEM]: { code: "unterminated_quote" } },
      { company: "B", products: "luvas" },
      { company: "C", products: "x, y" },
    ]);
    expect(csvToRecords('company;products\nA;"open\n')).toEqual([
      { [CSV_PROBLEM]: { code: "unterminated_quote" } },
    ]);
  });
  it("reports a row with more cells than the header instead of shifting columns", () => {
    expect(csvToRecords("company;certifications\nA;ISO 13485; ANVISA\n")).toEqual([
      { [CSV_PROBLEM]: { code: "extra_cells", params: { cells: 3, columns: 2 } } },
    ]);
    const problem = checkRow(csvToRecords("company;certifications\nA;ISO 13485; ANVISA\n")[0], "pt-BR");
    expect(problem.ok).toBe(false);
    expect(!problem.ok && problem.errors[0]?.message).toMatch(/entre aspas/);
  });
  it("merges by website host, else by company name without accents", () => {
    expect(dedupeKey({ company: "A", website: "https://www.Alfa.com.br/x" })).toBe(
      dedupeKey({ company: "B", website: "alfa.com.br" }),
    );
    expect(dedupeKey({ company: "Cirúrgica São José Ltda." })).toBe(
      dedupeKey({ company: "cirurgica sao jose ltda" }),
    );
  });
});

describe("import values as real spreadsheets write them", () => {
  it.each([
    ["1.200", 1200],
    ["1.234,5", 1234.5],
    ["12,5", 12.5],
    ["1,234.5", 1234.5],
    ["150", 150],
    [" 2 000 ", 2000],
  ])("%s → %s", (raw, n) => expect(parseLocaleNumber(raw)).toBe(n));

  // Every optional field: JSON null, an empty CSV cell, a blank and a missing key mean the same.
  const OPTIONAL = [
    "website",
    "segment",
    "tier",
    "products",
    "city",
    "state",
    "country",
    "linkedinUrl",
    "employees",
    "yearsInBusiness",
    "countriesServed",
    "certifications",
    "hasRnd",
    "isManufacturer",
  ] as const;
  it("lists every optional field of LeadInput", () => {
    expect(
      Object.keys(LeadInput.shape)
        .filter((k) => k !== "company")
        .sort(),
    ).toEqual([...OPTIONAL].sort());
  });
  it.each(OPTIONAL)("%s: null (JSON) = empty cell (CSV) = unknown", (field) => {
    const missing = LeadInput.parse({ company: "X" });
    for (const unknown of [null, "", "  "]) {
      const parsed = LeadInput.safeParse({ company: "X", [field]: unknown });
      expect(parsed.success, `${field}=${JSON.stringify(unknown)}`).toBe(true);
      expect(parsed.data).toEqual(missing);
    }
    const csv = csvToRecords(`company;${field}\nX;\n`)[0];
    expect(LeadInput.parse(csv)).toEqual(missing);
  });
  it("maps tiers, yes/no words and certification lists, keeping the original text", () => {
    const l = LeadInput.parse({
      company: "X",
      tier: "Tier 1",
      hasRnd: "Sim",
      isManufacturer: "não",
      certifications: "ISO 13485; ANVISA, CE/MDR",
      yearsInBusiness: "22,5",
      employees: "1.200",
    });
    expect(l).toMatchObject({
      tier: 1,
      hasRnd: true,
      isManufacturer: false,
      employees: 1200,
      yearsInBusiness: 22.5,
    });
    expect(l.certifications).toEqual(["ISO 13485", "ANVISA", "CE/MDR"]);
  });
  it("says what is wrong in the user's language, not zod's English", () => {
    const bad = { company: "", tier: 7, employees: "muitos", countriesServed: "2,5", hasRnd: "talvez" };
    const pt = checkRow(bad, "pt-BR");
    const en = checkRow(bad, "en");
    expect(pt.ok || en.ok).toBe(false);
    const msgs = (r: typeof pt) => (r.ok ? [] : r.errors.map((e) => `${e.path}:${e.code}:${e.message}`));
    expect(msgs(pt)).toEqual([
      "company:required:Empresa é obrigatório.",
      "tier:invalid_tier:Tier deve ser 1, 2 ou 3.",
      "employees:not_a_number:Funcionários deve ser um número (ex.: 1.200 ou 12,5).",
      "countriesServed:not_whole:Países atendidos deve ser um número inteiro.",
      "hasRnd:not_yes_no:P&D deve ser sim ou não.",
    ]);
    expect(msgs(en)[0]).toBe("company:required:Company is required.");
  });
});

describe("priority follows engagement without re-ranking", () => {
  it("keeps fit, caps lead score, lifts priority and rewrites the engagement and cap entries", () => {
    const ranked = {
      fitScore: 10,
      rawFit: 11,
      breakdown: [
        { factor: "base", points: 4, detail: "" },
        { factor: "tier", points: 3, detail: "" },
        { factor: "brand", points: 3, detail: "" },
        { factor: "manufacturer", points: 1, detail: "" },
        { factor: "cap", points: -1, detail: "" },
      ],
    };
    const s = withEngagement(ranked, 50);
    expect(s).toMatchObject({ leadScore: 10, heat: "HOT", priority: 12, engagementScore: 50 });
    expect(s.breakdown.map((f) => [f.factor, f.points])).toEqual([
      ["base", 4],
      ["tier", 3],
      ["brand", 3],
      ["manufacturer", 1],
      ["engagement", 1],
      ["cap", -2],
    ]);
    expect(withEngagement({ fitScore: 6, rawFit: 6, breakdown: [] }, 50)).toMatchObject({
      leadScore: 7,
      heat: "WARM",
      priority: 7,
    });
  });
});
