import type { Job, JobStatus } from "../lib/types";

export const STATUSES: JobStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];
const PAGE_SIZE = 25;
/** A pseudo-status in the filter: jobs the API flags as stalled (`?stalled=true`). */
export const STALLED = "stalled";

export type MonitorFilters = {
  status: string;
  type: string;
  userId: string;
  since: string;
  q: string;
  cursor: string;
};

export function filtersFrom(params: URLSearchParams): MonitorFilters {
  const get = (k: string) => (params.get(k) ?? "").trim();
  const status = get("status");
  const since = get("since");
  return {
    status: (STATUSES as string[]).includes(status) || status === STALLED ? status : "",
    type: get("type").slice(0, 100),
    userId: get("userId").slice(0, 64),
    since: /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : "",
    q: get("q").slice(0, 64),
    cursor: get("cursor").slice(0, 200),
  };
}

/** Start of the chosen day in São Paulo, as the API's ISO `updatedSince`. */
function sinceIso(since: string): string | undefined {
  if (!since) return undefined;
  const d = new Date(`${since}T00:00:00-03:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The API query for these filters. */
export function apiQuery(f: MonitorFilters): URLSearchParams {
  const qs = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (f.status === STALLED) qs.set("stalled", "true");
  else if (f.status) qs.set("status", f.status);
  if (f.type) qs.set("type", f.type);
  if (f.userId) qs.set("userId", f.userId);
  if (f.q) qs.set("q", f.q);
  const since = sinceIso(f.since);
  if (since) qs.set("updatedSince", since);
  if (f.cursor) qs.set("cursor", f.cursor);
  return qs;
}

/** Whether a job that arrived live belongs in the current (first) page. */
export function matches(job: Job, f: MonitorFilters): boolean {
  if (f.status === STALLED) {
    if (!job.stalled) return false;
  } else if (f.status && job.status !== f.status) return false;
  if (f.type && job.type !== f.type) return false;
  if (f.userId && job.userId !== f.userId) return false;
  if (f.q && !job.id.startsWith(f.q)) return false;
  const since = sinceIso(f.since);
  if (since && job.updatedAt < since) return false;
  return true;
}
