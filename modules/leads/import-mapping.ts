import { z } from "zod";
import { CSV_PROBLEM } from "./csv";
import { FIELD_LABELS, type Locale } from "./import-problems";
import { LeadInput } from "./schema";

/** The lead fields a column can be mapped onto: the keys of `LeadInput`, in its order. */
export const LEAD_FIELDS = LeadInput.keyof().options;
export type LeadField = (typeof LEAD_FIELDS)[number];
const LeadFieldEnum = z.enum(LEAD_FIELDS);

/** More columns than any real lead sheet has; refusing them keeps the preview's answer small. */
export const MAX_COLUMNS = 100;

/** "Funcionários", "FUNCIONARIOS", "nº funcionários" → "funcionarios" / "nfuncionarios". */
function normalizeHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/**
 * What real spreadsheets call each field, in Portuguese and English (already normalized). The
 * field's own name and its label in both languages (the template's header) are added below, so a
 * template downloaded in either language maps back without help.
 */
const ALIASES: Record<LeadField, string[]> = {
  company: [
    "empresa",
    "razaosocial",
    "nomefantasia",
    "nomedaempresa",
    "companyname",
    "organizacao",
    "organization",
    "cliente",
    "account",
  ],
  website: ["site", "url", "siteweb", "homepage", "web", "dominio", "domain", "paginaweb"],
  segment: ["segmento", "setor", "industry", "industria", "ramo", "sector", "vertical", "areadeatuacao"],
  tier: ["nivel", "tierdecliente"],
  products: ["produtos", "produto", "product", "linhadeprodutos", "portfolio", "portifolio"],
  city: ["cidade", "municipio"],
  state: ["estado", "uf", "province", "provincia"],
  country: ["pais"],
  linkedinUrl: [
    "linkedin",
    "urllinkedin",
    "linkedinprofile",
    "perfillinkedin",
    "perfilnolinkedin",
    "paginalinkedin",
  ],
  employees: [
    "funcionarios",
    "numerodefuncionarios",
    "nfuncionarios",
    "nodefuncionarios",
    "qtdfuncionarios",
    "quantidadedefuncionarios",
    "colaboradores",
    "headcount",
    "employeecount",
    "numberofemployees",
  ],
  yearsInBusiness: [
    "anosdemercado",
    "anosnomercado",
    "anosdeatuacao",
    "tempodemercado",
    "anosdeempresa",
    "years",
  ],
  countriesServed: ["paisesatendidos", "numerodepaises", "paisesdeatuacao", "countries", "exportapara"],
  certifications: [
    "certificacoes",
    "certificacao",
    "certificados",
    "certificado",
    "certification",
    "certificates",
    "normas",
  ],
  hasRnd: [
    "rnd",
    "rd",
    "pd",
    "ped",
    "pesquisaedesenvolvimento",
    "temped",
    "tempd",
    "temrd",
    "researchanddevelopment",
  ],
  isManufacturer: ["manufacturer", "fabricante", "efabricante", "fabrica"],
};

const BY_ALIAS = new Map<string, LeadField>();
for (const f of LEAD_FIELDS) {
  for (const a of [f, FIELD_LABELS[f].en, FIELD_LABELS[f]["pt-BR"], ...ALIASES[f]]) {
    const key = normalizeHeader(a);
    if (!BY_ALIAS.has(key)) BY_ALIAS.set(key, f);
  }
}

export interface Column {
  header: string;
  field: LeadField | null;
}

/** The field each header suggests; a field goes to the first column that names it. */
export function suggestMapping(headers: readonly string[]): Column[] {
  const taken = new Set<LeadField>();
  return headers.map((header) => {
    const f = BY_ALIAS.get(normalizeHeader(header)) ?? null;
    if (!f || taken.has(f)) return { header, field: null };
    taken.add(f);
    return { header, field: f };
  });
}

/** A chosen mapping: header → field, or `null` to ignore the column. */
export type ColumnMapping = Map<string, LeadField | null>;
const Target = LeadFieldEnum.nullable();

/**
 * A mapping sent as a JSON object. Read key by key into a Map (not through `z.record`), so a
 * header such as `__proto__` is a header like any other instead of vanishing into a prototype.
 */
export function readColumnMapping(
  value: unknown,
): { ok: true; mapping: ColumnMapping } | { ok: false; errors: MappingError[] } {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, errors: [{ path: "mapping", message: "Expected an object" }] };
  const mapping: ColumnMapping = new Map();
  const errors: MappingError[] = [];
  for (const [header, target] of Object.entries(value)) {
    const parsed = Target.safeParse(target);
    if (parsed.success) mapping.set(header, parsed.data);
    else
      errors.push({
        path: `mapping.${header}`,
        message: `Expected one of ${LEAD_FIELDS.join(", ")} or null`,
      });
  }
  return errors.length ? { ok: false, errors } : { ok: true, mapping };
}

export interface MappingError {
  path: string;
  message: string;
}

/**
 * The chosen mapping laid over the suggestion: headers it names take its field, the others keep
 * theirs unless a named header took that field. Errors name the header at fault.
 */
export function resolveMapping(
  headers: readonly string[],
  chosen: ColumnMapping | undefined,
): { ok: true; columns: Column[] } | { ok: false; errors: MappingError[] } {
  const suggested = suggestMapping(headers);
  if (!chosen) return { ok: true, columns: suggested };
  const named = chosen;
  const known = new Set(headers);
  const errors: MappingError[] = [];
  for (const h of named.keys())
    if (!known.has(h)) errors.push({ path: `mapping.${h}`, message: "No column with this header" });
  const claimed = new Map<LeadField, string>();
  for (const [h, f] of named) {
    if (!f || !known.has(h)) continue;
    const other = claimed.get(f);
    if (other !== undefined)
      errors.push({ path: `mapping.${h}`, message: `Field ${f} is already mapped from "${other}"` });
    claimed.set(f, h);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    columns: suggested.map(({ header, field }) => {
      if (named.has(header)) return { header, field: named.get(header) ?? null };
      return { header, field: field && !claimed.has(field) ? field : null };
    }),
  };
}

/** The headers of parsed rows: CSV records share one; JSON objects contribute their keys in order. */
export function headersOf(rows: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    if (!isRecord(r)) continue;
    for (const k of Object.keys(r)) seen.add(k);
  }
  return [...seen];
}

function isRecord(r: unknown): r is Record<string, unknown> {
  return typeof r === "object" && r !== null && !Array.isArray(r) && !(CSV_PROBLEM in r);
}

/**
 * Rows keyed by lead field instead of by header; ignored columns are dropped. Anything that is
 * not a record (a CSV problem, a JSON scalar) travels unchanged so row numbers stay true.
 */
export function applyMapping(rows: readonly unknown[], columns: readonly Column[]): unknown[] {
  return rows.map((r) => {
    if (!isRecord(r)) return r;
    const out: Record<string, unknown> = {};
    for (const { header, field } of columns) if (field && Object.hasOwn(r, header)) out[field] = r[header];
    return out;
  });
}

/** The field's name in the user's language (the template's header and the preview's choices). */
export function fieldLabel(field: LeadField, locale: Locale): string {
  return FIELD_LABELS[field][locale];
}
