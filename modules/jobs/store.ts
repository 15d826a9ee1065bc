import { and, eq, gte, lte, sql } from "drizzle-orm";
import { jobs } from "../../drizzle/schema";
import type { Db } from "../core/db";
import { groupCommit } from "../core/db-combine";
import type { Stmt } from "../core/statements";
import { jobEvent } from "./events";
import type { JobRegistry } from "./registry";
import type { JobError, JobProgress } from "./schema";
import { type CREATE_COLUMNS, claimSet, type JobStatements, jobStatements } from "./statements";
import {
  appendEvent,
  type BatchWriter,
  commit,
  type EventInput,
  eventToWire,
  eventValues,
  type Guard,
  type JobPatch,
  type JobRow,
  type Publisher,
  publishSafely,
  transition,
} from "./transition";
import type { Admission, CostEntry } from "./types";

/** Other modules name rows and the publisher through the store. */
export type { JobRow, Publisher } from "./transition";

/** A new job's row: the columns `create` inserts (the rest take their defaults). */
export type NewJob = Pick<typeof jobs.$inferInsert, (typeof CREATE_COLUMNS)[number]>;

/** The attempt that holds a job's lease: every write of a running attempt is fenced by it. */
export type Fence = Pick<JobRow, "id" | "attempts">;

/**
 * The attempt a person counts: `attempts` is also the fencing token and moves on every claim,
 * including the claims of a long job's later parts (decision 0025), which are not retries.
 */
const attemptOf = (row: Pick<JobRow, "attempts" | "parts">): number => row.attempts - row.parts;

/** Who cancelled or retried, as the trail says it ("by you", a name, "by an administrator"). */
export interface ActedBy {
  by: string;
  byRole: string;
  byName: string | null;
}

export interface JobStoreDeps {
  db: Db;
  publish: Publisher;
  registry: JobRegistry;
  /** Told about every job that reached a final state (notifications); never fails the job. */
  onFinished?: ((row: JobRow) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}

/**
 * The jobs table and its audit trail, changed only through these named transitions: each is one
 * guarded UPDATE and its event in one D1 batch, then a publish (see `transition`). An attempt's
 * writes are fenced by (status = running, attempts = its attempt): once the job was cancelled or
 * its lease recovered they match nothing and answer null/false, so a zombie changes nothing.
 */
export class JobStore {
  /** Transitions of concurrent jobs share D1 round trips (group commit, issue #10). */
  private readonly write: BatchWriter;

  /** The hottest read, its SQL built once (issue #10's profile: building SQL costs a job more than running it). */
  private readonly byId;

  /** The statements every job runs, built once (decision 0030). */
  private readonly statements: JobStatements;

  constructor(private readonly d: JobStoreDeps) {
    this.write = groupCommit(d.db.$client);
    this.statements = jobStatements(d.db);
    this.byId = d.db
      .select()
      .from(jobs)
      .where(eq(jobs.id, sql.placeholder("id")))
      .limit(1)
      .prepare();
  }

  get db(): Db {
    return this.d.db;
  }

  now(): number {
    return this.d.now ? this.d.now() : Date.now();
  }

  load(jobId: string): Promise<JobRow | undefined> {
    return this.byId.get({ id: jobId });
  }

  async loadMany(ids: string[]): Promise<Map<string, JobRow>> {
    if (!ids.length) return new Map();
    const read = this.statements.loadMany.bind({ ids: JSON.stringify(ids) });
    const rows = read.map(await read.stmt.all());
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The jobs a job started (`enqueueChild`), for a parent that waits on them. */
  children(parentId: string): Promise<JobRow[]> {
    return this.d.db.select().from(jobs).where(eq(jobs.parentId, parentId));
  }

  findByKey(userId: string, key: string): Promise<JobRow | undefined> {
    return this.d.db.query.jobs.findFirst({
      where: and(eq(jobs.userId, userId), eq(jobs.idempotencyKey, key)),
    });
  }

  /**
   * Inserts a queued job and its first event in one batch; null when its idempotency key already
   * names a job (a concurrent duplicate won). `published` settles once "queued" is out.
   */
  async create(values: NewJob): Promise<{ row: JobRow; published: Promise<void> } | null> {
    const s = this.statements;
    const [inserted, events] = await this.write([
      s.create.bind({ ...values, input: JSON.stringify(values.input) }),
      s.eventIfChanged.bind(eventValues(values.id, values.createdAt, jobEvent.queued())),
    ]);
    const row = inserted[0];
    return row ? { row, published: publishSafely(this.d.publish, row, events.map(eventToWire)) } : null;
  }

  /** queued → running: of any number of claims of one job exactly one wins; the rest get null. */
  claim(row: JobRow, leaseMs: number, admission?: Admission): Promise<JobRow | null> {
    const now = this.now();
    const event = { jobId: row.id, at: now, event: jobEvent.running(attemptOf(row) + 1) };
    if (!admission) {
      const values = { id: row.id, now, due: now + 500, leaseUntil: now + leaseMs };
      return this.commit(this.statements.claim.bind(values), event);
    }
    const admitted = sql`(select count(*) from jobs as running where running.user_id = ${row.userId} and running.status = 'running' and running.type in ${admission.types}) < ${admission.maxRunning}`;
    return this.move(
      row.id,
      { statuses: ["queued"], extra: and(lte(jobs.runAt, now + 500), admitted) },
      claimSet(now, now + leaseMs),
      event.event,
      now,
    );
  }

  /** Extends the lease; false: the job is no longer this attempt's (cancelled or recovered). */
  async heartbeat(job: Fence, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const res = await this.d.db
      .update(jobs)
      // Never shortens a lease: a Workflow stage about to sleep extends it past the sleep, and a
      // later routine beat must not cut that back.
      .set({ leaseUntil: sql`max(coalesce(${jobs.leaseUntil}, 0), ${now + leaseMs})`, heartbeatAt: now })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)))
      .returning({ id: jobs.id });
    return res.length === 1;
  }

  /** Records progress and renews the lease: a handler that reports is alive. */
  progress(job: Fence, progress: JobProgress, leaseMs: number, event: EventInput): Promise<JobRow | null> {
    const now = this.now();
    return this.running(job, { progress, leaseUntil: now + leaseMs, heartbeatAt: now }, event, now);
  }

  /** Adds a paid call's cost to the job (the ledger row is the spend guard's). */
  addCost(job: Fence, entry: CostEntry): Promise<JobRow | null> {
    const patch = { costUsd: sql`${jobs.costUsd} + ${entry.usd}` };
    return this.running(job, patch, jobEvent.cost(entry), this.now());
  }

  /** A log line: an event that changes no state, so nothing to fence. */
  log(job: { id: string; userId: string }, event: EventInput): Promise<void> {
    return appendEvent(this.d.db, job, event, this.now(), this.d.publish);
  }

  /** Stores one stage's output so any later attempt resumes after it; false: not ours anymore. */
  async checkpoint(job: JobRow, stage: string, output: unknown): Promise<boolean> {
    const value = JSON.stringify(output ?? null);
    const patch = {
      checkpointData: sql`json_set(coalesce(${jobs.checkpointData}, '{}'), ${`$.${stage}`}, json(${value}))`,
    };
    const event = jobEvent.checkpoint(stage, this.d.registry.stageLabel(job.type, stage));
    return (await this.running(job, patch, event, this.now())) !== null;
  }

  /** running → succeeded, with a result already checked against the type's schema. */
  complete(job: Fence, result: unknown): Promise<JobRow | null> {
    const now = this.now();
    const values = {
      id: job.id,
      attempt: job.attempts,
      now,
      result: result === undefined || result === null ? null : JSON.stringify(result),
    };
    const event = { jobId: job.id, at: now, event: jobEvent.succeeded() };
    return this.finish(this.commit(this.statements.complete.bind(values), event));
  }

  /** running → queued again after a failed attempt, due after `delayMs` (the retry backoff). */
  requeue(job: Fence & Pick<JobRow, "parts">, error: JobError, delayMs: number): Promise<JobRow | null> {
    const now = this.now();
    const patch = { status: "queued" as const, error, runAt: now + delayMs, leaseUntil: null };
    return this.running(job, patch, jobEvent.retrying(attemptOf(job), error, delayMs), now);
  }

  /**
   * running → queued, due now: the run used its share of the invocation's D1 statements
   * (JobContinue, decision 0025). The next claim counts an attempt, so the limit grows by one: a
   * continuation is not a failure and spends no retry.
   */
  continue(job: Fence, c: { message: string; statements: number }): Promise<JobRow | null> {
    const now = this.now();
    const patch = {
      status: "queued" as const,
      runAt: now,
      leaseUntil: null,
      dispatchedAt: null,
      maxAttempts: sql`${jobs.maxAttempts} + 1`,
      parts: sql`${jobs.parts} + 1`,
      // This attempt is going well: a failure of an earlier attempt no longer describes the job.
      error: null,
    };
    return this.running(job, patch, jobEvent.continued(c.message, c.statements), now);
  }

  /** running → failed; input and checkpoint are kept for a manual retry. */
  fail(job: Fence, error: JobError): Promise<JobRow | null> {
    const now = this.now();
    const patch = { status: "failed" as const, error, finishedAt: now, leaseUntil: null };
    return this.finish(this.running(job, patch, jobEvent.failed(error), now));
  }

  /** queued/running → cancelled by a person, whatever attempt runs: its next fenced write fails. */
  cancel(jobId: string, by: ActedBy): Promise<JobRow | null> {
    const now = this.now();
    const patch = { status: "cancelled" as const, finishedAt: now, leaseUntil: null };
    return this.finish(
      this.move(jobId, { statuses: ["queued", "running"] }, patch, jobEvent.cancelled(by), now),
    );
  }

  /** failed/cancelled → queued by a person, with `moreAttempts` tries; checkpoints make it resume. */
  reopen(row: JobRow, moreAttempts: number, by: ActedBy): Promise<JobRow | null> {
    const now = this.now();
    const resumeFrom = Object.keys(row.checkpointData ?? {});
    const patch = {
      status: "queued" as const,
      runAt: now,
      finishedAt: null,
      maxAttempts: row.attempts + moreAttempts,
    };
    return this.move(
      row.id,
      { statuses: ["failed", "cancelled"] },
      patch,
      jobEvent.retried(by, resumeFrom),
      now,
    );
  }

  /** The dead-letter queue's verdict: the queue gave up delivering, so the job ends failed. */
  deadLetter(jobId: string): Promise<JobRow | null> {
    const now = this.now();
    const error = {
      code: "dead_lettered",
      message: "Delivery was given up after repeated failures.",
      retryable: true,
    };
    const patch = { status: "failed" as const, finishedAt: now, leaseUntil: null, error };
    return this.finish(
      this.move(jobId, { statuses: ["queued", "running"] }, patch, jobEvent.deadLettered(), now),
    );
  }

  /** Jobs of each type `userId` created since `since` (a read: nothing to fence). */
  async countCreated(userId: string, since: number): Promise<Record<string, number>> {
    const rows = await this.d.db
      .select({ type: jobs.type, n: sql<number>`count(*)` })
      .from(jobs)
      .where(and(eq(jobs.userId, userId), gte(jobs.createdAt, since)))
      .groupBy(jobs.type);
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  /** Records when the job's queue message went out (null: it did not; the sweeper re-sends). */
  async dispatched(jobId: string, at: number | null): Promise<void> {
    await this.d.db.update(jobs).set({ dispatchedAt: at }).where(eq(jobs.id, jobId));
  }

  /** A write of the running attempt that holds the lease (the fence). */
  private running(job: Fence, patch: JobPatch, event: EventInput, now: number): Promise<JobRow | null> {
    return this.move(job.id, { statuses: ["running"], attempt: job.attempts }, patch, event, now);
  }

  private commit(update: Stmt<JobRow[]>, event: Parameters<typeof commit>[4]): Promise<JobRow | null> {
    return commit(this.d.db, this.write, this.d.publish, update, event);
  }

  private move(jobId: string, guard: Guard, patch: JobPatch, event: EventInput, now: number) {
    return transition(this.d.db, this.write, this.d.publish, jobId, guard, patch, event, now);
  }

  /** A terminal transition tells `onFinished`; its failure is logged, never the job's. */
  private async finish(moved: Promise<JobRow | null>): Promise<JobRow | null> {
    const row = await moved;
    if (!row || !this.d.onFinished) return row;
    try {
      await this.d.onFinished(row);
    } catch (err) {
      console.warn(JSON.stringify({ msg: "onFinished hook failed", jobId: row.id, err: String(err) }));
    }
    return row;
  }
}
