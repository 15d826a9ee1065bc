import type { Formatters, Locale } from "../i18n";
import type { Dictionary } from "../i18n/pt-BR";
import type { Job, JobEvent } from "../lib/types";

/** The job's error in plain words for the current language. */
export function describeError(
  t: Dictionary,
  error: Pick<NonNullable<Job["error"]>, "code" | "message"> | null,
): string {
  if (!error) return t.errors.generic;
  const engine = t.errors.engineCodes[error.code];
  if (engine) return engine;
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

type Progress = NonNullable<Job["progress"]>;
type Localized = { "pt-BR": string; en: string };

function isLocalized(v: unknown): v is Localized {
  return typeof v === "object" && v !== null && typeof (v as Localized)["pt-BR"] === "string";
}

/** A stage as a person calls it: its type's label, the engine's own word, never the key. */
function stageText(t: Dictionary, locale: Locale, stage: string, label?: Localized | null): string {
  return label?.[locale] ?? t.job.stages[stage] ?? t.job.stageUnknown;
}

/** "Enriquecendo leads · 3/10" or "Pesquisa · 40%": the stage and how far it is. */
export function progressText(t: Dictionary, locale: Locale, fmt: Formatters, p: Progress): string {
  const stage = stageText(t, locale, p.stage, p.stageLabel);
  if (p.done !== undefined && p.total !== undefined)
    return `${stage} · ${fmt.number(p.done, 0)}/${fmt.number(p.total, 0)}`;
  if (p.done !== undefined) return `${stage} · ${fmt.number(p.done, 0)}`;
  return `${stage} · ${fmt.number(Math.round(p.percent), 0)}%`;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const task = (t: Dictionary, v: unknown): string => {
  const key = str(v) ?? "";
  return t.job.aiTasks[key] ?? key;
};

/** Who did it, as a person reads it: "por você", "por Ana", "por um administrador". */
function byText(t: Dictionary, params: Record<string, unknown>, meId: string | undefined): string {
  if (meId && params.by === meId) return t.job.ev.byYou;
  const name = str(params.byName);
  if (name) return t.job.ev.byName(name);
  return params.byRole === "admin" ? t.job.ev.byAdmin : t.job.ev.bySomeone;
}

/**
 * One audit-trail line in the reader's language, from the event's code and params; events
 * written before codes existed (or by a feature, without one) show their stored text.
 */
export function eventText(
  t: Dictionary,
  locale: Locale,
  fmt: Formatters,
  e: Pick<JobEvent, "code" | "params" | "message">,
  meId?: string,
): string {
  const p: Record<string, unknown> = e.params ?? {};
  const ev = t.job.ev;
  const stage = () =>
    stageText(t, locale, str(p.stage) ?? "", isLocalized(p.stageLabel) ? p.stageLabel : null);
  const reason = () => describeError(t, { code: str(p.error) ?? "", message: str(p.reason) ?? "" });
  switch (e.code) {
    case "job.queued":
      return ev.queued;
    case "job.running":
      return ev.running(num(p.attempt) ?? 1);
    case "job.succeeded":
      return ev.succeeded;
    case "job.retrying":
      return ev.retrying(num(p.attempt) ?? 1, reason(), fmt.seconds(num(p.delayMs) ?? 0));
    case "job.failed":
      return ev.failed(reason());
    case "job.cancelled":
      return ev.cancelled(byText(t, p, meId));
    case "job.retried": {
      const from = Array.isArray(p.resumeFrom)
        ? p.resumeFrom.filter((s): s is string => typeof s === "string")
        : [];
      return `${ev.retried(byText(t, p, meId))}${from.length ? ev.resumeFrom(from.join(", ")) : ""}`;
    }
    case "job.checkpoint":
      return ev.checkpoint(stage());
    case "job.dead_lettered":
      return ev.deadLettered;
    case "job.continued":
      return ev.continued;
    case "job.progress":
      return progressText(t, locale, fmt, {
        percent: num(p.percent) ?? 0,
        stage: str(p.stage) ?? "",
        message: e.message,
        ...(num(p.done) !== undefined ? { done: num(p.done) } : {}),
        ...(num(p.total) !== undefined ? { total: num(p.total) } : {}),
        ...(isLocalized(p.stageLabel) ? { stageLabel: p.stageLabel } : {}),
      });
    case "ai.repaired":
      return t.job.logs.aiRepaired(task(t, p.task));
    case "ai.malformed":
      return t.job.logs.aiMalformed(task(t, p.task), fmt.number(num(p.ask) ?? 1, 0));
    case "ai.no_picture":
      return t.job.logs.aiNoPicture(task(t, p.task));
    case "content.rendered":
      return t.job.logs.rendered(fmt.number(num(p.slides) ?? 0, 0));
    case "content.rewriting":
      return t.job.logs.rewriting(fmt.number(num(p.score) ?? 0, 1), fmt.number(num(p.threshold) ?? 0, 1));
    case "system.stage_executed":
      return t.job.logs.stageExecuted(stage());
    case "job.cost":
      return `${str(p.model) ?? ""}: ${fmt.usd(num(p.usd) ?? 0)}`;
    default:
      return e.message;
  }
}
