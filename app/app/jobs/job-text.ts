import type { Dictionary } from "../i18n/pt-BR";
import type { Job } from "../lib/types";

/** The job's error in plain words for the current language. */
export function describeError(t: Dictionary, error: Job["error"]): string {
  if (!error) return t.errors.generic;
  const known = t.errors.codes[error.code];
  if (known && error.message) return `${known} ${error.message}`;
  return known ?? error.message ?? t.errors.generic;
}

/** Short, single-line JSON for table cells. */
export function preview(value: unknown, max = 60): string {
  if (value === null || value === undefined) return "—";
  const s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function durationMs(
  job: Pick<Job, "startedAt" | "finishedAt" | "status">,
  now: number,
): number | null {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : job.status === "running" ? now : null;
  return end === null ? null : end - Date.parse(job.startedAt);
}
