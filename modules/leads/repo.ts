import { and, asc, desc, eq, gte, isNull, lt, type SQL, sql } from "drizzle-orm";
import { leadDecisionMakers, leadEngagements, leadSources, leads, leadVersions } from "../../drizzle/schema";
import { foldSearch } from "../../drizzle/schema/fold";
import { type EngagementKind, rankKey } from "../../drizzle/schema/leads";
import type { Actor } from "../core/actor";
import { afterCursor, decodeCursor, encodeCursor } from "../core/cursor";
import type { Db } from "../core/db";
import { Conflict, Forbidden, NotFound } from "../core/errors";
import { newId } from "../core/ids";
import { LEAD_FIELDS, type Lead, type ListLeadsQuery } from "./schema";
import { engagementScore, HEAT_LABEL, withEngagement } from "./scoring";

/** Leads changed per D1 batch (two statements each). */
const CHANGES_PER_BATCH = 250;

export type LeadRow = typeof leads.$inferSelect;

/** Key under which a version snapshot keeps the decision makers and citations it replaced. */
const RELATED = "_related";
export interface RelatedSnapshot {
  decisionMakers: Array<typeof leadDecisionMakers.$inferSelect>;
  sources: Array<typeof leadSources.$inferSelect>;
}
export type LeadFields = Omit<LeadRow, "id" | "createdAt" | "version" | "dedupeKey" | "createdBy">;

const iso = (ms: number) => new Date(ms).toISOString();

export function leadToWire(r: LeadRow): Lead {
  return {
    id: r.id,
    company: r.company,
    website: r.website,
    segment: r.segment,
    tier: r.tier,
    products: r.products,
    city: r.city,
    state: r.state,
    country: r.country,
    linkedinUrl: r.linkedinUrl,
    employees: r.employees,
    yearsInBusiness: r.yearsInBusiness,
    countriesServed: r.countriesServed,
    certifications: r.certifications,
    hasRnd: r.hasRnd,
    isManufacturer: r.isManufacturer,
    fitScore: r.fitScore,
    engagementScore: r.engagementScore,
    leadScore: r.leadScore,
    priority: r.priority,
    heat: r.heat,
    heatLabel: HEAT_LABEL[r.heat],
    territory: r.territory,
    ownerId: r.ownerId,
    ownerManual: r.ownerManual,
    breakdown: r.breakdown,
    enrichmentStatus: r.enrichmentStatus,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Fields a version snapshot restores (everything but identity and bookkeeping). */
const SNAPSHOT_FIELDS = [
  ...LEAD_FIELDS,
  "fitScore",
  "engagementScore",
  "leadScore",
  "rawFit",
  "priority",
  "heat",
  "territory",
  "ownerId",
  "ownerManual",
  "breakdown",
  "enrichmentStatus",
  "enrichedAt",
  "rankedAt",
] as const satisfies ReadonlyArray<keyof LeadFields>;

/**
 * Computed from the inputs and the event history, so a revert recomputes them rather than
 * restoring them (restoring them is how a revert used to wipe later engagement).
 */
const DERIVED_FIELDS: ReadonlySet<string> = new Set([
  "fitScore",
  "engagementScore",
  "leadScore",
  "rawFit",
  "priority",
  "heat",
  "territory",
  "breakdown",
  "rankedAt",
]);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Leads whose folded company, segment and city contain `folded`. The text is a virtual column, so
 * testing it row by row folds every lead again (53 replace() calls each: 190 ms at 10,000 leads
 * for a name that matches nothing). Its index holds it folded, and reading the matches' rowids off
 * that index takes a few ms; the unary `+` keeps SQLite walking the list's order index and
 * checking each row against those rowids, so a common word still stops at the first page.
 */
const searchCond = (folded: string): SQL =>
  sql`+${leads}.rowid in (select rowid from ${leads} indexed by leads_search_idx where instr(${leads.searchText}, ${folded}) > 0)`;

/**
 * What the list orders and pages by, in SQL (`col`) and read back from a row for the cursor (`at`):
 * a score as integer hundredths (rankKey), so the cursor round-trips exactly, or the update time.
 */
function sortKeyOf(sort: ListLeadsQuery["sort"]): {
  col: SQL<number> | typeof leads.updatedAt;
  at: (r: LeadRow) => number;
} {
  if (sort === "-updatedAt") return { col: leads.updatedAt, at: (r) => r.updatedAt };
  const byPriority = sort === "-priority";
  return {
    col: rankKey(byPriority ? leads.priority : leads.leadScore),
    at: (r) => Math.round((byPriority ? r.priority : r.leadScore) * 100),
  };
}

/** Scores (and the owner that follows the territory) for a lead's inputs and engagement. */
export type Rescore = (r: LeadRow) => Promise<Partial<LeadFields>>;

function snapshotOf(r: LeadRow): Record<string, unknown> {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((k) => [k, r[k]]));
}

/**
 * Leads are shared by the sales team: every signed-in user may read them; sales and admins may
 * change them. Every change is versioned (snapshot before, diff, who/which job) so it can be
 * reverted.
 */
export class LeadsRepo {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  requireWrite(): void {
    if (this.actor.role === "marketing") throw new Forbidden("Only sales and admins can change leads.");
  }

  async getRow(id: string): Promise<LeadRow> {
    const row = await this.db.query.leads.findFirst({ where: eq(leads.id, id) });
    if (!row) throw new NotFound("Lead");
    return row;
  }

  async list(q: ListLeadsQuery): Promise<{ items: Lead[]; nextCursor: string | null }> {
    const rows = await this.listQuery(q);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const at = sortKeyOf(q.sort).at;
    return {
      items: page.map(leadToWire),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: at(last), id: last.id }) : null,
    };
  }

  /** One page of the list plus one row (is there a next page?). */
  listQuery(q: ListLeadsQuery) {
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const { where, orderBy, sortCol, asc_ } = this.listParts(q);
    const cursorCond = cursor ? afterCursor(sortCol, leads.id, cursor, asc_) : undefined;
    return this.db
      .select()
      .from(leads)
      .where(and(where, cursorCond))
      .orderBy(...orderBy)
      .limit(q.limit + 1);
  }

  /**
   * Every matching lead's id, in the list's order, off the same index (an export's fixed order).
   * Paging by cursor instead would skip a lead whose score rose above the cursor while a long
   * export streamed, and repeat one whose score fell below it.
   */
  async orderedIds(q: Omit<ListLeadsQuery, "limit" | "cursor">): Promise<string[]> {
    return (await this.idsQuery(q)).map((r) => r.id);
  }

  idsQuery(q: Omit<ListLeadsQuery, "limit" | "cursor">) {
    const { where, orderBy } = this.listParts(q);
    return this.db
      .select({ id: leads.id })
      .from(leads)
      .where(where)
      .orderBy(...orderBy);
  }

  /** The leads with these ids that still exist (one query whatever the count: ids as JSON). */
  async byIds(ids: string[]): Promise<Map<string, Lead>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(leads)
      .where(sql`${leads.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
    return new Map(rows.map((r) => [r.id, leadToWire(r)]));
  }

  /**
   * The list's filters and order. Each order is served by an index of the same expression
   * (drizzle/schema/leads.ts), so a page never sorts the whole table; the query-plan test
   * (list-plan.int.test.ts) reads these queries to keep it so.
   */
  private listParts(q: Omit<ListLeadsQuery, "limit" | "cursor">) {
    const ownerCond =
      q.owner === "me"
        ? eq(leads.ownerId, this.actor.userId)
        : q.owner === "unassigned"
          ? isNull(leads.ownerId)
          : q.owner
            ? eq(leads.ownerId, q.owner)
            : undefined;
    const search = q.q?.trim() ? foldSearch(q.q.trim()) : undefined;
    const sortCol = sortKeyOf(q.sort).col;
    const asc_ = q.sort === "score";
    const where = and(
      q.heat ? eq(leads.heat, q.heat) : undefined,
      q.territory ? eq(leads.territory, q.territory) : undefined,
      q.segment ? eq(leads.segment, q.segment) : undefined,
      ownerCond,
      search ? searchCond(search) : undefined,
      q.changedSince ? gte(leads.updatedAt, Date.parse(q.changedSince)) : undefined,
      q.fitMin !== undefined ? gte(leads.fitScore, q.fitMin) : undefined,
      q.fitMax !== undefined ? lt(leads.fitScore, q.fitMax) : undefined,
      q.engagementMin !== undefined ? gte(leads.engagementScore, q.engagementMin) : undefined,
      q.engagementMax !== undefined ? lt(leads.engagementScore, q.engagementMax) : undefined,
    );
    const orderBy = [asc_ ? asc(sortCol) : desc(sortCol), asc_ ? asc(leads.id) : desc(leads.id)];
    return { where, orderBy, sortCol, asc_ };
  }

  async detail(id: string, now = Date.now()) {
    const row = await this.getRow(id);
    const [events, makers, sources] = await Promise.all([
      this.db
        .select()
        .from(leadEngagements)
        .where(eq(leadEngagements.leadId, id))
        .orderBy(desc(leadEngagements.occurredAt))
        .limit(500),
      this.db.select().from(leadDecisionMakers).where(eq(leadDecisionMakers.leadId, id)),
      this.db
        .select()
        .from(leadSources)
        .where(eq(leadSources.leadId, id))
        .orderBy(desc(leadSources.fetchedAt)),
    ]);
    const { contributions } = engagementScore(events, now);
    const pointsById = new Map(contributions.map((c) => [c.id, c.points]));
    return {
      ...leadToWire(row),
      engagements: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        occurredAt: iso(e.occurredAt),
        source: e.source,
        points: pointsById.get(e.id) ?? 0,
        ageDays: Math.max(0, Math.floor((now - e.occurredAt) / 86_400_000)),
      })),
      decisionMakers: makers.map((m) => ({
        name: m.name,
        headline: m.headline,
        profileUrl: m.profileUrl,
        providerId: m.providerId,
        source: m.source,
        fetchedAt: iso(m.fetchedAt),
      })),
      sources: sources.map((s) => ({
        field: s.field,
        source: s.source,
        url: s.url,
        value: s.value,
        quote: s.quote,
        jobId: s.jobId,
        fetchedAt: iso(s.fetchedAt),
      })),
    };
  }

  async versions(id: string) {
    await this.getRow(id);
    const rows = await this.db
      .select()
      .from(leadVersions)
      .where(eq(leadVersions.leadId, id))
      .orderBy(desc(leadVersions.version));
    return rows.map((v) => ({
      version: v.version,
      reason: v.reason,
      changedBy: v.changedBy,
      jobId: v.jobId,
      diff: v.diff,
      createdAt: iso(v.createdAt),
    }));
  }

  /**
   * Applies a change as a new version: the snapshot of the row before it, the diff, and the
   * update (guarded by the version read, so concurrent writers cannot lose each other's work).
   * Returns the updated row, or the unchanged row when nothing differs.
   */
  async change(
    before: LeadRow,
    patch: Partial<LeadFields>,
    reason: string,
    jobId: string | null = null,
    related?: RelatedSnapshot,
  ): Promise<LeadRow> {
    const [row] = await this.changeMany([{ before, patch }], reason, jobId, related);
    if (row === undefined) throw new Conflict("The lead changed meanwhile; reload and try again.");
    return row;
  }

  /**
   * Several leads' changes in one D1 batch (a rank page: one round trip instead of one per lead).
   * Each keeps its own guard: a lead another writer changed since `before` comes back undefined
   * and nothing of it is stored; an unchanged lead comes back as `before`.
   */
  async changeMany(
    items: Array<{ before: LeadRow; patch: Partial<LeadFields>; reason?: string }>,
    reason: string,
    jobId: string | null = null,
    related?: RelatedSnapshot,
  ): Promise<Array<LeadRow | undefined>> {
    const now = Date.now();
    const out: Array<LeadRow | undefined> = items.map((i) => i.before);
    const writes: Array<{ at: number; stmts: ReturnType<LeadsRepo["changeStatements"]> }> = [];
    for (const [at, { before, patch, reason: own }] of items.entries()) {
      const diff: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(patch)) {
        const from = before[k as keyof LeadRow];
        if (JSON.stringify(from) !== JSON.stringify(v)) diff[k] = { from, to: v };
      }
      if (Object.keys(diff).length === 0) continue;
      writes.push({
        at,
        stmts: this.changeStatements(before, patch, diff, own ?? reason, jobId, now, related),
      });
    }
    // At most 250 leads (500 statements) per batch: few round trips — a Worker invocation may
    // make 1,000 D1 queries in all — without one batch growing with the page.
    for (let from = 0; from < writes.length; from += CHANGES_PER_BATCH) {
      const slice = writes.slice(from, from + CHANGES_PER_BATCH);
      const [head, ...tail] = slice.flatMap((w) => w.stmts);
      if (!head) continue;
      const results = await this.db.batch([head, ...tail]);
      for (const [n, w] of slice.entries()) {
        const inserted = results[2 * n] as Array<{ id: string }>;
        const updated = results[2 * n + 1] as LeadRow[];
        out[w.at] = inserted.length > 0 && updated[0] ? updated[0] : undefined;
      }
    }
    return out;
  }

  private changeStatements(
    before: LeadRow,
    patch: Partial<LeadFields>,
    diff: Record<string, { from: unknown; to: unknown }>,
    reason: string,
    jobId: string | null,
    now: number,
    related?: RelatedSnapshot,
  ) {
    const changed = Object.fromEntries(Object.keys(diff).map((k) => [k, patch[k as keyof LeadFields]]));
    return [
      this.db
        .insert(leadVersions)
        .values({
          id: newId(),
          leadId: before.id,
          version: before.version,
          snapshot: related ? { ...snapshotOf(before), [RELATED]: related } : snapshotOf(before),
          diff,
          reason,
          changedBy: this.actor.userId,
          jobId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: leadVersions.id }),
      this.db
        .update(leads)
        .set({ ...changed, updatedAt: now, version: before.version + 1 })
        .where(and(eq(leads.id, before.id), eq(leads.version, before.version)))
        .returning(),
    ] as const;
  }

  /** Changes a lead, re-reading and re-applying once if another writer got there first. */
  async changeById(
    id: string,
    make: (r: LeadRow) => Partial<LeadFields>,
    reason: string,
    jobId: string | null = null,
    related?: RelatedSnapshot,
  ) {
    for (let i = 0; ; i++) {
      const before = await this.getRow(id);
      try {
        return await this.change(before, make(before), reason, jobId, related);
      } catch (err) {
        if (!(err instanceof Conflict) || i >= 2) throw err;
      }
    }
  }

  /**
   * Undoes version N's change and nothing else: each field that change set goes back to what it
   * was, unless a later change has since set it again (that later change wins). Engagement logged
   * since, a person's owner and edits to other fields stay. Scores are derived, so they are never
   * restored from the old version: `rescore` recomputes them for the reverted inputs and the
   * engagement as it is now, all in the same new version.
   */
  async revert(id: string, version: number, rescore: Rescore): Promise<LeadRow> {
    this.requireWrite();
    const v = await this.db.query.leadVersions.findFirst({
      where: and(eq(leadVersions.leadId, id), eq(leadVersions.version, version)),
    });
    if (!v) throw new NotFound("Version");
    const related = v.snapshot[RELATED] as RelatedSnapshot | undefined;
    const reason = `revert v${version}`;
    const make = async (current: LeadRow) => {
      const undo: Record<string, unknown> = {};
      for (const [k, d] of Object.entries(v.diff)) {
        if (DERIVED_FIELDS.has(k) || !(k in current)) continue;
        if (same(current[k as keyof LeadRow], d.to)) undo[k] = d.from;
      }
      const reverted = { ...current, ...undo } as LeadRow;
      const engagement = await this.engagementNow(id);
      return { ...undo, ...(await rescore({ ...reverted, engagementScore: engagement })) };
    };
    // The change also replaced decision makers and citations: put the earlier ones back too.
    const current = related ? await this.relatedOf(id) : undefined;
    for (let i = 0; ; i++) {
      const before = await this.getRow(id);
      try {
        const row = await this.change(before, await make(before), reason, null, current);
        if (related) await this.replaceRelated(id, related);
        return row;
      } catch (err) {
        if (!(err instanceof Conflict) || i >= 2) throw err;
      }
    }
  }

  /** Engagement 0–100 from the event history as of `now`. */
  async engagementNow(id: string, now = Date.now()): Promise<number> {
    const events = await this.db
      .select({ id: leadEngagements.id, kind: leadEngagements.kind, occurredAt: leadEngagements.occurredAt })
      .from(leadEngagements)
      .where(eq(leadEngagements.leadId, id));
    return engagementScore(events, now).score;
  }

  /** Decision makers and citations as they are now (kept in a version when a job replaces them). */
  async relatedOf(id: string): Promise<RelatedSnapshot> {
    const [decisionMakers, sources] = await Promise.all([
      this.db.select().from(leadDecisionMakers).where(eq(leadDecisionMakers.leadId, id)),
      this.db.select().from(leadSources).where(eq(leadSources.leadId, id)),
    ]);
    return { decisionMakers, sources };
  }

  async replaceRelated(id: string, r: RelatedSnapshot): Promise<void> {
    await this.db.batch([
      this.db.delete(leadDecisionMakers).where(eq(leadDecisionMakers.leadId, id)),
      this.db.delete(leadSources).where(eq(leadSources.leadId, id)),
      ...r.decisionMakers.map((m) => this.db.insert(leadDecisionMakers).values(m)),
      ...r.sources.map((x) => this.db.insert(leadSources).values(x)),
    ]);
  }

  /**
   * Recomputes engagement and the scores that follow from it after a new event. Versioned, with
   * the event as the reason, so the weekly diff can say the engagement moved the score (a revert
   * of it changes nothing: the scores are derived and the event stays).
   */
  async refreshEngagement(id: string, now = Date.now(), reason = "engagement"): Promise<LeadRow> {
    const engagement = await this.engagementNow(id, now);
    return this.changeById(id, (row) => withEngagement(row, engagement), reason);
  }

  async addEngagement(
    leadId: string,
    e: { kind: EngagementKind; occurredAt: number; source: string; externalId?: string | undefined },
  ): Promise<{ recorded: boolean }> {
    const inserted = await this.db
      .insert(leadEngagements)
      .values({
        id: newId(),
        leadId,
        kind: e.kind,
        occurredAt: e.occurredAt,
        source: e.source,
        externalId: e.externalId ?? null,
        createdBy: this.actor.userId,
        createdAt: Date.now(),
      })
      .onConflictDoNothing()
      .returning({ id: leadEngagements.id });
    return { recorded: inserted.length > 0 };
  }
}
