import Papa from "papaparse";
import type { CsvEncoding } from "./csv-decode";
import { checkRow } from "./import";
import { applyMapping, type Column, fieldLabel, LEAD_FIELDS, type LeadField } from "./import-mapping";
import type { Locale, RowProblem } from "./import-problems";

/** Rows shown in the preview table: enough to judge a mapping, small enough to read. */
const SAMPLE_ROWS = 20;
/** Invalid rows listed with their problems (the counts stay exact). */
const MAX_PROBLEM_ROWS = 200;

interface PreviewSampleRow {
  row: number;
  valid: boolean;
  /** The cells as written, in column order (`null`: no such cell, e.g. a row that could not be read). */
  cells: Array<string | null>;
  /** The lead fields as they would be stored (`null` = unknown, kept as is on a merge). */
  lead: Record<LeadField, unknown> | null;
  errors: RowProblem[];
}

export interface ImportPreview {
  source: "csv" | "json";
  /** The encoding the file was read in: shown, so a wrong guess is seen before anything is stored. */
  encoding: CsvEncoding;
  columns: Array<Column & { suggested: LeadField | null }>;
  /** Required fields no column is mapped onto (every row then fails on them). */
  missing: LeadField[];
  total: number;
  valid: number;
  invalid: number;
  problems: Array<{ row: number; errors: RowProblem[] }>;
  sample: PreviewSampleRow[];
}

function cellText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** What an import of these rows with this mapping would do, row by row; stores nothing. */
export function previewImport(
  source: "csv" | "json",
  encoding: CsvEncoding,
  rows: readonly unknown[],
  columns: readonly Column[],
  suggested: readonly Column[],
  locale: Locale,
): ImportPreview {
  const checked = applyMapping(rows, columns).map((r) => checkRow(r, locale));
  const problems: ImportPreview["problems"] = [];
  checked.forEach((r, i) => {
    if (!r.ok && problems.length < MAX_PROBLEM_ROWS) problems.push({ row: i + 1, errors: r.errors });
  });
  const valid = checked.filter((r) => r.ok).length;
  const mapped = new Set(columns.map((c) => c.field));
  return {
    source,
    encoding,
    columns: columns.map((c, i) => ({ ...c, suggested: suggested[i]?.field ?? null })),
    missing: (["company"] as const).filter((f) => !mapped.has(f)),
    total: rows.length,
    valid,
    invalid: rows.length - valid,
    problems,
    sample: checked.slice(0, SAMPLE_ROWS).map((r, i) => {
      const raw = rows[i];
      const rec =
        raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      return {
        row: i + 1,
        valid: r.ok,
        cells: columns.map((c) => (Object.hasOwn(rec, c.header) ? cellText(rec[c.header]) : null)),
        lead: r.ok
          ? (Object.fromEntries(LEAD_FIELDS.map((f) => [f, r.input[f] ?? null])) as Record<
              LeadField,
              unknown
            >)
          : null,
        errors: r.ok ? [] : r.errors,
      };
    }),
  };
}

const EXAMPLE: Record<Locale, Record<LeadField, string>> = {
  "pt-BR": {
    company: "Ortoimplantes Exemplo Ltda",
    website: "https://www.ortoimplantes-exemplo.com.br",
    segment: "Implantes Ortopédicos",
    tier: "1",
    products: "implantes de coluna; placas e parafusos",
    city: "São José dos Campos",
    state: "SP",
    country: "Brasil",
    linkedinUrl: "https://www.linkedin.com/company/ortoimplantes-exemplo",
    employees: "1.200",
    yearsInBusiness: "25",
    countriesServed: "12",
    certifications: "ISO 13485; ANVISA",
    hasRnd: "Sim",
    isManufacturer: "Sim",
  },
  en: {
    company: "Example Orthopedics Inc.",
    website: "https://www.example-orthopedics.com",
    segment: "Orthopedic Implants",
    tier: "1",
    products: "spinal implants; plates and screws",
    city: "Warsaw",
    state: "IN",
    country: "USA",
    linkedinUrl: "https://www.linkedin.com/company/example-orthopedics",
    employees: "1200",
    yearsInBusiness: "25",
    countriesServed: "12",
    certifications: "ISO 13485; FDA 510(k)",
    hasRnd: "yes",
    isManufacturer: "yes",
  },
};

/**
 * The import template: the header in the user's language and one example row, `;`-separated with
 * a UTF-8 BOM and CRLF — what Excel in pt-BR writes and opens without the import wizard. Its
 * headers are aliases of the fields, so importing it unchanged maps every column.
 */
export function importTemplate(locale: Locale): string {
  const csv = Papa.unparse(
    {
      fields: LEAD_FIELDS.map((f) => fieldLabel(f, locale)),
      data: [LEAD_FIELDS.map((f) => EXAMPLE[locale][f])],
    },
    { delimiter: ";", newline: "\r\n" },
  );
  return `\ufeff${csv}\r\n`;
}
