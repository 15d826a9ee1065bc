import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { jobEvents, jobs } from "../../drizzle/schema";
import { type Db, perDb } from "../core/db";
import { Prebuilt, rowsOf } from "../core/statements";
import type { JobProgress } from "./schema";

/*
 * The statements every job runs (create, claim, complete, and their audit events), their SQL built
 * once per D1 handle (see `Prebuilt`); rarer transitions build theirs per call (transition.ts).
 */

const p = sql.placeholder;
/** A placeholder bound as given (update sets take SQL, not placeholders). */
const v = (name: string) => sql`${p(name)}`;

const STARTED: JobProgress = { percent: 0, stage: "start", message: "Started" };
const DONE: JobProgress = { percent: 100, stage: "done", message: "Done" };

/** The columns a new job is inserted with; the rest take their defaults. */
export const CREATE_COLUMNS = [
  "id",
  "type",
  "status",
  "input",
  "attempts",
  "maxAttempts",
  "userId",
  "parentId",
  "sequenceId",
  "sequenceIndex",
  "idempotencyKey",
  "runner",
  "createdAt",
  "updatedAt",
  "runAt",
  "dispatchedAt",
] as const;

/**
 * Appends to the audit trail. `seq` is computed inside the statement (D1 runs statements one at
 * a time, so it cannot race); with `onlyIfChanged` the row is written only if the statement just
 * before it in the same batch changed the job, keeping state and audit atomic. Placeholders:
 * jobId, at, kind, level, message, data (JSON text or null).
 */
function eventInsert(db: Db, onlyIfChanged: boolean) {
  return db
    .insert(jobEvents)
    .select(
      db
        .select({
          // NULL lets SQLite assign the autoincrement key; drizzle wants every column, in order.
          id: sql<number>`null`.as("id"),
          jobId: jobs.id,
          seq: sql<number>`coalesce((select max(seq) from job_events where job_id = ${p("jobId")}), 0) + 1`.as(
            "seq",
          ),
          at: sql<number>`${p("at")}`.as("at"),
          kind: sql<string>`${p("kind")}`.as("kind"),
          level: sql<string>`${p("level")}`.as("level"),
          message: sql<string>`${p("message")}`.as("message"),
          data: sql<string | null>`${p("data")}`.as("data"),
        })
        .from(jobs)
        .where(and(eq(jobs.id, p("jobId")), onlyIfChanged ? sql`changes() = 1` : undefined)),
    )
    .returning();
}

/** What a claim (queued → running) sets: values, or placeholders for the prebuilt statement. */
export function claimSet(now: number | SQL, leaseUntil: number | SQL) {
  return {
    status: "running" as const,
    attempts: sql`${jobs.attempts} + 1`,
    startedAt: sql`coalesce(${jobs.startedAt}, ${now})`,
    leaseUntil,
    heartbeatAt: now,
    // A later part of a long job keeps its progress; a new attempt starts over.
    progress: sql`case when ${jobs.parts} > 0 and ${jobs.error} is null then ${jobs.progress} else ${JSON.stringify(STARTED)} end`,
  };
}

/** Job and event rows as D1 returns them, read as drizzle would (for any handle). */
export const jobRowsOf = rowsOf(jobs);
const eventRowsOf = rowsOf(jobEvents);

function build(db: Db) {
  const d1 = db.$client;
  const rows = jobRowsOf;
  const events = eventRowsOf;
  const bump = { updatedAt: v("now"), version: sql`${jobs.version} + 1` };
  return {
    /**
     * The rows of a queue batch's jobs (placeholder: ids, a JSON array): one placeholder for any
     * number of ids, so the SQL is built once instead of per batch.
     */
    loadMany: new Prebuilt(
      d1,
      db
        .select()
        .from(jobs)
        .where(sql`${jobs.id} in (select value from json_each(${p("ids")}))`),
      rows,
    ),
    eventIfChanged: new Prebuilt(d1, eventInsert(db, true), events),
    eventAlways: new Prebuilt(d1, eventInsert(db, false), events),
    create: new Prebuilt(
      d1,
      db
        .insert(jobs)
        // JSON columns bind text the caller encoded (a bare placeholder is bound as given).
        .values(Object.fromEntries(CREATE_COLUMNS.map((c) => [c, c === "input" ? v(c) : p(c)])) as never)
        .onConflictDoNothing()
        .returning(),
      rows,
    ),
    /** queued → running (placeholders: id, now, due, leaseUntil). */
    claim: new Prebuilt(
      d1,
      db
        .update(jobs)
        .set({ ...claimSet(v("now"), v("leaseUntil")), ...bump })
        .where(and(eq(jobs.id, p("id")), inArray(jobs.status, ["queued"]), sql`${jobs.runAt} <= ${p("due")}`))
        .returning(),
      rows,
    ),
    /** running → succeeded, fenced by the attempt (placeholders: id, attempt, now, result as JSON text). */
    complete: new Prebuilt(
      d1,
      db
        .update(jobs)
        .set({
          status: "succeeded",
          result: v("result"),
          error: null,
          finishedAt: v("now"),
          leaseUntil: null,
          progress: sql`${JSON.stringify(DONE)}`,
          ...bump,
        })
        .where(and(eq(jobs.id, p("id")), inArray(jobs.status, ["running"]), eq(jobs.attempts, p("attempt"))))
        .returning(),
      rows,
    ),
  };
}

export type JobStatements = ReturnType<typeof build>;

/** The prebuilt job statements of a drizzle handle (one per D1 binding, see `createDb`). */
export const jobStatements: (db: Db) => JobStatements = perDb(build);
