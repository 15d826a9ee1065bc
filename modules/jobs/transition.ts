import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { type JobEventKind, type JobStatus, type jobEvents, jobs } from "../../drizzle/schema";
import type { Db } from "../core/db";
import type { groupCommit } from "../core/db-combine";
import { built, type Stmt } from "../core/statements";
import type { Job, JobEvent, JobEventParam } from "./schema";
import { stalledOf } from "./stalled";
import { jobRowsOf, jobStatements } from "./statements";

/*
 * The primitives under `JobStore` (store.ts): the wire form of rows and events, the audit-trail
 * insert, and the one guarded write every state change goes through (`transition`).
 */

export type JobRow = typeof jobs.$inferSelect;
export type JobPatch = SQLiteUpdateSetSource<typeof jobs>;
/** Runs statements as one batch, possibly together with other callers' (group commit). */
export type BatchWriter = ReturnType<typeof groupCommit>;

/**
 * Sends a job's new state, and the audit events that came with it, to realtime subscribers;
 * injected by the Worker entrypoint. `events` pushes events that changed no state (logs).
 */
export interface Publisher {
  (job: Job, events?: JobEvent[]): Promise<void>;
  events?: (owner: { id: string; userId: string }, events: JobEvent[]) => Promise<void>;
}

export interface EventInput {
  kind: JobEventKind;
  level?: "debug" | "info" | "warn" | "error";
  /** English text, kept for API clients. */
  message: string;
  data?: unknown;
  /** Stable code the dashboard translates (see JobEvent.code). */
  code?: string;
  params?: Record<string, JobEventParam>;
}

/**
 * Coded events are stored in `job_events.data` as `{[EVENT_KEY]: {code, params}, data}` (no
 * migration); the wire unwraps them so `data` reads as before.
 */
const EVENT_KEY = "$event";

interface StoredEvent {
  [EVENT_KEY]: { code: string; params: Record<string, JobEventParam> | null };
  data: unknown;
}

function isStoredEvent(v: unknown): v is StoredEvent {
  if (typeof v !== "object" || v === null || !(EVENT_KEY in v)) return false;
  const e = (v as Record<string, unknown>)[EVENT_KEY];
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms == null ? null : iso(ms));

export function toWire(row: JobRow, now = Date.now()): Job {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    input: row.input,
    result: row.result ?? null,
    error: row.error ?? null,
    progress: row.progress ?? null,
    // Net of a long job's parts (decision 0025): the attempts a person counts.
    attempts: row.attempts - row.parts,
    maxAttempts: row.maxAttempts - row.parts,
    userId: row.userId,
    parentId: row.parentId,
    sequenceId: row.sequenceId,
    sequenceIndex: row.sequenceIndex,
    idempotencyKey: row.idempotencyKey,
    checkpoint: row.checkpointData ?? null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    runAt: iso(row.runAt),
    costUsd: Math.round(row.costUsd * 1e6) / 1e6,
    version: row.version,
    stalled: stalledOf(row, now),
  };
}

export function eventToWire(e: typeof jobEvents.$inferSelect): JobEvent {
  const stored = e.data ?? null;
  const coded = isStoredEvent(stored) ? stored : null;
  return {
    seq: e.seq,
    at: iso(e.at),
    kind: e.kind,
    level: e.level,
    message: e.message,
    data: coded ? (coded.data ?? null) : stored,
    code: coded ? coded[EVENT_KEY].code : null,
    params: coded ? coded[EVENT_KEY].params : null,
  };
}

/** The values of an audit event's insert (see `eventInsert`). */
export function eventValues(jobId: string, at: number, e: EventInput): Record<string, unknown> {
  const stored: unknown = e.code
    ? { [EVENT_KEY]: { code: e.code, params: e.params ?? null }, data: e.data ?? null }
    : e.data;
  return {
    jobId,
    at,
    kind: e.kind,
    level: e.level ?? "info",
    message: e.message,
    data: stored === undefined ? null : JSON.stringify(stored),
  };
}

export interface Guard {
  statuses: readonly JobStatus[];
  /** Fencing token: only the holder of this attempt's lease may write. */
  attempt?: number;
  extra?: SQL;
}

/**
 * The one way a job's state changes: a guarded UPDATE and its audit event in one D1 batch
 * (the event is written only if the update matched), then a realtime publish.
 * Returns null when the guard did not match (someone else moved the job first).
 */
export function transition(
  db: Db,
  write: BatchWriter,
  publish: Publisher,
  jobId: string,
  guard: Guard,
  patch: JobPatch,
  event: EventInput | null,
  now: number,
): Promise<JobRow | null> {
  const where = and(
    eq(jobs.id, jobId),
    inArray(jobs.status, [...guard.statuses]),
    guard.attempt === undefined ? undefined : eq(jobs.attempts, guard.attempt),
    guard.extra,
  );
  const update = db
    .update(jobs)
    .set({ ...patch, updatedAt: now, version: sql`${jobs.version} + 1` })
    .where(where)
    .returning();
  return commit(db, write, publish, built(db.$client, update, jobRowsOf), event && { jobId, at: now, event });
}

/**
 * Runs a job's guarded UPDATE (built or prebuilt) and, if it matched, its audit event in the same
 * batch; then publishes the new state. Null: the guard did not match.
 */
export async function commit(
  db: Db,
  write: BatchWriter,
  publish: Publisher,
  update: Stmt<JobRow[]>,
  event: { jobId: string; at: number; event: EventInput } | null,
): Promise<JobRow | null> {
  const statements = jobStatements(db);
  const [rows, evs] = event
    ? await write([update, statements.eventIfChanged.bind(eventValues(event.jobId, event.at, event.event))])
    : [...(await write([update])), []];
  const row = rows[0] ?? null;
  if (row) await publishSafely(publish, row, evs.map(eventToWire));
  return row;
}

/** An event that changes no state (a log line): stored, then pushed live to the job's watchers. */
export async function appendEvent(
  db: Db,
  job: { id: string; userId: string },
  e: EventInput,
  now: number,
  publish?: Publisher,
): Promise<void> {
  const insert = jobStatements(db).eventAlways.bind(eventValues(job.id, now, e));
  const evs = insert.map(await insert.stmt.all());
  if (!publish?.events || evs.length === 0) return;
  try {
    await publish.events(job, evs.map(eventToWire));
  } catch (err) {
    console.warn(JSON.stringify({ msg: "realtime event publish failed", jobId: job.id, err: String(err) }));
  }
}

/** Realtime is best effort: a failed publish never fails a state change (clients catch up). */
export async function publishSafely(publish: Publisher, row: JobRow, events: JobEvent[] = []): Promise<void> {
  try {
    await publish(toWire(row), events.length ? events : undefined);
  } catch (err) {
    console.warn(JSON.stringify({ msg: "realtime publish failed", jobId: row.id, err: String(err) }));
  }
}
