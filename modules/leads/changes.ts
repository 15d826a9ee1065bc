import type { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { leads, leadVersions } from "../../drizzle/schema";
import type { Cause, ChangesQuery, FieldChange } from "../contracts/leads";
import type { Actor } from "../core/actor";
import { decodeCursor, encodeCursor } from "../core/cursor";
import type { Db } from "../core/db";
import { BadRequest } from "../core/errors";
import { UserDirectory } from "../identity/directory";
import { HEAT_LABEL } from "./scoring";

/** Version reasons are written by this module's own code paths; the prefix names the cause. */
function causeOf(reason: string): Cause {
  if (reason.startsWith("import")) return "import";
  if (reason.startsWith("rank")) return "rank";
  if (reason.startsWith("enrich")) return "enrichment";
  if (reason.startsWith("engagement decayed")) return "decay";
  if (reason.startsWith("engagement")) return "engagement";
  // "edited by <user>" and "revert vN" are a person's hand.
  return "person";
}

/** Bookkeeping and bulky derived fields that would drown the diff without telling anything new. */
const HIDDEN = new Set(["breakdown", "rankedAt", "enrichedAt", "rawFit", "ownerManual"]);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const DAY = 86_400_000;

type VersionRow = {
  leadId: string;
  version: number;
  diff: Record<string, { from: unknown; to: unknown }>;
  reason: string;
  changedBy: string | null;
  jobId: string | null;
  createdAt: number;
};

/** Folds one lead's versions (oldest first) into a net before → after per field. */
function foldVersions(versions: VersionRow[]): z.infer<typeof FieldChange>[] {
  const byField = new Map<
    string,
    { from: unknown; to: unknown; causes: Cause[]; people: string[]; changes: number }
  >();
  for (const v of versions) {
    const cause = causeOf(v.reason);
    for (const [field, d] of Object.entries(v.diff)) {
      if (HIDDEN.has(field)) continue;
      let f = byField.get(field);
      if (!f) {
        f = { from: d.from ?? null, to: d.to ?? null, causes: [], people: [], changes: 0 };
        byField.set(field, f);
      }
      f.to = d.to ?? null;
      f.changes++;
      if (!f.causes.includes(cause)) f.causes.push(cause);
      if (cause === "person" && v.changedBy && !f.people.includes(v.changedBy)) f.people.push(v.changedBy);
    }
  }
  // A field that came back to where it started did not change this week.
  return [...byField.entries()].filter(([, f]) => !same(f.from, f.to)).map(([field, f]) => ({ field, ...f }));
}

/**
 * The weekly diff built from the versions. Scoped like the leads list: every user with
 * `leads:read` sees every lead (domain.md §1), and `owner=me` means the caller's own leads.
 */
export async function leadChanges(db: Db, actor: Actor, q: ChangesQuery, now = Date.now()) {
  const since = q.since ? Date.parse(q.since) : now - 7 * DAY;
  if (since > now) {
    throw new BadRequest("since is in the future.", [
      { path: "since", message: "Must not be in the future" },
    ]);
  }
  const ownerCond =
    q.owner === "me"
      ? eq(leads.ownerId, actor.userId)
      : q.owner === "unassigned"
        ? isNull(leads.ownerId)
        : q.owner
          ? eq(leads.ownerId, q.owner)
          : undefined;
  const last = sql<number>`max(${leadVersions.createdAt})`;
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  const groups = await db
    .select({ leadId: leadVersions.leadId, last })
    .from(leadVersions)
    .innerJoin(leads, eq(leads.id, leadVersions.leadId))
    .where(and(gte(leadVersions.createdAt, since), q.heat ? eq(leads.heat, q.heat) : undefined, ownerCond))
    .groupBy(leadVersions.leadId)
    .having(
      cursor
        ? or(
            sql`${last} < ${cursor.at}`,
            and(sql`${last} = ${cursor.at}`, lt(leadVersions.leadId, cursor.id)),
          )
        : undefined,
    )
    .orderBy(desc(last), desc(leadVersions.leadId))
    .limit(q.limit + 1);
  const page = groups.slice(0, q.limit);
  const ids = page.map((g) => g.leadId);
  if (ids.length === 0) {
    return {
      since: new Date(since).toISOString(),
      until: new Date(now).toISOString(),
      items: [],
      nextCursor: null,
    };
  }
  const [rows, versions] = await Promise.all([
    db.select().from(leads).where(inArray(leads.id, ids)),
    db
      .select({
        leadId: leadVersions.leadId,
        version: leadVersions.version,
        diff: leadVersions.diff,
        reason: leadVersions.reason,
        changedBy: leadVersions.changedBy,
        jobId: leadVersions.jobId,
        createdAt: leadVersions.createdAt,
      })
      .from(leadVersions)
      .where(and(inArray(leadVersions.leadId, ids), gte(leadVersions.createdAt, since)))
      .orderBy(asc(leadVersions.leadId), asc(leadVersions.version)),
  ]);
  const people = [...new Set(versions.flatMap((v) => (v.changedBy ? [v.changedBy] : [])))];
  const names = await new UserDirectory(db).names(people);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = page.flatMap((g) => {
    const r = byId.get(g.leadId);
    if (!r) return [];
    const mine = versions.filter((v) => v.leadId === g.leadId);
    return [
      {
        lead: {
          id: r.id,
          company: r.company,
          heat: r.heat,
          heatLabel: HEAT_LABEL[r.heat],
          leadScore: r.leadScore,
          priority: r.priority,
          ownerId: r.ownerId,
        },
        created: r.createdAt >= since,
        fields: foldVersions(mine),
        versions: mine.map((v) => ({
          version: v.version,
          cause: causeOf(v.reason),
          reason: v.reason,
          changedBy: v.changedBy,
          changedByName: v.changedBy ? (names.get(v.changedBy) ?? null) : null,
          jobId: v.jobId,
          at: new Date(v.createdAt).toISOString(),
        })),
        lastChangedAt: new Date(g.last).toISOString(),
      },
    ];
  });
  const tail = page.at(-1);
  return {
    since: new Date(since).toISOString(),
    until: new Date(now).toISOString(),
    items,
    nextCursor: groups.length > q.limit && tail ? encodeCursor({ at: tail.last, id: tail.leadId }) : null,
  };
}
