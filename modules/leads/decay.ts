import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { appSettings, leadEngagements, leads } from "../../drizzle/schema";
import { actorFor } from "../core/actor";
import type { Db } from "../core/db";
import { LeadsRepo } from "./repo";
import { engagementScore, withEngagement } from "./scoring";

const KEY = "leads.decay.lastDay";
// D1 binds at most 100 parameters per statement: the `IN (…)` lists below stay under it.
const PAGE = 90;
// São Paulo has kept UTC−3 all year since 2019 (no daylight saving).
const SAO_PAULO_OFFSET_MS = -3 * 3_600_000;

/** The calendar day in São Paulo, "YYYY-MM-DD": the decay runs once per such day. */
export function saoPauloDay(now: number): string {
  return new Date(now + SAO_PAULO_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Claims today's run: the first caller of a São Paulo day wins, every later caller (the cron
 * fires each minute, or a second isolate) gets false. One conditional UPDATE, so it is atomic.
 */
async function claimDay(db: Db, day: string, now: number): Promise<boolean> {
  await db
    .insert(appSettings)
    .values({ key: KEY, value: { day: "" }, updatedAt: now, updatedBy: null })
    .onConflictDoNothing();
  const claimed = await db
    .update(appSettings)
    .set({ value: { day }, updatedAt: now })
    .where(
      and(eq(appSettings.key, KEY), sql`coalesce(json_extract(${appSettings.value}, '$.day'), '') < ${day}`),
    )
    .returning({ key: appSettings.key });
  return claimed.length > 0;
}

/**
 * Time-based decay (issue #13): recomputes every engaged lead's engagement with the half-lives
 * as of `now`. A lead whose heat changes gets a version ("engagement decayed: HOT → WARM");
 * otherwise the derived scores are updated in place, like any engagement refresh.
 */
export async function decayEngagement(db: Db, now = Date.now()) {
  const day = saoPauloDay(now);
  if (!(await claimDay(db, day, now))) return { day, ran: false, updated: 0, heatChanged: 0 };
  const repo = new LeadsRepo(db, actorFor("system", "admin", "job"));
  let updated = 0;
  let heatChanged = 0;
  let cursor = "";
  for (;;) {
    const ids = (
      await db
        .selectDistinct({ id: leadEngagements.leadId })
        .from(leadEngagements)
        .where(gt(leadEngagements.leadId, cursor))
        .orderBy(asc(leadEngagements.leadId))
        .limit(PAGE)
    ).map((r) => r.id);
    if (ids.length === 0) break;
    cursor = ids.at(-1) ?? cursor;
    const [rows, events] = await Promise.all([
      db.select().from(leads).where(inArray(leads.id, ids)),
      db
        .select({
          id: leadEngagements.id,
          leadId: leadEngagements.leadId,
          kind: leadEngagements.kind,
          occurredAt: leadEngagements.occurredAt,
        })
        .from(leadEngagements)
        .where(inArray(leadEngagements.leadId, ids)),
    ]);
    for (const row of rows) {
      const score = engagementScore(
        events.filter((e) => e.leadId === row.id),
        now,
      ).score;
      if (score === row.engagementScore) continue;
      const scores = withEngagement(row, score);
      if (scores.heat !== row.heat) {
        await repo.change(row, scores, `engagement decayed: ${row.heat} → ${scores.heat}`);
        heatChanged++;
      } else {
        await db
          .update(leads)
          .set(scores)
          .where(and(eq(leads.id, row.id), eq(leads.version, row.version)));
      }
      updated++;
    }
  }
  return { day, ran: true, updated, heatChanged };
}
