import type { RouterContextProvider } from "react-router";
import { apiJson } from "../lib/api.server";
import { changesQuery } from "./changes";
import { cellOf, type LeadFilters, leadApiQuery } from "./filters";
import type { Lead, LeadChanges, LeadSummary, UserLite } from "./types";

type Ctx = Readonly<RouterContextProvider>;
type Page = { items: Lead[]; nextCursor: string | null };

/**
 * The dashboard's data. A matrix cell has no API filter, so for a cell the best-ranked matching
 * leads are collected from the first pages (up to 500 leads scanned) and shown without paging.
 */
export async function loadLeadsDashboard(context: Ctx, request: Request, f: LeadFilters) {
  const [list, summary, users, changes] = await Promise.all([
    f.cell ? scanCell(context, request, f) : apiJson<Page>(context, request, `/api/leads?${leadApiQuery(f)}`),
    apiJson<LeadSummary>(context, request, "/api/leads/summary"),
    apiJson<{ items: UserLite[] }>(context, request, "/api/users"),
    apiJson<LeadChanges>(context, request, `/api/leads/changes?${changesQuery(f)}`),
  ]);
  return { list, summary, users, changes };
}

async function scanCell(context: Ctx, request: Request, f: LeadFilters) {
  const found: Lead[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5 && found.length < 50; page++) {
    const qs = new URLSearchParams(leadApiQuery({ ...f, cursor: "" }, 100));
    if (cursor) qs.set("cursor", cursor);
    const res = await apiJson<Page>(context, request, `/api/leads?${qs}`);
    if (!res.ok) return res;
    found.push(...res.data.items.filter((l) => cellOf(l) === f.cell));
    cursor = res.data.nextCursor;
    if (!cursor) break;
  }
  return { ok: true as const, status: 200, data: { items: found.slice(0, 50), nextCursor: null } };
}
