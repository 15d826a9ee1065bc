import type { Locale } from "../i18n";
import type { Dictionary } from "../i18n/pt-BR";
import type { Job } from "../lib/types";

/** The job's error in plain words for the current language. */
export function describeError(t: Dictionary, error: Job["error"]): string {
  if (!error) return t.errors.generic;
  const known = t.errors.codes[error.code];
  if (known && error.message) return `${known} ${error.message}`;
  return known ?? error.message ?? t.errors.generic;
}

/**
 * What a person calls the job ("Carrossel: Usinagem suíça…"), declared by its type on the API:
 * realtime messages carry every language, HTTP answers the one the dashboard asked for.
 */
export function jobLabel(job: Pick<Job, "type" | "label" | "labels">, locale: Locale): string {
  return job.labels?.[locale] ?? job.label ?? job.type;
}

/** Short, single-line JSON for table cells. */
export function preview(value: unknown, max = 60): string {
  if (value === null || value === undefined) return "—";
  const s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function durationMs(
  job: Pick<Job, "startedAt" | "finishedAt" | "status">,
  now: number | null,
): number | null {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : job.status === "running" ? now : null;
  return end === null ? null : end - Date.parse(job.startedAt);
}
