import type { z } from "zod";
import type { CsvProblem } from "./csv";

export type Locale = "pt-BR" | "en";

/** One problem of one imported row: a stable code for programs, a sentence for people. */
export interface RowProblem {
  path: string;
  code: string;
  params?: Record<string, number | string>;
  message: string;
}

/** Each lead field as people name it (problems, the import template's header, the column choices). */
export const FIELD_LABELS = {
  company: { "pt-BR": "Empresa", en: "Company" },
  website: { "pt-BR": "Site", en: "Website" },
  segment: { "pt-BR": "Segmento", en: "Segment" },
  tier: { "pt-BR": "Tier", en: "Tier" },
  products: { "pt-BR": "Produtos", en: "Products" },
  city: { "pt-BR": "Cidade", en: "City" },
  state: { "pt-BR": "Estado", en: "State" },
  country: { "pt-BR": "País", en: "Country" },
  linkedinUrl: { "pt-BR": "LinkedIn", en: "LinkedIn" },
  employees: { "pt-BR": "Funcionários", en: "Employees" },
  yearsInBusiness: { "pt-BR": "Anos de mercado", en: "Years in business" },
  countriesServed: { "pt-BR": "Países atendidos", en: "Countries served" },
  certifications: { "pt-BR": "Certificações", en: "Certifications" },
  hasRnd: { "pt-BR": "P&D", en: "R&D" },
  isManufacturer: { "pt-BR": "Fabricante", en: "Manufacturer" },
} satisfies Record<string, { "pt-BR": string; en: string }>;
const FIELD: Record<string, { "pt-BR": string; en: string }> = FIELD_LABELS;

type P = Record<string, number | string>;
const MESSAGES: Record<string, { "pt-BR": (f: string, p: P) => string; en: (f: string, p: P) => string }> = {
  required: { "pt-BR": (f) => `${f} é obrigatório.`, en: (f) => `${f} is required.` },
  not_a_number: {
    "pt-BR": (f) => `${f} deve ser um número (ex.: 1.200 ou 12,5).`,
    en: (f) => `${f} must be a number (e.g. 1,200 or 12.5).`,
  },
  not_whole: {
    "pt-BR": (f) => `${f} deve ser um número inteiro.`,
    en: (f) => `${f} must be a whole number.`,
  },
  too_small: {
    "pt-BR": (f, p) => `${f} deve ser no mínimo ${p.min}.`,
    en: (f, p) => `${f} must be at least ${p.min}.`,
  },
  too_big: {
    "pt-BR": (f, p) => `${f} deve ser no máximo ${p.max}.`,
    en: (f, p) => `${f} must be at most ${p.max}.`,
  },
  too_long: {
    "pt-BR": (f, p) => `${f} tem mais de ${p.max} caracteres.`,
    en: (f, p) => `${f} is longer than ${p.max} characters.`,
  },
  invalid_tier: { "pt-BR": (f) => `${f} deve ser 1, 2 ou 3.`, en: (f) => `${f} must be 1, 2 or 3.` },
  not_yes_no: {
    "pt-BR": (f) => `${f} deve ser sim ou não.`,
    en: (f) => `${f} must be yes or no.`,
  },
  invalid: { "pt-BR": (f) => `${f} não é válido.`, en: (f) => `${f} is not valid.` },
  control_char: {
    "pt-BR": (f) =>
      `${f} contém um caractere de controle invisível (como um NUL); apague-o na planilha e importe de novo.`,
    en: (f) =>
      `${f} holds an invisible control character (such as a NUL); delete it in the spreadsheet and import again.`,
  },
  not_an_object: {
    "pt-BR": () => "A linha não é um objeto com campos.",
    en: () => "The row is not an object with fields.",
  },
  unterminated_quote: {
    "pt-BR": () => "Aspas abertas e não fechadas nesta linha; corrija a linha e importe de novo.",
    en: () => "A quote opened on this row is never closed; fix the row and import it again.",
  },
  extra_cells: {
    "pt-BR": (_f, p) =>
      `A linha tem ${p.cells} colunas e o cabeçalho ${p.columns}; um valor com o separador precisa estar entre aspas.`,
    en: (_f, p) =>
      `The row has ${p.cells} cells and the header ${p.columns}; a value containing the separator must be quoted.`,
  },
};

function problem(locale: Locale, path: string, code: string, params: P = {}): RowProblem {
  const field = FIELD[path.split(".")[0] ?? ""]?.[locale] ?? path;
  const m = MESSAGES[code] ?? MESSAGES.invalid;
  return {
    path,
    code,
    ...(Object.keys(params).length ? { params } : {}),
    message: m ? m[locale](field, params) : code,
  };
}

/** A field whose text holds a control character (the JSON API refuses these at the edge). */
export function controlCharProblem(locale: Locale, field: string): RowProblem {
  return problem(locale, field, "control_char");
}

export function csvProblem(locale: Locale, p: CsvProblem): RowProblem {
  return problem(locale, "", p.code, "params" in p ? p.params : {});
}

/** zod's issues → problems in the user's language (never zod's own English). */
export function zodProblems(
  locale: Locale,
  issues: ReadonlyArray<z.core.$ZodIssue>,
  raw: unknown,
): RowProblem[] {
  return issues.map((i) => {
    const value = i.path.reduce<unknown>(
      (o, k) => (o && typeof o === "object" ? (o as Record<PropertyKey, unknown>)[k] : undefined),
      raw,
    );
    const absent =
      value === undefined || value === null || (typeof value === "string" && value.trim() === "");
    const path = i.path.map(String).join(".");
    const field = String(i.path[0] ?? "");
    if (field === "tier") return problem(locale, path, "invalid_tier");
    if (i.code === "invalid_type") {
      if (absent && path !== "") return problem(locale, path, "required");
      if (i.expected === "int") return problem(locale, path, "not_whole");
      if (i.expected === "number") return problem(locale, path, "not_a_number");
      if (i.expected === "boolean") return problem(locale, path, "not_yes_no");
      if (i.expected === "object") return problem(locale, path, "not_an_object");
      return problem(locale, path, "invalid");
    }
    if (i.code === "too_small") {
      if (i.origin === "string" && absent) return problem(locale, path, "required");
      return problem(locale, path, "too_small", { min: Number(i.minimum) });
    }
    if (i.code === "too_big") {
      if (i.origin === "string") return problem(locale, path, "too_long", { max: Number(i.maximum) });
      return problem(locale, path, "too_big", { max: Number(i.maximum) });
    }
    if (i.code === "invalid_format" || i.code === "not_multiple_of")
      return problem(locale, path, "not_whole");
    return problem(locale, path, "invalid");
  });
}
