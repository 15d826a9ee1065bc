import { and, eq, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { jobs } from "../../drizzle/schema";
import { type Actor, actorFor, isAdmin } from "../core/actor";
import type { CountedD1 } from "../core/d1-count";
import type { Db } from "../core/db";
import { BadRequest, Conflict, Forbidden, fieldErrors } from "../core/errors";
import { newId } from "../core/ids";
import { UserDirectory } from "../identity/directory";
import { backoffMs } from "./backoff";
import { buildContext, releaseUnsettledSpend } from "./context";
import type { JobRegistry } from "./registry";
import { JobsRepo } from "./repo";
import type { CreateJobBody, Job, JobError, LocalizedText } from "./schema";
import {
  eventToWire,
  insertEvent,
  type JobRow,
  type Publisher,
  publishSafely,
  toWire,
  transition,
} from "./transition";
import {
  JobAborted,
  type JobContext,
  JobContinue,
  JobFailure,
  type JobType,
  type ProviderGate,
  type SpendGuard,
} from "./types";

/** Queue messages carry only the id: the input stays in D1, the one source of truth. */
export const JobMessage = z.object({ jobId: z.string().min(1).max(64) });
export type JobMessage = z.infer<typeof JobMessage>;

export interface WorkflowParams {
  jobId: string;
  attempt: number;
}

/**
 * Runs before a job is accepted (guardrails); may throw to refuse. It may return an undo, called
 * when the job is not created after all (an identical idempotent request won the race).
 */
export type EnqueueHook = (
  actor: Actor,
  def: JobType,
  input: unknown,
  idempotencyKey: string | undefined,
  /** The job's id (new, or the retried job's): accept-time reservations are held under it. */
  jobId: string,
) => Promise<(() => Promise<void>) | undefined>;

export interface EngineDeps {
  db: Db;
  env: Env;
  queue: Queue<JobMessage>;
  workflow: Workflow<WorkflowParams>;
  publish: Publisher;
  registry: JobRegistry;
  beforeEnqueue?: EnqueueHook[];
  spend?: SpendGuard;
  gate?: ProviderGate;
  /** Extra claim condition (e.g. a per-user concurrency cap); a refused job stays queued. */
  admission?: (row: JobRow, def: JobType) => Promise<SQL | undefined>;
  /** Told about every job that reached a final state (notifications); never fails the job. */
  onFinished?: (row: JobRow) => Promise<void>;
  now?: () => number;
}

export interface EnqueueOptions {
  parentId?: string;
  sequenceId?: string;
  sequenceIndex?: number;
  /**
   * The request's `ctx.waitUntil`: when given, the new job is claimed and started right here
   * instead of waiting for the queue's delivery. The queue message is still sent and stays the
   * guarantee; the claim is fenced, so whichever of the two comes second finds nothing to do.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

/**
 * Queue jobs started from the request's waitUntil must fit its budget (about 30 s after the
 * answer in production); longer ones wait for the consumer, which has 15 minutes.
 */
const DIRECT_START_MAX_MS = 30_000;

/** Sweeper thresholds: a queued job not picked up this long after its run time is re-sent. */
const REDISPATCH_AFTER_MS = 30_000;

export class JobEngine {
  private readonly users: UserDirectory;

  constructor(private readonly d: EngineDeps) {
    this.users = new UserDirectory(d.db);
  }

  private now(): number {
    return this.d.now ? this.d.now() : Date.now();
  }

  repo(actor: Actor): JobsRepo {
    return new JobsRepo(this.d.db, actor);
  }

  /** Validates, stores and dispatches a job. Same idempotency key → the original job. */
  async enqueue(
    actor: Actor,
    body: CreateJobBody,
    opts: EnqueueOptions = {},
  ): Promise<{ job: Job; created: boolean }> {
    const def = this.d.registry.get(body.type);
    if (!def) {
      throw new BadRequest(`Unknown job type "${body.type}".`, [
        {
          path: "type",
          message: `Must be one of: ${this.d.registry
            .list()
            .map((t) => t.type)
            .join(", ")}`,
        },
      ]);
    }
    assertMayStart(actor, def);
    const parsed = def.input.safeParse(body.input);
    if (!parsed.success) {
      throw new BadRequest("The job input is invalid.", fieldErrors(parsed.error.issues, "input"));
    }
    def.authorize?.(actor, parsed.data);
    if (body.idempotencyKey) {
      const existing = await this.findByKey(actor.userId, body.idempotencyKey);
      if (existing) return { job: toWire(existing), created: false };
    }
    const id = newId();
    const rollback = await this.runHooks(actor, def, parsed.data, body.idempotencyKey, id);

    const now = this.now();
    const [inserted, queuedEvents] = await this.d.db
      .batch([
        this.d.db
          .insert(jobs)
          .values({
            id,
            type: def.type,
            status: "queued",
            input: parsed.data,
            attempts: 0,
            maxAttempts: def.retry.maxAttempts,
            userId: actor.userId,
            parentId: opts.parentId ?? null,
            sequenceId: opts.sequenceId ?? null,
            sequenceIndex: opts.sequenceIndex ?? null,
            idempotencyKey: body.idempotencyKey ?? null,
            runner: def.runner,
            createdAt: now,
            updatedAt: now,
            runAt: now,
            // Optimistic: set back to null below if the send fails (saves a write on the hot path).
            dispatchedAt: now,
          })
          .onConflictDoNothing()
          .returning(),
        insertEvent(
          this.d.db,
          id,
          now,
          { kind: "status", message: "Queued", code: "job.queued" },
          true,
        ).returning(),
      ])
      .catch(async (err: unknown) => {
        await rollback();
        throw err;
      });
    const row = inserted[0];
    if (!row) {
      await rollback();
      // Lost a race on the idempotency key: the winner's job is the answer.
      const winner = body.idempotencyKey
        ? await this.findByKey(actor.userId, body.idempotencyKey)
        : undefined;
      if (!winner) throw new Error("Insert matched a conflict but no job holds the key");
      return { job: toWire(winner), created: false };
    }
    const published = publishSafely(this.d.publish, row, queuedEvents.map(eventToWire));
    // Started once "queued" is out, so watchers see queued → running → succeeded in order.
    if (opts.waitUntil) opts.waitUntil(published.then(() => this.startNow(row, def, actor)));
    await Promise.all([published, this.sendFirst(row.id)]);
    return { job: toWire(row), created: true };
  }

  /** The guardrail hooks; returns how to undo what they took if the job is not stored after all. */
  private async runHooks(
    actor: Actor,
    def: JobType,
    input: unknown,
    key: string | undefined,
    jobId: string,
  ): Promise<() => Promise<unknown>> {
    const undo: Array<() => Promise<void>> = [];
    const rollback = () => Promise.all(undo.map((u) => u().catch(() => undefined)));
    try {
      for (const hook of this.d.beforeEnqueue ?? []) {
        const u = await hook(actor, def, input, key, jobId);
        if (u) undo.push(u);
      }
    } catch (err) {
      await rollback();
      throw err;
    }
    return rollback;
  }

  /**
   * Direct start (see `EnqueueOptions.waitUntil`). Any failure here is harmless: the job is still
   * queued (the queue message runs it) or, once claimed, under its lease (the sweeper recovers it).
   */
  private async startNow(row: JobRow, def: JobType, owner: Actor): Promise<void> {
    if (def.runner === "queue" && def.timeoutMs > DIRECT_START_MAX_MS) return;
    try {
      const claimed = await this.claimRow(row, def, this.now());
      if (!claimed) return;
      const out =
        def.runner === "workflow"
          ? await this.startWorkflow(claimed)
          : await this.runQueueJob(claimed, actorFor(owner.userId, owner.role, "job"));
      if ("continueNow" in out) await this.dispatch(row.id);
      else if (out.requeueDelayMs !== undefined) {
        await this.dispatch(row.id, Math.ceil(out.requeueDelayMs / 1000));
      }
    } catch (err) {
      console.error(
        JSON.stringify({ msg: "direct start failed; the queue takes over", jobId: row.id, err: String(err) }),
      );
    }
  }

  private findByKey(userId: string, key: string): Promise<JobRow | undefined> {
    return this.d.db.query.jobs.findFirst({
      where: and(eq(jobs.userId, userId), eq(jobs.idempotencyKey, key)),
    });
  }

  /** The first send of a new job, whose row already says "dispatched". */
  private async sendFirst(jobId: string): Promise<void> {
    try {
      await this.d.queue.send({ jobId });
    } catch (err) {
      console.error(JSON.stringify({ msg: "dispatch failed; sweeper will retry", jobId, err: String(err) }));
      // If even this write fails, the sweeper still finds the job once its dispatch is overdue.
      await this.d.db
        .update(jobs)
        .set({ dispatchedAt: null })
        .where(eq(jobs.id, jobId))
        .catch(() => undefined);
    }
  }

  /**
   * Sends `{jobId}` to the queue. A failed send is not an error for the caller: the row is
   * already stored and the cron sweeper re-dispatches it, so an accepted job is never lost.
   */
  async dispatch(jobId: string, delaySeconds = 0): Promise<boolean> {
    try {
      await this.d.queue.send({ jobId }, delaySeconds > 0 ? { delaySeconds } : undefined);
      await this.d.db.update(jobs).set({ dispatchedAt: this.now() }).where(eq(jobs.id, jobId));
      return true;
    } catch (err) {
      console.error(JSON.stringify({ msg: "dispatch failed; sweeper will retry", jobId, err: String(err) }));
      return false;
    }
  }

  async cancel(actor: Actor, id: string): Promise<Job> {
    const row = await this.repo(actor).getRow(id);
    if (row.status !== "queued" && row.status !== "running") {
      throw new Conflict(`Only queued or running jobs can be cancelled; this one is ${row.status}.`);
    }
    const by = await this.whoActed(actor);
    const now = this.now();
    const updated = await transition(
      this.d.db,
      this.d.publish,
      id,
      { statuses: ["queued", "running"] },
      { status: "cancelled", finishedAt: now, leaseUntil: null },
      {
        kind: "status",
        level: "warn",
        message: `Cancelled by ${actor.userId}`,
        data: { by: actor.userId },
        code: "job.cancelled",
        params: by,
      },
      now,
    );
    if (!updated) throw new Conflict("The job finished before it could be cancelled.");
    await this.finished(updated);
    if (row.runner === "workflow" && row.status === "running") {
      await this.terminateWorkflow(row).catch(() => undefined);
    }
    return toWire(updated);
  }

  private async terminateWorkflow(row: JobRow): Promise<void> {
    const instance = await this.d.workflow.get(workflowInstanceId(row.id, row.attempts));
    await instance.terminate();
  }

  /** Re-runs a failed or cancelled job with its stored input; checkpoints make it resume. */
  async retry(actor: Actor, id: string): Promise<Job> {
    const row = await this.repo(actor).getRow(id);
    if (row.status !== "failed" && row.status !== "cancelled") {
      throw new Conflict(`Only failed or cancelled jobs can be retried; this one is ${row.status}.`);
    }
    const def = this.d.registry.get(row.type);
    if (!def) throw new Conflict(`Job type ${row.type} no longer exists.`);
    assertMayStart(actor, def);
    const input = def.input.safeParse(row.input);
    if (input.success) def.authorize?.(actor, input.data);
    // A retry is a new start: the same guardrails as an enqueue (kill switch, counts, estimate).
    const rollback = await this.runHooks(actor, def, input.success ? input.data : row.input, undefined, id);
    const by = await this.whoActed(actor).catch(() => ({
      by: actor.userId,
      byRole: actor.role,
      byName: null,
    }));
    const resumeFrom = Object.keys(row.checkpointData ?? {});
    const now = this.now();
    const updated = await transition(
      this.d.db,
      this.d.publish,
      id,
      { statuses: ["failed", "cancelled"] },
      {
        status: "queued",
        runAt: now,
        finishedAt: null,
        maxAttempts: row.attempts + def.retry.maxAttempts,
      },
      {
        kind: "status",
        message: `Retried by ${actor.userId}`,
        data: { by: actor.userId, resumeFrom },
        code: "job.retried",
        params: { ...by, resumeFrom },
      },
      now,
    ).catch(async (err: unknown) => {
      await rollback();
      throw err;
    });
    if (!updated) {
      await rollback();
      throw new Conflict("The job changed state; reload and try again.");
    }
    await this.dispatch(id);
    return toWire(updated);
  }

  /** Recovers crashed runs (expired leases) and re-sends queued jobs whose message was lost. */
  async sweep(): Promise<{ recovered: number; redispatched: number }> {
    const now = this.now();
    const expired = await this.d.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, "running"), lt(jobs.leaseUntil, now)))
      .limit(100);
    let recovered = 0;
    for (const row of expired) {
      const failure = new JobFailure(
        "lease_expired",
        "The worker stopped responding (crash or timeout).",
        true,
      );
      const outcome = await this.failAttempt(row, failure);
      if (outcome.requeueDelayMs !== undefined) {
        await this.dispatch(row.id, Math.ceil(outcome.requeueDelayMs / 1000));
      }
      if (outcome.applied) recovered++;
    }
    const overdue = await this.d.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.status, "queued"),
          lte(jobs.runAt, now - REDISPATCH_AFTER_MS),
          or(isNull(jobs.dispatchedAt), lt(jobs.dispatchedAt, now - REDISPATCH_AFTER_MS)),
        ),
      )
      .limit(200);
    let redispatched = 0;
    for (const { id } of overdue) if (await this.dispatch(id)) redispatched++;
    return { recovered, redispatched };
  }

  // ---- running jobs -------------------------------------------------------------------------

  /**
   * Claims a queued job with one conditional UPDATE: of any number of deliveries of the same
   * message, exactly one wins; the rest see `null`.
   */
  async claim(jobId: string): Promise<{ row: JobRow } | { notYetS: number } | null> {
    const now = this.now();
    const current = await this.d.db.query.jobs.findFirst({ where: eq(jobs.id, jobId) });
    if (!current || current.status !== "queued") return null;
    if (current.runAt > now + 500) return { notYetS: Math.ceil((current.runAt - now) / 1000) };
    const def = this.d.registry.get(current.type);
    const row = await this.claimRow(current, def, now);
    if (row) return { row };
    // Not admitted yet (e.g. the owner already runs their maximum): wait, stay queued.
    if (def && this.d.admission && (await this.loadRow(jobId))?.status === "queued") return { notYetS: 3 };
    return null;
  }

  /** The fenced claim itself: one guarded UPDATE (and its event) for a row already read. */
  private async claimRow(current: JobRow, def: JobType | undefined, now: number): Promise<JobRow | null> {
    const leaseMs = def?.timeoutMs ?? 60_000;
    const admission = def && this.d.admission ? await this.d.admission(current, def) : undefined;
    const row = await transition(
      this.d.db,
      this.d.publish,
      current.id,
      { statuses: ["queued"], extra: and(lte(jobs.runAt, now + 500), admission) },
      {
        status: "running",
        attempts: sql`${jobs.attempts} + 1`,
        startedAt: sql`coalesce(${jobs.startedAt}, ${now})`,
        leaseUntil: now + leaseMs,
        heartbeatAt: now,
        progress: { percent: 0, stage: "start", message: "Started" },
      },
      { kind: "status", message: "Running", code: "job.running", params: { attempt: current.attempts + 1 } },
      now,
    );
    // Running now: its paid calls reserve for themselves, so the accept-time estimate goes back.
    if (row && def?.estimateCostUsd && this.d.spend) {
      await this.d.spend.release(row.userId, this.d.spend.acceptHoldId(row.id)).catch(() => undefined);
    }
    return row;
  }

  private async finished(row: JobRow | null): Promise<void> {
    if (!row || !this.d.onFinished) return;
    try {
      await this.d.onFinished(row);
    } catch (err) {
      console.warn(JSON.stringify({ msg: "onFinished hook failed", jobId: row.id, err: String(err) }));
    }
  }

  /**
   * Who cancelled or retried, for the trail: screens say "by you", the person's name, or "by an
   * administrator" — never a raw id.
   */
  private async whoActed(actor: Actor): Promise<{ by: string; byRole: string; byName: string | null }> {
    const u = await this.users.find(actor.userId);
    return { by: actor.userId, byRole: actor.role, byName: u?.name?.trim() || null };
  }

  async loadActor(userId: string): Promise<Actor> {
    const u = await this.users.find(userId);
    if (!u) throw new JobFailure("owner_missing", "The job's owner no longer exists.", false);
    return actorFor(u.id, u.role, "job");
  }

  /** Builds what a handler sees (see `buildContext`). */
  makeContext<I>(
    row: JobRow,
    input: I,
    actor: Actor,
    abort: AbortController,
    meter?: CountedD1,
  ): JobContext<I> {
    return buildContext(
      {
        ...this.d,
        now: () => this.now(),
        saveCheckpoint: (r, key, value) => this.saveCheckpoint(r, key, value),
        enqueue: (a, body, opts) => this.enqueue(a, body, opts),
      },
      row,
      input,
      actor,
      abort,
      meter,
    );
  }

  /** Extends the lease; false means the job is no longer ours (cancelled or recovered). */
  async heartbeat(jobId: string, attempt: number, leaseMs: number): Promise<boolean> {
    const now = this.now();
    const res = await this.d.db
      .update(jobs)
      // Never shortens a lease: a Workflow stage about to sleep extends it past the sleep, and a
      // later routine beat must not cut that back.
      .set({ leaseUntil: sql`max(coalesce(${jobs.leaseUntil}, 0), ${now + leaseMs})`, heartbeatAt: now })
      .where(and(eq(jobs.id, jobId), eq(jobs.status, "running"), eq(jobs.attempts, attempt)))
      .returning({ id: jobs.id });
    return res.length === 1;
  }

  async complete(row: JobRow, def: JobType, result: unknown): Promise<JobRow | null> {
    const checked = def.result.safeParse(result);
    if (!checked.success) {
      await this.failAttempt(
        row,
        new JobFailure(
          "invalid_result",
          `The job produced an invalid result: ${checked.error.message}`,
          false,
        ),
      );
      return null;
    }
    const now = this.now();
    const done = await transition(
      this.d.db,
      this.d.publish,
      row.id,
      { statuses: ["running"], attempt: row.attempts },
      {
        status: "succeeded",
        result: checked.data,
        error: null,
        finishedAt: now,
        leaseUntil: null,
        progress: { percent: 100, stage: "done", message: "Done" },
      },
      { kind: "status", message: "Succeeded", code: "job.succeeded" },
      now,
    );
    await this.finished(done);
    return done;
  }

  /**
   * Ends an attempt that threw. Retryable errors with attempts left go back to `queued` with a
   * backoff; the caller re-delivers after `requeueDelayMs`. Everything else ends `failed`, input
   * kept for a later manual retry.
   */
  async failAttempt(row: JobRow, err: unknown): Promise<{ applied: boolean; requeueDelayMs?: number }> {
    if (err instanceof JobAborted) return { applied: false };
    const def = this.d.registry.get(row.type);
    const error = toJobError(err, def);
    const now = this.now();
    const guard = { statuses: ["running"] as const, attempt: row.attempts };
    const autoRetry = err instanceof JobFailure ? err.autoRetry : true;
    if (error.retryable && autoRetry && row.attempts < row.maxAttempts && def) {
      const retryAfter = err instanceof JobFailure ? (err.retryAfterMs ?? 0) : 0;
      const delay = Math.max(retryAfter, backoffMs(def.retry, row.attempts));
      const updated = await transition(
        this.d.db,
        this.d.publish,
        row.id,
        guard,
        { status: "queued", error, runAt: now + delay, leaseUntil: null },
        {
          kind: "status",
          level: "warn",
          message: `Attempt ${row.attempts} failed (${error.code}); retrying in ${Math.ceil(delay / 1000)} s`,
          data: error,
          code: "job.retrying",
          params: { attempt: row.attempts, error: error.code, reason: error.message, delayMs: delay },
        },
        now,
      );
      return updated ? { applied: true, requeueDelayMs: delay } : { applied: false };
    }
    const updated = await transition(
      this.d.db,
      this.d.publish,
      row.id,
      guard,
      { status: "failed", error, finishedAt: now, leaseUntil: null },
      {
        kind: "status",
        level: "error",
        message: `Failed: ${error.message}`,
        data: error,
        code: "job.failed",
        params: { error: error.code, reason: error.message },
      },
      now,
    );
    await this.finished(updated);
    return { applied: updated !== null };
  }

  /**
   * A run that used its share of the invocation's D1 queries (JobContinue) goes back to `queued`
   * to be claimed again at once by a fresh invocation. The next claim counts an attempt, so the
   * attempt limit grows by one: a continuation is not a failure and spends no retry.
   */
  private async continueLater(row: JobRow, c: JobContinue): Promise<boolean> {
    const now = this.now();
    const updated = await transition(
      this.d.db,
      this.d.publish,
      row.id,
      { statuses: ["running"], attempt: row.attempts },
      {
        status: "queued",
        runAt: now,
        leaseUntil: null,
        dispatchedAt: null,
        maxAttempts: sql`${jobs.maxAttempts} + 1`,
      },
      {
        kind: "status",
        message: c.message,
        code: "job.continued",
        params: { statements: c.statements },
      },
      now,
    );
    return updated !== null;
  }

  /**
   * Runs a claimed queue-runner job to its end, heartbeating while the handler works.
   * `continueNow`: it yielded (JobContinue) and must be dispatched again at once — as a new
   * message, not a redelivery, so a long job never spends the queue's retry count.
   */
  async runQueueJob(
    row: JobRow,
    owner?: Actor,
    meter?: CountedD1,
  ): Promise<{ requeueDelayMs?: number; continueNow?: true }> {
    const def = this.d.registry.get(row.type);
    if (!def || def.runner !== "queue") {
      await this.failAttempt(row, new JobFailure("unknown_type", `No queue handler for ${row.type}.`, false));
      return {};
    }
    const abort = new AbortController();
    const timer = setInterval(
      () => {
        this.heartbeat(row.id, row.attempts, def.timeoutMs)
          .then((ok) => ok || abort.abort())
          .catch(() => undefined);
      },
      Math.max(1000, def.timeoutMs / 3),
    );
    try {
      const actor = owner ?? (await this.loadActor(row.userId));
      const input = def.input.parse(row.input);
      const ctx = this.makeContext(row, input, actor, abort, meter);
      const result = await def.run(ctx).finally(() => releaseUnsettledSpend(ctx as JobContext<unknown>));
      await this.complete(row, def, result);
      return {};
    } catch (err) {
      if (err instanceof JobContinue)
        return (await this.continueLater(row, err)) ? { continueNow: true } : {};
      const out = await this.failAttempt(row, err);
      return out.requeueDelayMs === undefined ? {} : { requeueDelayMs: out.requeueDelayMs };
    } finally {
      clearInterval(timer);
    }
  }

  /** Starts the Workflow instance for a claimed multi-stage job (one instance per attempt). */
  async startWorkflow(row: JobRow): Promise<{ requeueDelayMs?: number }> {
    try {
      // The previous attempt's instance may still be alive (it lost its lease, not its life):
      // stop it first so only one attempt ever calls a provider. Done or missing → ignored.
      if (row.attempts > 1) {
        const old = await this.d.workflow.get(workflowInstanceId(row.id, row.attempts - 1)).catch(() => null);
        const state = old ? (await old.status().catch(() => null))?.status : undefined;
        if (old && state && ["queued", "running", "paused", "waiting", "waitingForPause"].includes(state)) {
          await old.terminate().catch(() => undefined);
        }
      }
      await this.d.workflow.create({
        id: workflowInstanceId(row.id, row.attempts),
        params: { jobId: row.id, attempt: row.attempts },
      });
      return {};
    } catch (err) {
      const out = await this.failAttempt(
        row,
        new JobFailure("workflow_start_failed", `Could not start the workflow: ${String(err)}`, true),
      );
      return out.requeueDelayMs === undefined ? {} : { requeueDelayMs: out.requeueDelayMs };
    }
  }

  /** Stores one stage's output so any later attempt resumes after it. */
  async saveCheckpoint(row: JobRow, stage: string, output: unknown): Promise<void> {
    const now = this.now();
    const saved = await transition(
      this.d.db,
      this.d.publish,
      row.id,
      { statuses: ["running"], attempt: row.attempts },
      {
        checkpointData: sql`json_set(coalesce(${jobs.checkpointData}, '{}'), ${`$.${stage}`}, json(${JSON.stringify(output ?? null)}))`,
      },
      {
        kind: "checkpoint",
        message: `Stage "${stage}" saved`,
        data: { stage },
        code: "job.checkpoint",
        params: { stage, ...stageLabelParam(this.d.registry.stageLabel(row.type, stage)) },
      },
      now,
    );
    if (!saved) throw new JobAborted("The job was cancelled or its lease was lost.");
  }

  /** The dead-letter consumer's verdict: the queue gave up, so the job ends failed. */
  async markDeadLettered(row: JobRow): Promise<void> {
    const now = this.now();
    await transition(
      this.d.db,
      this.d.publish,
      row.id,
      { statuses: ["queued", "running"] },
      {
        status: "failed",
        finishedAt: now,
        leaseUntil: null,
        error: {
          code: "dead_lettered",
          message: "Delivery was given up after repeated failures.",
          retryable: true,
        },
      },
      { kind: "status", level: "error", message: "Dead-lettered by the queue", code: "job.dead_lettered" },
      now,
    ).then((r) => this.finished(r));
  }

  async loadRow(jobId: string): Promise<JobRow | undefined> {
    return this.d.db.query.jobs.findFirst({ where: eq(jobs.id, jobId) });
  }

  get registry(): JobRegistry {
    return this.d.registry;
  }
}

/** Role and scope: a `jobs:write` token cannot start a job its feature's route would refuse. */
function assertMayStart(actor: Actor, def: JobType): void {
  if (!isAdmin(actor) && !def.allowedRoles.includes(actor.role)) {
    throw new Forbidden(`Your role cannot start "${def.type}" jobs.`);
  }
  if (!actor.scopes.has(def.scope)) {
    throw new Forbidden(`"${def.type}" jobs need the "${def.scope}" scope.`);
  }
}

const stageLabelParam = (label: LocalizedText | undefined): { stageLabel?: LocalizedText } =>
  label ? { stageLabel: label } : {};

export const workflowInstanceId = (jobId: string, attempt: number): string =>
  attempt <= 1 ? jobId : `${jobId}-a${attempt}`;

export function toJobError(err: unknown, def?: JobType): JobError {
  if (err instanceof JobFailure) {
    const never = def?.retry.nonRetryable?.includes(err.code) ?? false;
    return { code: err.code, message: err.message, retryable: err.retryable && !never };
  }
  if (err instanceof z.ZodError) {
    return { code: "invalid_input", message: z.prettifyError(err), retryable: false };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal_error", message: message.slice(0, 500), retryable: true };
}
