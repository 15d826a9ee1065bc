import { eq } from "drizzle-orm";
import { leadDecisionMakers, leadSources } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { JobFailure } from "../jobs/types";
import type { EnrichResult, PythonService } from "./python-client";
import { leadById, rescoreWith } from "./ranking";
import type { LeadRow, LeadsRepo, Rescore } from "./repo";
import { applyWebsiteFacts } from "./website";

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const int = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null;

/**
 * Stores one lead's enrichment: decision makers replaced, a citation per field, company facts
 * filling only fields we did not have (a versioned change), and the enrichment status.
 */
export async function applyEnrichment(
  db: Db,
  repo: LeadsRepo,
  row: LeadRow,
  r: EnrichResult,
  jobId: string,
  rescore: Rescore,
): Promise<void> {
  const now = Date.now();
  // Kept in the version, so reverting this enrichment also restores the earlier people/citations.
  const previous = await repo.relatedOf(row.id);
  const c = r.company;
  const patch: Partial<LeadRow> = { enrichmentStatus: r.status, enrichedAt: now };
  if (!row.website && str(c.website)) patch.website = str(c.website);
  if (row.employees === null && int(c.employeeCount) !== null) patch.employees = int(c.employeeCount);
  if (!row.linkedinUrl && str(c.linkedinUrl)) patch.linkedinUrl = str(c.linkedinUrl);
  // Filled facts can move the fit (e.g. employees ≥ 100): score them in the same version.
  const fitChanged = patch.employees !== undefined;
  await repo.change(
    row,
    fitChanged ? { ...patch, ...(await rescore({ ...row, ...patch })) } : patch,
    r.status === "enriched" ? "enrich (Unipile)" : `enrich: ${r.status}`,
    jobId,
    previous,
  );
  if (r.status === "enriched") {
    await db.batch([
      db.delete(leadDecisionMakers).where(eq(leadDecisionMakers.leadId, row.id)),
      ...r.decisionMakers.map((m) =>
        db.insert(leadDecisionMakers).values({
          id: newId(),
          leadId: row.id,
          name: m.name,
          headline: m.headline ?? null,
          profileUrl: m.profileUrl ?? null,
          providerId: m.providerId ?? null,
          source: m.source,
          fetchedAt: now,
        }),
      ),
      ...r.sources.map((s) =>
        db.insert(leadSources).values({
          id: newId(),
          leadId: row.id,
          field: s.field,
          source: s.source,
          url: s.url ?? null,
          value: valueFor(r, s.field),
          jobId,
          fetchedAt: Date.parse(s.fetchedAt) || now,
        }),
      ),
    ]);
  }
}

function valueFor(r: EnrichResult, field: string): string | null {
  const m = field.match(/^decisionMakers\[(\d+)\]$/);
  if (m) return r.decisionMakers[Number(m[1])]?.name ?? null;
  const key = field.replace(/^company\./, "");
  const v = r.company[key];
  return v === undefined || v === null ? null : typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * After LinkedIn, the company's own website (the address we had or the one Unipile just filled):
 * facts with citations, and what they add to fit inputs as a versioned change. The website is a
 * bonus: when the service cannot read it, the lead keeps what LinkedIn gave.
 */
export async function enrichFromWebsite(
  db: Db,
  repo: LeadsRepo,
  service: PythonService,
  leadId: string,
  jobId: string,
): Promise<void> {
  const row = await leadById(db, leadId);
  if (!row?.website) return;
  try {
    const site = await service.websiteFacts(row.website);
    await applyWebsiteFacts(db, repo, row, site, jobId, rescoreWith(db, service));
  } catch (err) {
    if (!(err instanceof JobFailure) || err.retryable) throw err;
  }
}
