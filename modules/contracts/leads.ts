// Wire shapes of the leads API (import rows, leads, engagements, what changed this week): leads'
// routes, the OpenAPI document and the dashboard share them.
import { z } from "@hono/zod-openapi";
import { ENGAGEMENT_KINDS } from "../../drizzle/schema/leads";
import { CHANGE_SOMETHING, changesSomething, orNull } from "./absent";
import { HEATS, type LeadField } from "./leads-values";

export { LEAD_FIELDS, type LeadField } from "./leads-values";

/** `null` (JSON) and an empty cell (CSV) both mean "unknown" (issue #13). */
const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const boolish = z.preprocess((v) => {
  const b = blank(v);
  if (typeof b !== "string") return b;
  const s = b.trim().toLowerCase();
  if (["true", "1", "yes", "sim", "s", "y", "x", "verdadeiro"].includes(s)) return true;
  if (["false", "0", "no", "não", "nao", "n", "falso"].includes(s)) return false;
  return b;
}, z.boolean().optional());

/**
 * Numbers as spreadsheets write them: "1.200" and "1.234,5" (pt-BR), "12,5", "1,234.5" (en).
 * Three digits after a single dot read as thousands, as Brazilian exports mean.
 */
export function parseLocaleNumber(raw: string): number {
  const s = raw.trim().replace(/[\s\u00a0]/g, "");
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+,\d+$/.test(s)) return Number(s.replace(",", "."));
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ""));
  return s === "" ? Number.NaN : Number(s);
}
const numberish = (v: unknown) => {
  const b = blank(v);
  return typeof b === "string" ? parseLocaleNumber(b) : b;
};
const int = (min: number, max: number) =>
  z.preprocess(numberish, z.number().int().min(min).max(max).optional());

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : blank(v)),
    z.string().max(max).optional(),
  );

/** "1", "Tier 1", "T1" → 1. */
const tier = z.preprocess((v) => {
  const b = blank(v);
  if (typeof b !== "string") return b;
  const m = b.trim().match(/^(?:tier\s*|t)?([123])$/i);
  return m ? Number(m[1]) : b;
}, z.number().int().min(1).max(3).optional());

/**
 * Certifications as written ("ISO 13485; ANVISA", or a list): the original text is kept, and the
 * scoring service maps it onto FDA / CE / ISO (domain.md §5.3).
 */
const certifications = z.preprocess((v) => {
  const b = blank(v);
  const items = typeof b === "string" ? b.split(/[;,|\n]/) : b;
  return Array.isArray(items)
    ? items.map((s) => (typeof s === "string" ? s.trim() : s)).filter((s) => s !== "" && s !== null)
    : items;
}, z.array(z.string().max(120)).max(20).optional());

/** One lead as imported (CSV headers use the same names; `satisfies` keeps LEAD_FIELDS exact). */
export const LeadInput = z
  .object({
    company: z.preprocess(blank, z.string().trim().min(1).max(200)),
    website: text(300),
    segment: text(120),
    tier,
    products: text(2000),
    city: text(120),
    state: text(60),
    country: text(60),
    linkedinUrl: text(300),
    employees: int(0, 10_000_000),
    yearsInBusiness: z.preprocess(numberish, z.number().min(0).max(500).optional()),
    countriesServed: int(0, 250),
    certifications,
    hasRnd: boolish,
    isManufacturer: boolish,
  } satisfies Record<LeadField, z.ZodType>)
  .openapi("LeadInput");
export type LeadInput = z.infer<typeof LeadInput>;

export const Heat = z.enum(HEATS);
const Territory = z.enum(["manufacturing", "commercial", "unassigned"]);
export const EngagementKind = z.enum(ENGAGEMENT_KINDS);
export type EngagementKind = z.infer<typeof EngagementKind>;

const ScoreFactor = z.object({ factor: z.string(), points: z.number(), detail: z.string() });

export const Lead = z
  .object({
    id: z.string(),
    company: z.string(),
    website: z.string().nullable(),
    segment: z.string().nullable(),
    tier: z.number().nullable(),
    products: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    country: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    employees: z.number().nullable(),
    yearsInBusiness: z.number().nullable(),
    countriesServed: z.number().nullable(),
    certifications: z.array(z.string()),
    hasRnd: z.boolean(),
    isManufacturer: z.boolean(),
    fitScore: z.number(),
    engagementScore: z.number(),
    leadScore: z.number(),
    /** The uncapped ranking score lists are ordered by (domain.md §5.3). */
    priority: z.number(),
    heat: Heat,
    heatLabel: z.string(),
    territory: Territory,
    ownerId: z.string().nullable(),
    ownerManual: z.boolean(),
    breakdown: z.array(ScoreFactor),
    enrichmentStatus: z.enum(["pending", "enriched", "not_found", "failed"]),
    version: z.number(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Lead");
export type Lead = z.infer<typeof Lead>;

export const ListLeadsQuery = z.object({
  heat: Heat.optional(),
  owner: z.string().max(64).optional(),
  segment: z.string().max(120).optional(),
  territory: Territory.optional(),
  q: z.string().max(120).optional(),
  sort: z.enum(["-priority", "-score", "score", "-updatedAt"]).default("-priority"),
  changedSince: z.iso.datetime().optional(),
  /** A cell of the fit × engagement matrix: [min, max) ranges. */
  fitMin: z.coerce.number().min(0).max(10).optional(),
  fitMax: z.coerce.number().min(0).max(10.01).optional(),
  engagementMin: z.coerce.number().min(0).max(100).optional(),
  engagementMax: z.coerce.number().min(0).max(100.01).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ListLeadsQuery = z.infer<typeof ListLeadsQuery>;

/** `GET /api/leads/export.csv`: the list's filters and order, every page; a link names its language. */
export const ExportLeadsQuery = ListLeadsQuery.omit({ limit: true, cursor: true }).extend({
  lang: z.enum(["pt-BR", "en"]).optional().describe("The file's language and separators; default: yours"),
});

export const EngagementBody = z
  .object({
    kind: EngagementKind,
    occurredAt: orNull(z.iso.datetime().optional()),
    source: orNull(z.string().trim().min(1).max(120).default("manual")),
  })
  .openapi("EngagementInput");

export const LeadPatch = z
  .object({
    ownerId: z.string().max(64).nullable().optional(),
    segment: orNull(z.string().trim().max(120).optional()),
    tier: z.number().int().min(1).max(3).nullable().optional(),
    products: orNull(z.string().max(2000).optional()),
  })
  .refine(changesSomething, CHANGE_SOMETHING)
  .openapi("LeadPatch");

// ---- what changed this week (GET /api/leads/changes) -------------------------------------------

/** What made a version: the job or the person behind it (issue #13, "what changed this week"). */
const CAUSES = ["import", "rank", "enrichment", "engagement", "decay", "person"] as const;
export type Cause = (typeof CAUSES)[number];

export const ChangesQuery = z.object({
  /** Start of the window (default: 7 days ago); the window ends now. */
  since: z.iso.datetime().optional(),
  heat: Heat.optional(),
  /** `me`, `unassigned` or a user id, as in the leads list. */
  owner: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

export const FieldChange = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  causes: z.array(z.enum(CAUSES)),
  /** Who, when a person changed it (user ids). */
  people: z.array(z.string()),
  changes: z.number().int(),
});
const VersionChange = z.object({
  version: z.number().int(),
  cause: z.enum(CAUSES),
  reason: z.string(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  jobId: z.string().nullable(),
  at: z.iso.datetime(),
});
const LeadChange = z
  .object({
    lead: z.object({
      id: z.string(),
      company: z.string(),
      heat: Heat,
      heatLabel: z.string(),
      leadScore: z.number(),
      priority: z.number(),
      ownerId: z.string().nullable(),
    }),
    /** The lead itself was created inside the window. */
    created: z.boolean(),
    /** Net change per field over the window: the first version's "before", the last one's "after". */
    fields: z.array(FieldChange),
    versions: z.array(VersionChange),
    lastChangedAt: z.iso.datetime(),
  })
  .openapi("LeadChange");
export const ChangesPage = z
  .object({
    since: z.iso.datetime(),
    until: z.iso.datetime(),
    items: z.array(LeadChange),
    nextCursor: z.string().nullable(),
  })
  .openapi("LeadChanges");
export type ChangesPage = z.infer<typeof ChangesPage>;

// ---- import -----------------------------------------------------------------------------------

const LeadFieldName = LeadInput.keyof();

/** Column header → lead field (`null` ignores the column), laid over the suggested mapping. */
const ColumnMappingBody = z.record(z.string(), LeadFieldName.nullable());

/**
 * `POST /api/leads/import` and `…/preview` as JSON: an array of rows keyed by column header, or
 * `{rows, mapping}`. The same rows as `text/csv` (header row first) are the other body they take.
 */
export const ImportJsonBody = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())), mapping: ColumnMappingBody.optional() }),
]);

export const ImportQuery = z.object({
  mapping: z.string().optional().describe('A column mapping as a JSON object, e.g. {"Porte":"tier"}'),
});

/** One problem of one imported row: a stable code for programs, a sentence for people. */
const RowProblem = z.object({
  path: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  message: z.string(),
});

/** What an import would do (`POST /api/leads/import/preview`); nothing is stored. */
export const ImportPreview = z
  .object({
    source: z.enum(["csv", "json"]),
    /** The encoding the file was read in (a CSV that is not UTF-8 is read as Windows-1252, as Excel in pt-BR saves it). */
    encoding: z.enum(["utf-8", "utf-16le", "utf-16be", "windows-1252"]),
    columns: z.array(
      z.object({
        header: z.string(),
        field: LeadFieldName.nullable(),
        suggested: LeadFieldName.nullable(),
      }),
    ),
    /** Required fields no column is mapped onto (every row then fails on them). */
    missing: z.array(LeadFieldName),
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    problems: z.array(z.object({ row: z.number().int(), errors: z.array(RowProblem) })),
    sample: z.array(
      z.object({
        row: z.number().int(),
        valid: z.boolean(),
        cells: z.array(z.string().nullable()),
        lead: z.record(LeadFieldName, z.unknown()).nullable(),
        errors: z.array(RowProblem),
      }),
    ),
  })
  .openapi("ImportPreview");
export type ImportPreview = z.infer<typeof ImportPreview>;

export const TemplateQuery = z.object({
  lang: z.enum(["pt-BR", "en"]).optional().describe("The header's language; default: yours"),
});

// ---- dashboard --------------------------------------------------------------------------------

/** `GET /api/leads/summary`: counts by heat, the fit × engagement matrix, what changed this week. */
export const LeadsSummary = z
  .object({
    byHeat: z.record(z.string(), z.number()),
    /** Fit (0–4, fitScore / 2) × engagement (0–4, engagementScore / 20) buckets. */
    matrix: z.array(z.object({ fit: z.number(), engagement: z.number(), n: z.number() })),
    segments: z.array(z.string()),
    changedThisWeek: z.array(Lead),
  })
  .openapi("LeadsSummary");
export type LeadsSummary = z.infer<typeof LeadsSummary>;

/** A lead after a change (edit, engagement, revert). */
export const LeadEnvelope = z.object({ lead: Lead });

// ---- one lead in full (GET /api/leads/{id}) -----------------------------------------------------

/** A lead with what explains it: the engagement timeline, decision makers and citations. */
export const LeadDetail = Lead.extend({
  /** Newest first (at most 500), each with the points it adds to the engagement score today. */
  engagements: z.array(
    z.object({
      id: z.string(),
      kind: EngagementKind,
      occurredAt: z.iso.datetime(),
      source: z.string(),
      points: z.number(),
      ageDays: z.number().int(),
    }),
  ),
  decisionMakers: z.array(
    z.object({
      name: z.string(),
      headline: z.string().nullable(),
      profileUrl: z.string().nullable(),
      providerId: z.string().nullable(),
      source: z.string(),
      fetchedAt: z.iso.datetime(),
    }),
  ),
  /** A citation per enriched field, newest first. */
  sources: z.array(
    z.object({
      field: z.string(),
      source: z.string(),
      url: z.string().nullable(),
      value: z.string().nullable(),
      /** For a website fact: the sentence it was read from. */
      quote: z.string().nullable(),
      jobId: z.string().nullable(),
      fetchedAt: z.iso.datetime(),
    }),
  ),
}).openapi("LeadDetail");
export type LeadDetail = z.infer<typeof LeadDetail>;
export const LeadDetailEnvelope = z.object({ lead: LeadDetail });

/** One version of a lead: what a change did (`diff`: per field, before and after), and who or which job. */
const LeadVersion = z
  .object({
    version: z.number().int(),
    reason: z.string(),
    changedBy: z.string().nullable(),
    jobId: z.string().nullable(),
    /** A side missing: the field had no value there (JSON drops an undefined). */
    diff: z.record(z.string(), z.object({ from: z.unknown().optional(), to: z.unknown().optional() })),
    createdAt: z.iso.datetime(),
  })
  .openapi("LeadVersion");
export type LeadVersion = z.infer<typeof LeadVersion>;
/** `GET /api/leads/{id}/versions`: newest first. */
export const LeadVersionList = z.object({ items: z.array(LeadVersion) }).openapi("LeadVersions");
