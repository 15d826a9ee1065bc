import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { user } from "./identity";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobErrorData {
  code: string;
  message: string;
  retryable: boolean;
}
export interface JobProgressData {
  percent: number;
  stage: string;
  message: string;
}

/**
 * One row per job. `version` increases on every write so realtime consumers can drop stale
 * updates; `attempts` doubles as the fencing token of the current lease holder.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    input: text("input", { mode: "json" }).$type<unknown>().notNull(),
    result: text("result", { mode: "json" }).$type<unknown>(),
    error: text("error", { mode: "json" }).$type<JobErrorData>(),
    progress: text("progress", { mode: "json" }).$type<JobProgressData>(),
    checkpointData: text("checkpoint_data", { mode: "json" }).$type<Record<string, unknown>>(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    /**
     * Times a long job continued in a fresh invocation (decision 0025). Each part is claimed like
     * an attempt (the fencing token moves on) and raises `max_attempts` by one; the API reports
     * attempts net of parts, so a healthy job never reads as retried.
     */
    parts: integer("parts").notNull().default(0),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    parentId: text("parent_id"),
    sequenceId: text("sequence_id"),
    sequenceIndex: integer("sequence_index"),
    idempotencyKey: text("idempotency_key"),
    runner: text("runner", { enum: ["queue", "workflow"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    runAt: integer("run_at").notNull(),
    dispatchedAt: integer("dispatched_at"),
    leaseUntil: integer("lease_until"),
    heartbeatAt: integer("heartbeat_at"),
    costUsd: real("cost_usd").notNull().default(0),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("jobs_idempotency_uq").on(t.userId, t.idempotencyKey).where(sql`idempotency_key is not null`),
    index("jobs_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("jobs_created_idx").on(t.createdAt, t.id),
    index("jobs_status_run_idx").on(t.status, t.runAt),
    index("jobs_updated_idx").on(t.updatedAt),
    index("jobs_parent_idx").on(t.parentId),
    index("jobs_sequence_idx").on(t.sequenceId),
  ],
);

export const JOB_EVENT_KINDS = ["status", "progress", "log", "checkpoint", "cost"] as const;
export type JobEventKind = (typeof JOB_EVENT_KINDS)[number];

/** Append-only audit trail; `seq` is per job and assigned inside the insert. */
export const jobEvents = sqliteTable(
  "job_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    kind: text("kind", { enum: JOB_EVENT_KINDS }).notNull(),
    level: text("level", { enum: ["debug", "info", "warn", "error"] }).notNull(),
    message: text("message").notNull(),
    data: text("data", { mode: "json" }).$type<unknown>(),
  },
  (t) => [uniqueIndex("job_events_job_seq_uq").on(t.jobId, t.seq)],
);
