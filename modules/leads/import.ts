import { inArray } from "drizzle-orm";
import { leads } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { CSV_PROBLEM, type CsvProblem } from "./csv";
import { csvProblem, type Locale, type RowProblem, zodProblems } from "./import-problems";
import type { LeadRow, LeadsRepo } from "./repo";
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

/** Rows looked up and inserted per round trip: one `IN (…)` select and one batch of inserts. */
const CHUNK = 50;

type LeadFieldsIn = ReturnType<typeof fieldsOf>;

function fieldsOf(input: LeadInput) {
  return {
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
}

/**
 * Imports rows in order: invalid rows are reported with every field error, valid rows are
 * created, and a row matching an existing lead (same website host or company name) is merged
 * into it as a new version — never silently dropped. Re-running the same import changes nothing.
 * Work goes in chunks (one lookup and one insert batch per 50 rows) so 10,000 rows fit a job.
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
  for (let start = 0; start < rows.length; start += CHUNK) {
    const checked = rows.slice(start, start + CHUNK).map((raw) => checkRow(raw, locale));
    const keys = [...new Set(checked.flatMap((c) => (c.ok ? [dedupeKey(c.input)] : [])))];
    const known = new Map<string, LeadRow>();
    if (keys.length > 0) {
      for (const r of await db.select().from(leads).where(inArray(leads.dedupeKey, keys)))
        known.set(r.dedupeKey, r);
    }
    let pending: Array<{ rowNo: number; key: string; company: string; fields: LeadFieldsIn }> = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const now = Date.now();
      const batch = pending.map((p) =>
        db
          .insert(leads)
          .values({
            id: newId(),
            dedupeKey: p.key,
            ...p.fields,
            certifications: p.fields.certifications ?? [],
            hasRnd: p.fields.hasRnd ?? false,
            isManufacturer: p.fields.isManufacturer ?? false,
            breakdown: [],
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning(),
      );
      const [head, ...tail] = batch;
      if (!head) return;
      const results = await db.batch([head, ...tail]);
      for (const [i, p] of pending.entries()) {
        const created = results[i]?.[0];
        if (created) known.set(p.key, created);
        // A conflict means another import created it meanwhile: nothing of ours was stored.
        reports[p.rowNo - 1] = created
          ? { row: p.rowNo, status: "created", leadId: created.id, company: p.company }
          : { row: p.rowNo, status: "unchanged", company: p.company };
      }
      pending = [];
    };
    for (const [j, c] of checked.entries()) {
      const rowNo = start + j + 1;
      if (!c.ok) {
        reports[rowNo - 1] = { row: rowNo, status: "invalid", errors: c.errors };
        continue;
      }
      const key = dedupeKey(c.input);
      const fields = fieldsOf(c.input);
      // The same lead twice in one file: the second row merges into the first, as it would
      // have one row at a time.
      if (pending.some((p) => p.key === key)) await flush();
      // Every key of the chunk was looked up above, and flush() adds what it created.
      const existing = known.get(key);
      if (existing) {
        // Merge: values present in the new row win; unknown (null / empty) keeps what we had.
        const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
        const after = await repo.change(existing, patch, `import merge (row ${rowNo})`, jobId);
        known.set(key, after);
        reports[rowNo - 1] = {
          row: rowNo,
          status: after === existing ? "unchanged" : "merged",
          leadId: existing.id,
          company: c.input.company,
        };
      } else {
        pending.push({ rowNo, key, company: c.input.company, fields });
      }
    }
    await flush();
    await onProgress(Math.min(start + CHUNK, rows.length));
  }
  return reports;
}
