import Papa from "papaparse";
import type { Lead } from "../contracts/leads";
import { fieldLabel, LEAD_FIELDS } from "./import-mapping";
import type { Locale } from "./import-problems";

/**
 * The ranked list as a spreadsheet, in the user's language: what Excel in pt-BR opens without the
 * import wizard (`;`, decimal comma, a UTF-8 BOM, CRLF), or Excel in English (`,`, decimal point).
 * The lead fields come first under the import template's headers, so an export edited in Excel
 * imports back unchanged (its merge by website or name updates the same leads); the scores and
 * the owner follow, for reading only (the import ignores columns it does not know).
 */
const EXTRA = {
  leadScore: { "pt-BR": "Lead score", en: "Lead score" },
  fitScore: { "pt-BR": "Fit", en: "Fit" },
  engagementScore: { "pt-BR": "Engajamento", en: "Engagement" },
  priority: { "pt-BR": "Prioridade", en: "Priority" },
  heat: { "pt-BR": "Temperatura", en: "Heat" },
  territory: { "pt-BR": "Território", en: "Territory" },
  owner: { "pt-BR": "Responsável", en: "Owner" },
  updatedAt: { "pt-BR": "Atualizado em (UTC)", en: "Updated (UTC)" },
} as const;

const TERRITORY: Record<Locale, Record<string, string>> = {
  "pt-BR": {
    manufacturing: "Manufatura & Industrial",
    commercial: "Comercial & Produtos",
    unassigned: "Sem território",
  },
  en: {
    manufacturing: "Manufacturing & Industrial",
    commercial: "Commercial & Products",
    unassigned: "No territory",
  },
};

const YES_NO: Record<Locale, [string, string]> = { "pt-BR": ["Sim", "Não"], en: ["Yes", "No"] };

function exportHeader(locale: Locale): string[] {
  return [
    ...LEAD_FIELDS.map((f) => fieldLabel(f, locale)),
    ...Object.values(EXTRA).map((label) => label[locale]),
  ];
}

function decimal(n: number | null, locale: Locale): string {
  if (n === null) return "";
  const s = String(Math.round(n * 100) / 100);
  return locale === "pt-BR" ? s.replace(".", ",") : s;
}

function cells(lead: Lead, owner: string, locale: Locale): string[] {
  const [yes, no] = YES_NO[locale];
  const bool = (b: boolean | null) => (b === null ? "" : b ? yes : no);
  const fields: Record<(typeof LEAD_FIELDS)[number], string> = {
    company: lead.company,
    website: lead.website ?? "",
    segment: lead.segment ?? "",
    tier: lead.tier === null ? "" : String(lead.tier),
    products: lead.products ?? "",
    city: lead.city ?? "",
    state: lead.state ?? "",
    country: lead.country ?? "",
    linkedinUrl: lead.linkedinUrl ?? "",
    // Whole numbers without grouping: "1200" reads the same in both languages.
    employees: lead.employees === null ? "" : String(lead.employees),
    yearsInBusiness: decimal(lead.yearsInBusiness, locale),
    countriesServed: lead.countriesServed === null ? "" : String(lead.countriesServed),
    // `;` inside the cell, as the import splits it (and as people write them).
    certifications: lead.certifications.join("; "),
    hasRnd: bool(lead.hasRnd),
    isManufacturer: bool(lead.isManufacturer),
  };
  return [
    ...LEAD_FIELDS.map((f) => fields[f]),
    decimal(lead.leadScore, locale),
    decimal(lead.fitScore, locale),
    decimal(lead.engagementScore, locale),
    decimal(lead.priority, locale),
    lead.heat,
    TERRITORY[locale][lead.territory] ?? lead.territory,
    owner,
    lead.updatedAt.slice(0, 16).replace("T", " "),
  ];
}

/**
 * CSV lines for these leads (`header` for the first chunk). A cell that starts like a formula
 * (`=`, `+`, `-`, `@`, a tab) is written with a leading `'` so a spreadsheet shows it as text:
 * lead data comes from imports and websites, and `=HYPERLINK(…)` in a company name must not run
 * when a salesperson opens the file (CSV injection).
 */
export function exportChunk(
  leads: readonly Lead[],
  owners: ReadonlyMap<string, string>,
  locale: Locale,
  header: boolean,
): string {
  const rows = leads.map((l) => cells(l, l.ownerId ? (owners.get(l.ownerId) ?? "") : "", locale));
  const csv = Papa.unparse(
    { fields: exportHeader(locale), data: rows },
    {
      delimiter: locale === "pt-BR" ? ";" : ",",
      newline: "\r\n",
      header,
      escapeFormulae: true,
    },
  );
  if (!csv) return "";
  return header ? `\ufeff${csv}\r\n` : `${csv}\r\n`;
}
