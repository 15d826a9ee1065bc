import { z } from "@hono/zod-openapi";
import { ENGAGEMENT_KINDS } from "../../drizzle/schema/leads";

const boolish = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const s = v.trim().toLowerCase();
  if (["true", "1", "yes", "sim", "s", "y"].includes(s)) return true;
  if (["false", "0", "no", "não", "nao", "n", ""].includes(s)) return false;
  return v;
}, z.boolean());

const intish = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z.number().int().min(min).max(max).optional(),
  );

const text = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().max(max).optional());

/** One lead as imported (CSV headers use the same names). */
export const LeadInput = z
  .object({
    company: z.string().trim().min(1, "company is required").max(200),
    website: text(300),
    segment: text(120),
    tier: intish(1, 3),
    products: text(2000),
    city: text(120),
    state: text(60),
    country: text(60),
    linkedinUrl: text(300),
    employees: intish(0, 10_000_000),
    yearsInBusiness: intish(0, 500),
    countriesServed: intish(0, 250),
    certifications: z
      .preprocess(
        (v) =>
          typeof v === "string"
            ? v
                .split(/[;,]/)
                .map((s) => s.trim().toUpperCase())
                .filter(Boolean)
            : v,
        z.array(z.enum(["FDA", "CE", "ISO"])),
      )
      .default([]),
    hasRnd: boolish.default(false),
    isManufacturer: boolish.default(false),
  })
  .openapi("LeadInput");
export type LeadInput = z.infer<typeof LeadInput>;

export const Heat = z.enum(["HOT", "WARM", "COLD"]);
export const Territory = z.enum(["manufacturing", "commercial", "unassigned"]);
export const EngagementKind = z.enum(ENGAGEMENT_KINDS);

export const ScoreFactor = z.object({ factor: z.string(), points: z.number(), detail: z.string() });

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
  sort: z.enum(["-score", "score", "-updatedAt"]).default("-score"),
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

export const EngagementBody = z
  .object({
    kind: EngagementKind,
    occurredAt: z.iso.datetime().optional(),
    source: z.string().trim().min(1).max(120).default("manual"),
  })
  .openapi("EngagementInput");

export const LeadPatch = z
  .object({
    ownerId: z.string().max(64).nullable().optional(),
    segment: z.string().trim().max(120).optional(),
    tier: z.number().int().min(1).max(3).nullable().optional(),
    products: z.string().max(2000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field")
  .openapi("LeadPatch");
