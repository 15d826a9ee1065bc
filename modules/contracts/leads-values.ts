/**
 * Plain values of the leads contract, free of imports so the dashboard can bundle them without
 * zod. `leads.ts` builds its schemas from these; nothing else spells them out again.
 */

/** The fields of one imported lead (`LeadInput`'s keys, in its order): an import maps columns onto them. */
export const LEAD_FIELDS = [
  "company",
  "website",
  "segment",
  "tier",
  "products",
  "city",
  "state",
  "country",
  "linkedinUrl",
  "employees",
  "yearsInBusiness",
  "countriesServed",
  "certifications",
  "hasRnd",
  "isManufacturer",
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

/** Hottest first, as lists and summaries show them. */
export const HEATS = ["HOT", "WARM", "COLD"] as const;
