import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { leads } from "../../drizzle/schema";
import type { Db } from "../core/db";
import type { PythonService, RankResult } from "./python-client";
import type { LeadRow, LeadsRepo, Rescore } from "./repo";
import { territoryOwners } from "./settings";

const PAGE = 500;

export function toRankLead(r: LeadRow) {
  // The service wants absent fields left out rather than null.
  const out: Record<string, unknown> = {
    id: r.id,
    company: r.company,
    certifications: r.certifications,
    hasRnd: r.hasRnd,
    isManufacturer: r.isManufacturer,
    engagementScore: r.engagementScore,
  };
  for (const k of [
    "segment",
    "tier",
    "products",
    "yearsInBusiness",
    "countriesServed",
    "employees",
  ] as const) {
    if (r[k] !== null) out[k] = r[k];
  }
  return out as { id: string; company: string };
}

/** Applies one ranking result as a versioned change; a manual owner is never overwritten. */
async function applyRank(
  repo: LeadsRepo,
  row: LeadRow,
  r: RankResult,
  owners: Awaited<ReturnType<typeof territoryOwners>>,
  jobId: string,
): Promise<boolean> {
  const ownerId = row.ownerManual
    ? row.ownerId
    : r.territory === "unassigned"
      ? null
      : (owners[r.territory] ?? null);
  const after = await repo.change(
    row,
    {
      fitScore: r.fitScore,
      leadScore: r.leadScore,
      rawFit: r.rawFit,
      priority: r.priority,
      heat: r.heat,
      territory: r.territory,
      ownerId,
      breakdown: r.breakdown,
    },
    "rank",
    jobId,
  );
  return after !== row;
}

/**
 * Scores one lead inline through the service (used by edits, enrichment and reverts so a stored
 * lead's scores always match its stored inputs). A manual owner is kept; otherwise the owner
 * follows the territory, as in a rank job.
 */
export function rescoreWith(db: Db, service: PythonService): Rescore {
  return async (row) => {
    const [r] = await service.rank([toRankLead(row)]);
    if (!r) throw new Error("The lead service returned no result");
    const owners = row.ownerManual ? undefined : await territoryOwners(db);
    return {
      fitScore: r.fitScore,
      leadScore: r.leadScore,
      rawFit: r.rawFit,
      priority: r.priority,
      heat: r.heat,
      territory: r.territory,
      breakdown: r.breakdown,
      ownerId: owners ? (r.territory === "unassigned" ? null : (owners[r.territory] ?? null)) : row.ownerId,
    };
  };
}

/** Ranks the given leads (or every lead, page by page after `afterId`) through the service. */
export async function rankLeads(
  db: Db,
  repo: LeadsRepo,
  service: PythonService,
  jobId: string,
  opts: { leadIds?: string[]; afterId?: string; onPage?: (lastId: string, done: number) => Promise<void> },
): Promise<{ ranked: number; changed: number }> {
  const owners = await territoryOwners(db);
  let ranked = 0;
  let changed = 0;
  let cursor = opts.afterId ?? "";
  for (;;) {
    const rows = opts.leadIds
      ? await db
          .select()
          .from(leads)
          .where(inArray(leads.id, opts.leadIds.slice(ranked, ranked + 90)))
      : await db
          .select()
          .from(leads)
          .where(and(gt(leads.id, cursor)))
          .orderBy(asc(leads.id))
          .limit(PAGE);
    if (rows.length === 0) break;
    const results = await service.rank(rows.map(toRankLead));
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const row of rows) {
      const r = byId.get(row.id);
      if (r && (await applyRank(repo, row, r, owners, jobId))) changed++;
    }
    ranked += rows.length;
    cursor = rows.at(-1)?.id ?? cursor;
    await opts.onPage?.(cursor, ranked);
    if (opts.leadIds && ranked >= opts.leadIds.length) break;
  }
  return { ranked, changed };
}

export async function leadById(db: Db, id: string): Promise<LeadRow | undefined> {
  return db.query.leads.findFirst({ where: eq(leads.id, id) });
}
