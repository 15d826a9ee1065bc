import type { JobError, JobEventParam, LocalizedText } from "./schema";
import type { ActedBy } from "./store";
import type { EventInput } from "./transition";
import type { CostEntry } from "./types";

/**
 * Every audit event the engine writes, in one place: `message` stays English for API clients,
 * `code` + `params` let screens say it in the reader's language (decision 0024), so a new one
 * here needs an entry in the dashboard's dictionary (`job.ev`).
 */
export const jobEvent = {
  queued: (): EventInput => ({ kind: "status", message: "Queued", code: "job.queued" }),

  running: (attempt: number): EventInput => ({
    kind: "status",
    message: "Running",
    code: "job.running",
    params: { attempt },
  }),

  progress: (
    message: string,
    params: Record<string, JobEventParam> & { percent: number; stage: string },
  ): EventInput => ({
    kind: "progress",
    message,
    data: { percent: params.percent, stage: params.stage },
    code: "job.progress",
    params,
  }),

  cost: (entry: CostEntry): EventInput => ({
    kind: "cost",
    message: `${entry.model}: USD ${entry.usd.toFixed(4)}`,
    data: entry,
    code: "job.cost",
    params: { model: entry.model, usd: entry.usd },
  }),

  checkpoint: (stage: string, label: LocalizedText | undefined): EventInput => ({
    kind: "checkpoint",
    message: `Stage "${stage}" saved`,
    data: { stage },
    code: "job.checkpoint",
    params: { stage, ...(label ? { stageLabel: label } : {}) },
  }),

  succeeded: (): EventInput => ({ kind: "status", message: "Succeeded", code: "job.succeeded" }),

  retrying: (attempt: number, error: JobError, delayMs: number): EventInput => ({
    kind: "status",
    level: "warn",
    message: `Attempt ${attempt} failed (${error.code}); retrying in ${Math.ceil(delayMs / 1000)} s`,
    data: error,
    code: "job.retrying",
    params: { attempt, error: error.code, reason: error.message, delayMs },
  }),

  continued: (message: string, statements: number): EventInput => ({
    kind: "status",
    message,
    code: "job.continued",
    params: { statements },
  }),

  failed: (error: JobError): EventInput => ({
    kind: "status",
    level: "error",
    message: `Failed: ${error.message}`,
    data: error,
    code: "job.failed",
    params: { error: error.code, reason: error.message },
  }),

  cancelled: (by: ActedBy): EventInput => ({
    kind: "status",
    level: "warn",
    message: `Cancelled by ${by.by}`,
    data: { by: by.by },
    code: "job.cancelled",
    params: { ...by },
  }),

  retried: (by: ActedBy, resumeFrom: string[]): EventInput => ({
    kind: "status",
    message: `Retried by ${by.by}`,
    data: { by: by.by, resumeFrom },
    code: "job.retried",
    params: { ...by, resumeFrom },
  }),

  deadLettered: (): EventInput => ({
    kind: "status",
    level: "error",
    message: "Dead-lettered by the queue",
    code: "job.dead_lettered",
  }),
};
