import type { Heat, Lead } from "./types";

export type LeadFilters = {
  heat: Heat | "";
  owner: string;
  segment: string;
  q: string;
  sort: "-priority" | "-score" | "score" | "-updatedAt";
  cursor: string;
  /** A matrix cell "fit,engagement" (buckets 0..4). */
  cell: string;
};

const HEAT_VALUES = new Set(["HOT", "WARM", "COLD"]);
const SORTS = new Set(["-priority", "-score", "score", "-updatedAt"]);

export function leadFiltersFrom(sp: URLSearchParams): LeadFilters {
  const heat = sp.get("heat") ?? "";
  const sort = sp.get("sort") ?? "-priority";
  const cell = sp.get("cell") ?? "";
  return {
    heat: HEAT_VALUES.has(heat) ? (heat as Heat) : "",
    owner: (sp.get("owner") ?? "").slice(0, 64),
    segment: (sp.get("segment") ?? "").slice(0, 120),
    q: (sp.get("q") ?? "").slice(0, 120),
    sort: SORTS.has(sort) ? (sort as LeadFilters["sort"]) : "-priority",
    cursor: (sp.get("cursor") ?? "").slice(0, 200),
    cell: /^[0-4],[0-4]$/.test(cell) ? cell : "",
  };
}

/** The query string for `GET /api/leads`. */
export function leadApiQuery(f: LeadFilters, limit = 20): string {
  const qs = new URLSearchParams({ sort: f.sort, limit: String(limit) });
  if (f.heat) qs.set("heat", f.heat);
  if (f.owner) qs.set("owner", f.owner);
  if (f.segment) qs.set("segment", f.segment);
  if (f.q) qs.set("q", f.q);
  if (f.cursor && !f.cell) qs.set("cursor", f.cursor);
  return qs.toString();
}

/**
 * `GET /api/leads/export.csv` for these filters: every page, in the list's order; a matrix cell
 * as the score ranges its buckets stand for (the same as `cellOf`).
 */
export function leadExportHref(f: LeadFilters, locale: string): string {
  const qs = new URLSearchParams({ sort: f.sort, lang: locale });
  if (f.heat) qs.set("heat", f.heat);
  if (f.owner) qs.set("owner", f.owner);
  if (f.segment) qs.set("segment", f.segment);
  if (f.q) qs.set("q", f.q);
  if (f.cell) {
    const [fit = 0, eng = 0] = f.cell.split(",").map(Number);
    qs.set("fitMin", String(fit * 2));
    qs.set("fitMax", fit === 4 ? "10.01" : String(fit * 2 + 2));
    qs.set("engagementMin", String(eng * 20));
    qs.set("engagementMax", eng === 4 ? "100.01" : String(eng * 20 + 20));
  }
  return `/api/leads/export.csv?${qs}`;
}

/** The dashboard URL for these filters with some changed. */
export function leadsHref(f: LeadFilters, change: Partial<LeadFilters> = {}): string {
  const next = { ...f, cursor: "", ...change };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) if (v && !(k === "sort" && v === "-priority")) qs.set(k, v);
  const s = qs.toString();
  return s ? `/leads?${s}` : "/leads";
}

/** The matrix buckets, the same as the summary endpoint's (fit/2 and engagement/20, capped at 4). */
export function cellOf(lead: Pick<Lead, "fitScore" | "engagementScore">): string {
  const fit = Math.min(4, Math.trunc(lead.fitScore / 2));
  const eng = Math.min(4, Math.trunc(lead.engagementScore / 20));
  return `${fit},${eng}`;
}
