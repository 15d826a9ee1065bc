import { leads } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import { hasControlChar } from "../core/control-chars";
import type { Db } from "../core/db";
import { Conflict } from "../core/errors";
import { newId } from "../core/ids";
import { CSV_PROBLEM, type CsvProblem } from "./csv";
import { controlCharProblem, csvProblem, type Locale, type RowProblem, zodProblems } from "./import-problems";
import type { LeadRow, LeadsRepo } from "./repo";
import { LeadInput } from "./schema";
import { leadsWhereIn } from "./where-in";

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
  // A NUL or an escape code would be stored and then break what reads the lead (its CSV export,
  // the Python service, LinkedIn); a cell is checked like a JSON string at the edge.
  const control = Object.entries(raw && typeof raw === "object" ? raw : {})
    .filter(([, v]) =>
      typeof v === "string"
        ? hasControlChar(v)
        : Array.isArray(v) && v.some((x) => typeof x === "string" && hasControlChar(x)),
    )
    .map(([field]) => controlCharProblem(locale, field));
  const parsed = LeadInput.safeParse(raw);
  if (parsed.success && control.length === 0) return { ok: true, input: parsed.data };
  const schema = parsed.success ? [] : zodProblems(locale, parsed.error.issues, raw);
  return {
    ok: false,
    errors: [...control, ...schema.filter((p) => !control.some((c) => c.path === p.path))],
  };
}

/**
 * Rows per round: their keys looked up in one D1 batch of `IN (…)` selects (≤ 90 keys each, D1
 * binds ≤ 100 parameters), their new leads inserted in one batch, their merges written in one.
 * At most ~400 statements a round (two per merged row), so a job can yield between rounds well
 * inside D1's 1,000 queries per invocation (import-queries.int.test.ts counts them).
 */
export const IMPORT_CHUNK = 200;
const CHUNK = IMPORT_CHUNK;

type LeadFieldsIn = ReturnType<typeof fieldsOf>;
/** A row's known values (nulls left out, so they never overwrite what a lead already has). */
type MergePatch = Parameters<LeadsRepo["change"]>[1];

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
 * Work goes in chunks (a lookup batch, an insert batch and a merge batch per CHUNK rows).
 */
export async function importRows(
  db: Db,
  repo: LeadsRepo,
  actor: Actor,
  rows: unknown[],
  jobId: string,
  onProgress: (done: number) => Promise<void>,
  locale: Locale = "pt-BR",
  /** Rows before these in the file (a job imports a file in slices): reports number from it. */
  firstRow = 0,
): Promise<ImportRowReport[]> {
  const reports: ImportRowReport[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const checked = rows.slice(start, start + CHUNK).map((raw) => checkRow(raw, locale));
    const keys = [...new Set(checked.flatMap((c) => (c.ok ? [dedupeKey(c.input)] : [])))];
    const known = await leadsByKey(db, keys);
    let inserts: Array<{ rowNo: number; key: string; company: string; fields: LeadFieldsIn }> = [];
    let merges: Array<{ rowNo: number; key: string; company: string; before: LeadRow; patch: MergePatch }> =
      [];
    /** Keys with a write waiting: a later row with the same key waits until it is stored. */
    const waiting = new Set<string>();
    const flush = async () => {
      for (const [i, created] of (await insertLeads(db, actor, inserts)).entries()) {
        const p = inserts[i] as (typeof inserts)[number];
        if (created) known.set(p.key, created);
        // A conflict means another import created it meanwhile: nothing of ours was stored.
        reports[p.rowNo - firstRow - 1] = created
          ? { row: p.rowNo, status: "created", leadId: created.id, company: p.company }
          : { row: p.rowNo, status: "unchanged", company: p.company };
      }
      const after = await repo.changeMany(
        merges.map((m) => ({ before: m.before, patch: m.patch, reason: `import merge (row ${m.rowNo})` })),
        "import merge",
        jobId,
      );
      for (const [i, m] of merges.entries()) {
        const a = after[i];
        // Another writer changed the lead since it was read: the job's retry merges again (an
        // import is idempotent), as a single change would.
        if (a === undefined) throw new Conflict("A lead changed while it was being merged.");
        known.set(m.key, a);
        reports[m.rowNo - firstRow - 1] = {
          row: m.rowNo,
          status: a === m.before ? "unchanged" : "merged",
          leadId: m.before.id,
          company: m.company,
        };
      }
      inserts = [];
      merges = [];
      waiting.clear();
    };
    for (const [j, c] of checked.entries()) {
      const rowNo = firstRow + start + j + 1;
      if (!c.ok) {
        reports[rowNo - firstRow - 1] = { row: rowNo, status: "invalid", errors: c.errors };
        continue;
      }
      const key = dedupeKey(c.input);
      const fields = fieldsOf(c.input);
      // The same lead twice in one file: the second row merges into the first, as it would
      // have one row at a time.
      if (waiting.has(key)) await flush();
      waiting.add(key);
      const existing = known.get(key);
      if (existing) {
        // Merge: values present in the new row win; unknown (null / empty) keeps what we had.
        const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as MergePatch;
        merges.push({ rowNo, key, company: c.input.company, before: existing, patch });
      } else {
        inserts.push({ rowNo, key, company: c.input.company, fields });
      }
    }
    await flush();
    await onProgress(Math.min(start + CHUNK, rows.length));
  }
  return reports;
}

/** The stored leads with these dedupe keys, in one D1 batch. */
async function leadsByKey(db: Db, keys: string[]): Promise<Map<string, LeadRow>> {
  return new Map((await leadsWhereIn(db, leads.dedupeKey, keys)).map((r) => [r.dedupeKey, r]));
}

/** Inserts new leads in one D1 batch; each slot holds the created row, or undefined on a conflict. */
async function insertLeads(
  db: Db,
  actor: Actor,
  items: Array<{ key: string; fields: LeadFieldsIn }>,
): Promise<Array<LeadRow | undefined>> {
  const now = Date.now();
  const [head, ...tail] = items.map((p) =>
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
  if (!head) return [];
  return (await db.batch([head, ...tail])).map((r) => r[0]);
}
