import { type SQL, sql } from "drizzle-orm";
import {
  index,
  integer,
  real,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { foldSql } from "./fold";
import { user } from "./identity";

export const HEATS = ["HOT", "WARM", "COLD"] as const;
export const TERRITORIES = ["manufacturing", "commercial", "unassigned"] as const;

export interface ScoreFactor {
  factor: string;
  points: number;
  detail: string;
}

/**
 * A score as the list orders and pages it: integer hundredths, so a cursor round-trips exactly.
 * The list's ORDER BY and the indexes below use this one expression; SQLite serves an ORDER BY
 * from an expression index only when the expressions match.
 */
export const rankKey = (score: SQLiteColumn | SQL) => sql<number>`cast(round(${score} * 100) as integer)`;

export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    /** Normalised website host, else normalised company name: how duplicates are merged. */
    dedupeKey: text("dedupe_key").notNull(),
    company: text("company").notNull(),
    website: text("website"),
    segment: text("segment"),
    tier: integer("tier"),
    products: text("products"),
    city: text("city"),
    state: text("state"),
    country: text("country"),
    linkedinUrl: text("linkedin_url"),
    employees: integer("employees"),
    yearsInBusiness: integer("years_in_business"),
    countriesServed: integer("countries_served"),
    certifications: text("certifications", { mode: "json" }).$type<string[]>().notNull(),
    hasRnd: integer("has_rnd", { mode: "boolean" }).notNull().default(false),
    isManufacturer: integer("is_manufacturer", { mode: "boolean" }).notNull().default(false),
    fitScore: real("fit_score").notNull().default(0),
    engagementScore: real("engagement_score").notNull().default(0),
    leadScore: real("lead_score").notNull().default(0),
    /** Fit without the upper caps, and the ranking score (domain.md §5.3, ordering). */
    rawFit: real("raw_fit").notNull().default(0),
    priority: real("priority").notNull().default(0),
    heat: text("heat", { enum: HEATS }).notNull().default("COLD"),
    territory: text("territory", { enum: TERRITORIES }).notNull().default("unassigned"),
    ownerId: text("owner_id").references(() => user.id),
    ownerManual: integer("owner_manual", { mode: "boolean" }).notNull().default(false),
    breakdown: text("breakdown", { mode: "json" }).$type<ScoreFactor[]>().notNull(),
    enrichmentStatus: text("enrichment_status", { enum: ["pending", "enriched", "not_found", "failed"] })
      .notNull()
      .default("pending"),
    enrichedAt: integer("enriched_at"),
    rankedAt: integer("ranked_at"),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => user.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /**
     * What the list's search box matches: company, segment and city, folded (fold.ts). Generated,
     * so every write path keeps it true; virtual, so adding it rewrote no rows. Searched with
     * instr(), not LIKE: D1 refuses LIKE patterns over 50 bytes (a long query answered 500).
     */
    searchText: text("search_text").generatedAlwaysAs(
      foldSql(sql`coalesce(company, '') || ' ' || coalesce(segment, '') || ' ' || coalesce(city, '')`),
      { mode: "virtual" },
    ),
  },
  (t) => [
    uniqueIndex("leads_dedupe_uq").on(t.dedupeKey),
    // The list's orders, exactly as LeadsRepo.list writes them (rankKey and id): a page is read
    // off the index instead of sorting every lead, and a cursor seeks into it. "My leads" and a
    // heat filter in the default order get theirs too.
    index("leads_owner_rank_idx").on(t.ownerId, rankKey(t.priority), t.id),
    index("leads_heat_rank_idx").on(t.heat, rankKey(t.priority), t.id),
    index("leads_rank_priority_idx").on(rankKey(t.priority), t.id),
    index("leads_rank_score_idx").on(rankKey(t.leadScore), t.id),
    index("leads_updated_id_idx").on(t.updatedAt, t.id),
    // The folded search text, computed once per write instead of on every row of every search:
    // LeadsRepo.list reads matches off it by name (INDEXED BY), since SQLite cannot weigh instr().
    index("leads_search_idx").on(t.searchText),
  ],
);

export const ENGAGEMENT_KINDS = [
  "linkedin_like",
  "linkedin_comment",
  "invite_accepted",
  "message_reply",
  "email_open",
  "email_click",
  "content_download",
  "site_visit",
  "pricing_page",
  "meeting_booked",
  "rfq",
  "unsubscribe",
  "bounce",
] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export const leadEngagements = sqliteTable(
  "lead_engagements",
  {
    id: text("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ENGAGEMENT_KINDS }).notNull(),
    occurredAt: integer("occurred_at").notNull(),
    source: text("source").notNull(),
    /** Webhook event id, so a redelivered webhook is recorded once. */
    externalId: text("external_id"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("lead_eng_lead_idx").on(t.leadId, t.occurredAt),
    uniqueIndex("lead_eng_external_uq").on(t.externalId),
  ],
);

export const leadDecisionMakers = sqliteTable(
  "lead_decision_makers",
  {
    id: text("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    headline: text("headline"),
    profileUrl: text("profile_url"),
    providerId: text("provider_id"),
    source: text("source").notNull(),
    fetchedAt: integer("fetched_at").notNull(),
  },
  (t) => [index("lead_dm_lead_idx").on(t.leadId)],
);

/** A citation per enriched field: which API/URL, when, by which job. */
export const leadSources = sqliteTable(
  "lead_sources",
  {
    id: text("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    source: text("source").notNull(),
    url: text("url"),
    value: text("value"),
    jobId: text("job_id"),
    fetchedAt: integer("fetched_at").notNull(),
    /** For a website fact: the sentence it was read from (issue #13). */
    quote: text("quote"),
  },
  (t) => [index("lead_src_lead_idx").on(t.leadId)],
);

/** Snapshot taken before every automatic change, so it can be reverted. */
export const leadVersions = sqliteTable(
  "lead_versions",
  {
    id: text("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    diff: text("diff", { mode: "json" }).$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    reason: text("reason").notNull(),
    changedBy: text("changed_by"),
    jobId: text("job_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("lead_versions_uq").on(t.leadId, t.version),
    index("lead_versions_created_idx").on(t.createdAt, t.leadId),
  ],
);
