import { asc, eq, gt } from "drizzle-orm";
import { leads } from "../../drizzle/schema";
import type { Db } from "../core/db";
import type { PythonService, RankResult } from "./python-client";
import type { LeadRow, LeadsRepo, Rescore } from "./repo";
import { territoryOwners } from "./settings";
import { leadsWhereIn } from "./where-in";

/**
 * Leads per rank page: one service call, and a version row plus an update per changed lead (≤ 400
 * statements), so a job can yield between pages inside D1's 1,000 queries per invocation.
 */
const PAGE = 200;

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

/** One ranking result as the fields it sets; a manual owner is never overwritten. */
function rankPatch(row: LeadRow, r: RankResult, owners: Awaited<ReturnType<typeof territoryOwners>>) {
  const ownerId = row.ownerManual
    ? row.ownerId
    : r.territory === "unassigned"
      ? null
      : (owners[r.territory] ?? null);
  return {
    fitScore: r.fitScore,
    leadScore: r.leadScore,
    rawFit: r.rawFit,
    priority: r.priority,
    heat: r.heat,
    territory: r.territory,
    ownerId,
    breakdown: r.breakdown,
  };
}

/**
 * Applies a page of ranking results as versioned changes in one batch; a lead someone changed
 * meanwhile is re-read and ranked on its own (its inputs may have changed too).
 * Returns how many leads changed.
 */
async function applyRanks(
  repo: LeadsRepo,
  service: PythonService,
  rows: LeadRow[],
  byId: Map<string, RankResult>,
  owners: Awaited<ReturnType<typeof territoryOwners>>,
  jobId: string,
): Promise<number> {
  const items = rows.flatMap((row) => {
    const r = byId.get(row.id);
    return r ? [{ before: row, patch: rankPatch(row, r, owners) }] : [];
  });
  const after = await repo.changeMany(items, "rank", jobId);
  let changed = 0;
  for (const [i, item] of items.entries()) {
    const a = after[i];
    if (a !== undefined) {
      if (a !== item.before) changed++;
      continue;
    }
    const fresh = await repo.getRow(item.before.id);
    const [r] = await service.rank([toRankLead(fresh)]);
    if (!r) continue;
    const now = await repo.changeById(fresh.id, (row) => rankPatch(row, r, owners), "rank", jobId);
    if (now.version !== fresh.version) changed++;
  }
  return changed;
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
  opts: {
    leadIds?: string[];
    afterId?: string;
    onPage?: (lastId: string, done: number, changed: number) => Promise<void>;
  },
): Promise<{ ranked: number; changed: number }> {
  const owners = await territoryOwners(db);
  let ranked = 0;
  let changed = 0;
  let cursor = opts.afterId ?? "";
  const rankPage = async (rows: LeadRow[]) => {
    const results = await service.rank(rows.map(toRankLead));
    changed += await applyRanks(repo, service, rows, new Map(results.map((r) => [r.id, r])), owners, jobId);
    ranked += rows.length;
    cursor = rows.at(-1)?.id ?? cursor;
    await opts.onPage?.(cursor, ranked, changed);
  };
  // By ids: pages of the list (an id deleted meanwhile is skipped, not a reason to stop early).
  for (let offset = 0; opts.leadIds && offset < opts.leadIds.length; offset += PAGE) {
    const rows = await leadsWhereIn(db, leads.id, opts.leadIds.slice(offset, offset + PAGE));
    if (rows.length > 0) await rankPage(rows);
  }
  // Everything: pages in id order, resumable from `afterId`.
  while (!opts.leadIds) {
    const rows = await db.select().from(leads).where(gt(leads.id, cursor)).orderBy(asc(leads.id)).limit(PAGE);
    if (rows.length === 0) break;
    await rankPage(rows);
  }
  return { ranked, changed };
}

export async function leadById(db: Db, id: string): Promise<LeadRow | undefined> {
  return db.query.leads.findFirst({ where: eq(leads.id, id) });
}
