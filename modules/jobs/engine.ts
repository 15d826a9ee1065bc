import type { Actor } from "../core/actor";
import type { CountedD1 } from "../core/d1-count";
import type { Db } from "../core/db";
import { UserDirectory } from "../identity/directory";
import { type AttemptEnd, completeAttempt, failAttempt, saveCheckpoint } from "./attempt";
import { Dispatcher, type JobMessage } from "./dispatch";
import { type EnqueueHook, type EnqueueOptions, JobEnqueuer } from "./enqueue";
import type { JobRegistry } from "./registry";
import { JobsRepo } from "./repo";
import { JobRunner, type RunOutcome } from "./runner";
import type { CreateJobBody, Job } from "./schema";
import { type JobRow, JobStore, type Publisher } from "./store";
import { afterLocalRestart, sweepJobs } from "./sweeper";
import type { Admission, JobContext, JobType, ProviderGate, SpendGuard } from "./types";
import type { WorkflowParams } from "./workflow-start";

export { JobMessage } from "./dispatch";
export type { EnqueueOptions } from "./enqueue";
export { type WorkflowParams, workflowInstanceId } from "./workflow-start";

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
  admission?: (row: JobRow, def: JobType) => Promise<Admission | undefined>;
  /** Told about every job that reached a final state (notifications); never fails the job. */
  onFinished?: (row: JobRow) => Promise<void>;
  now?: () => number;
}

/**
 * The job engine as its callers see it: a facade over its parts, which it composes —
 * `JobStore` (every fenced transition, store.ts), `JobEnqueuer` (enqueue.ts), `JobRunner`
 * (runner.ts: claims, runs, cancels), the `Dispatcher` (dispatch.ts) and the sweep (sweeper.ts).
 */
export class JobEngine {
  readonly store: JobStore;
  readonly dispatcher: Dispatcher;
  readonly enqueuer: JobEnqueuer;
  readonly runner: JobRunner;

  constructor(private readonly d: EngineDeps) {
    const users = new UserDirectory(d.db);
    this.store = new JobStore(d);
    this.dispatcher = new Dispatcher(d.queue, this.store);
    const parts = { ...d, store: this.store, dispatcher: this.dispatcher, users };
    this.enqueuer = new JobEnqueuer({
      ...parts,
      startNow: (row, def, owner) => this.runner.startNow(row, def, owner),
    });
    this.runner = new JobRunner({
      ...parts,
      enqueue: (actor, body, opts) => this.enqueuer.enqueue(actor, body, opts),
    });
  }

  get registry(): JobRegistry {
    return this.d.registry;
  }

  repo(actor: Actor): JobsRepo {
    return new JobsRepo(this.d.db, actor);
  }

  /** Validates, stores and dispatches a job. Same idempotency key → the original job. */
  enqueue(actor: Actor, body: CreateJobBody, opts?: EnqueueOptions): Promise<{ job: Job; created: boolean }> {
    return this.enqueuer.enqueue(actor, body, opts);
  }

  /** Re-runs a failed or cancelled job with its stored input; checkpoints make it resume. */
  retry(actor: Actor, id: string): Promise<Job> {
    return this.enqueuer.retry(actor, id);
  }

  cancel(actor: Actor, id: string): Promise<Job> {
    return this.runner.cancel(actor, id);
  }

  /** Sends `{jobId}` to the queue; false if the send failed (the sweeper re-sends it). */
  dispatch(jobId: string, delaySeconds = 0): Promise<boolean> {
    return this.dispatcher.send(jobId, delaySeconds);
  }

  /** Recovers crashed runs (expired leases) and re-sends queued jobs whose message was lost. */
  sweep(): Promise<{ recovered: number; redispatched: number }> {
    return sweepJobs(this);
  }

  /** Local stack start-up only: what a killed local run left behind (see `afterLocalRestart`). */
  afterLocalRestart(bootedAt: number): Promise<{ recovered: number; resent: number }> {
    return afterLocalRestart(
      {
        store: this.store,
        registry: this.registry,
        dispatcher: this.dispatcher,
        workflowAlive: (row) => this.runner.workflows.alive(row),
      },
      bootedAt,
    );
  }

  /** `current`: the row as a batch read found it (null: no such job); omitted, it is read here. */
  claim(jobId: string, current?: JobRow | null): Promise<{ row: JobRow } | { notYetS: number } | null> {
    return this.runner.claim(jobId, current);
  }

  /** The rows of several jobs in one read (a queue batch's), by id; missing ids are absent. */
  loadMany(ids: string[]): Promise<Map<string, JobRow>> {
    return this.store.loadMany(ids);
  }

  runQueueJob(row: JobRow, owner?: Actor, meter?: CountedD1): Promise<RunOutcome> {
    return this.runner.runQueueJob(row, owner, meter);
  }

  startWorkflow(row: JobRow): Promise<{ requeueDelayMs?: number }> {
    return this.runner.workflows.start(row);
  }

  loadActor(userId: string): Promise<Actor> {
    return this.runner.loadActor(userId);
  }

  makeContext<I>(
    row: JobRow,
    input: I,
    actor: Actor,
    abort: AbortController,
    meter?: CountedD1,
  ): JobContext<I> {
    return this.runner.context(row, input, actor, abort, meter);
  }

  /** How many jobs of each type `userId` created since `since` (the usage page's counts). */
  countCreated(userId: string, since: number): Promise<Record<string, number>> {
    return this.store.countCreated(userId, since);
  }

  loadRow(jobId: string): Promise<JobRow | undefined> {
    return this.store.load(jobId);
  }

  /** Extends the lease; false means the job is no longer ours (cancelled or recovered). */
  heartbeat(jobId: string, attempt: number, leaseMs: number): Promise<boolean> {
    return this.store.heartbeat({ id: jobId, attempts: attempt }, leaseMs);
  }

  complete(row: JobRow, def: JobType, result: unknown): Promise<JobRow | null> {
    return completeAttempt(this.store, this.d.registry, row, def, result);
  }

  failAttempt(row: JobRow, err: unknown): Promise<AttemptEnd> {
    return failAttempt(this.store, this.d.registry, row, err);
  }

  /** Stores one stage's output so any later attempt resumes after it. */
  saveCheckpoint(row: JobRow, stage: string, output: unknown): Promise<void> {
    return saveCheckpoint(this.store, row, stage, output);
  }

  /** The dead-letter consumer's verdict: the queue gave up, so the job ends failed. */
  async markDeadLettered(row: JobRow): Promise<void> {
    await this.store.deadLetter(row.id);
  }
}
