import { eq } from "drizzle-orm";
import { leads } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { CSV_PROBLEM, type CsvProblem } from "./csv";
import { csvProblem, type Locale, type RowProblem, zodProblems } from "./import-problems";
import type { LeadsRepo } from "./repo";
import { LeadInput } from "./schema";

/** Website host without www, else the company name without accents/punctuation. */
export function dedupeKey(l: { company: string; website?: string | undefined | null }): string {
  if (l.website) {
    const host = l.website
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, "")
      .replace(/^www\./, "")
      .split(/[/?#]/)[0];
    if (host) return `web:${host}`;
  }
  const name = l.company
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return `name:${name}`;
}

export interface ImportRowReport {
  row: number;
  status: "created" | "merged" | "unchanged" | "invalid";
  leadId?: string;
  company?: string;
  errors?: RowProblem[];
}

/** A row's problems before anything is stored (also used to refuse an import with no valid row). */
export function checkRow(
  raw: unknown,
  locale: Locale,
): { ok: true; input: LeadInput } | { ok: false; errors: RowProblem[] } {
  if (raw && typeof raw === "object" && CSV_PROBLEM in raw) {
    return {
      ok: false,
      errors: [csvProblem(locale, (raw as Record<string, CsvProblem>)[CSV_PROBLEM] as CsvProblem)],
    };
  }
  const parsed = LeadInput.safeParse(raw);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: zodProblems(locale, parsed.error.issues, raw) };
}

/**
 * Imports rows one by one: invalid rows are reported with every field error, valid rows are
 * created, and a row matching an existing lead (same website host or company name) is merged
 * into it as a new version — never silently dropped. Re-running the same import changes nothing.
 */
export async function importRows(
  db: Db,
  repo: LeadsRepo,
  actor: Actor,
  rows: unknown[],
  jobId: string,
  onProgress: (done: number) => Promise<void>,
  locale: Locale = "pt-BR",
): Promise<ImportRowReport[]> {
  const reports: ImportRowReport[] = [];
  for (const [i, raw] of rows.entries()) {
    const rowNo = i + 1;
    const parsed = checkRow(raw, locale);
    if (!parsed.ok) {
      reports.push({ row: rowNo, status: "invalid", errors: parsed.errors });
    } else {
      const input = parsed.input;
      const key = dedupeKey(input);
      const existing = await db.query.leads.findFirst({ where: eq(leads.dedupeKey, key) });
      const fields = {
        company: input.company,
        website: input.website ?? null,
        segment: input.segment ?? null,
        tier: input.tier ?? null,
        products: input.products ?? null,
        city: input.city ?? null,
        state: input.state ?? null,
        country: input.country ?? null,
        linkedinUrl: input.linkedinUrl ?? null,
        employees: input.employees ?? null,
        yearsInBusiness: input.yearsInBusiness ?? null,
        countriesServed: input.countriesServed ?? null,
        certifications: input.certifications ?? null,
        hasRnd: input.hasRnd ?? null,
        isManufacturer: input.isManufacturer ?? null,
      };
      if (existing) {
        // Merge: values present in the new row win; unknown (null / empty) keeps what we had.
        const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
        const after = await repo.change(existing, patch, `import merge (row ${rowNo})`, jobId);
        reports.push({
          row: rowNo,
          status: after === existing ? "unchanged" : "merged",
          leadId: existing.id,
          company: input.company,
        });
      } else {
        const now = Date.now();
        const [created] = await db
          .insert(leads)
          .values({
            id: newId(),
            dedupeKey: key,
            ...fields,
            certifications: fields.certifications ?? [],
            hasRnd: fields.hasRnd ?? false,
            isManufacturer: fields.isManufacturer ?? false,
            breakdown: [],
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: leads.id });
        if (created)
          reports.push({ row: rowNo, status: "created", leadId: created.id, company: input.company });
        else reports.push({ row: rowNo, status: "unchanged", company: input.company });
      }
    }
    if (rowNo % 25 === 0 || rowNo === rows.length) await onProgress(rowNo);
  }
  return reports;
}
