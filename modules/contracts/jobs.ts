import { z } from "@hono/zod-openapi";
import { orNull } from "./absent";

/** Wire shapes of the jobs API (HTTP and realtime); the engine, its routes and the dashboard share them. */
export const JobStatus = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobError = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
export type JobError = z.infer<typeof JobError>;

/** A localized text: one string per dashboard language. */
export const LocalizedText = z.object({ "pt-BR": z.string(), en: z.string() }).openapi("LocalizedText");
export type LocalizedText = z.infer<typeof LocalizedText>;

export const JobProgress = z.object({
  percent: z.number().min(0).max(100),
  stage: z.string(),
  /** English (or the feature's own) text for API clients; screens use stageLabel, done and total. */
  message: z.string(),
  /** How many of `total` items are done, when the stage counts items (shown as "3/10"). */
  done: z.number().int().min(0).optional(),
  total: z.number().int().min(0).optional(),
  /** The stage's name in every language, declared by the job type (absent for engine stages). */
  stageLabel: LocalizedText.optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

const JobStalled = z
  .object({
    reason: z.enum(["queue_wait", "lease_expired"]),
    since: z.iso.datetime(),
  })
  .openapi("JobStalled");

export const Job = z
  .object({
    id: z.string(),
    type: z.string(),
    status: JobStatus,
    input: z.unknown(),
    result: z.unknown().nullable(),
    error: JobError.nullable(),
    progress: JobProgress.nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    userId: z.string(),
    parentId: z.string().nullable(),
    sequenceId: z.string().nullable(),
    sequenceIndex: z.number().int().nullable(),
    idempotencyKey: z.string().nullable(),
    checkpoint: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    runAt: z.iso.datetime(),
    costUsd: z.number(),
    version: z.number().int(),
    /** What a person would call the job, in the caller's language (declared by its type). */
    label: z.string().optional(),
    /** Realtime messages only: the label in every language (one hub serves sockets of both). */
    labels: z.record(z.string(), z.string()).optional(),
    /** What this kind of job is called ("Carrossel"), in the caller's language (HTTP answers). */
    typeName: z.string().optional(),
    /** Set when the job waits well past its run time or its lease: see modules/jobs/stalled.ts. */
    stalled: JobStalled.nullable(),
  })
  .openapi("Job");
export type Job = z.infer<typeof Job>;

/** A value an event's text is built from (a count, an error code, a stage's labels…). */
export const JobEventParam = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
]);
export type JobEventParam = z.infer<typeof JobEventParam>;

export const JobEvent = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    kind: z.enum(["status", "progress", "log", "checkpoint", "cost"]),
    level: z.enum(["debug", "info", "warn", "error"]),
    /** English, for API clients and logs; screens build their text from `code` and `params`. */
    message: z.string(),
    data: z.unknown().nullable(),
    /** What happened, stable across languages (e.g. `job.retrying`); null for older events. */
    code: z.string().nullable(),
    /** The values `code`'s text is built from (e.g. `{attempt: 1, error: "timeout", delayMs: 1000}`). */
    params: z.record(z.string(), JobEventParam).nullable(),
  })
  .openapi("JobEvent");
export type JobEvent = z.infer<typeof JobEvent>;

export const CreateJobBody = z
  .object({
    type: z.string().min(1).max(100),
    /** Absent or null: no input (`{}`), which the type's own schema then judges. */
    input: orNull(z.unknown().default({})),
    /** Absent or null: no key, every request is a new job. */
    idempotencyKey: orNull(z.string().min(1).max(200).optional()),
  })
  .openapi("CreateJob");
export type CreateJobBody = z.infer<typeof CreateJobBody>;

const Limit = z.coerce.number().int().min(1).max(100).default(20);

export const ListJobsQuery = z.object({
  status: JobStatus.optional(),
  type: z.string().max(100).optional(),
  userId: z.string().max(64).optional(),
  updatedSince: z.iso.datetime().optional(),
  /** A job-id prefix. */
  q: z.string().max(64).optional(),
  /** `true`: only stalled jobs (see modules/jobs/stalled.ts). */
  stalled: z.enum(["true"]).optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;

export const JobEnvelope = z.object({ job: Job });
export const JobList = z.object({ items: z.array(Job), nextCursor: z.string().nullable() });
export const JobEventList = z.object({
  items: z.array(JobEvent),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export const JobEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(2000).default(2000),
  /** The `nextCursor` of the previous page (the last `seq` it held). */
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, "Must be the nextCursor of a previous page")
    .optional(),
});

/** `GET /api/jobs/types`: the job types the caller may start. */
export const JobTypeList = z
  .object({
    items: z.array(
      z.object({
        type: z.string(),
        description: z.string(),
        runner: z.enum(["queue", "workflow"]),
        /** What a person calls it, in every dashboard language (absent: the type does not say). */
        name: LocalizedText.optional(),
      }),
    ),
  })
  .openapi("JobTypeList");
export type JobTypeList = z.infer<typeof JobTypeList>;

const Percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });

/** `GET /api/admin/metrics`: the jobs of the last `windowHours`, and what they cost. */
export const JobMetrics = z
  .object({
    windowHours: z.number(),
    /** Jobs created in the window, per status (statuses without jobs are absent). */
    byStatus: z.record(z.string(), z.number()),
    byType: z.array(
      z.object({ type: z.string(), total: z.number(), failed: z.number(), costUsd: z.number() }),
    ),
    /** Failed of finished (succeeded or failed); 0 when none finished. */
    failureRate: z.number(),
    /** Created → first start (jobs still waiting count with their wait so far); null without jobs. */
    queueWaitMs: Percentiles,
    /** Jobs stalled now (whatever their age). */
    stalled: z.number(),
    /** Start → finish; null without finished jobs. */
    runMs: Percentiles,
    spendUsd: z.number(),
  })
  .openapi("JobMetrics");
export type JobMetrics = z.infer<typeof JobMetrics>;
