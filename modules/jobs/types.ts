import type { z } from "zod";
import type { Actor, Role, Scope } from "../core/actor";
import type { Db } from "../core/db";
import type { Locale } from "../core/locale";
import type { JobEventParam, JobProgress, JobStatus, LocalizedText } from "./schema";

/** A log line's stable code and values, for screens to say it in the reader's language. */
/**
 * A claim condition a job type's owner (the guardrails) may set: the job starts only while its
 * user has fewer than `maxRunning` jobs of `types` running; otherwise it stays queued.
 */
export interface Admission {
  maxRunning: number;
  types: readonly string[];
}

export interface LogEvent {
  code: string;
  params?: Record<string, JobEventParam>;
}

/** What a job may throw to say how it failed; anything else counts as a retryable crash. */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /** A provider's Retry-After, honoured as the minimum backoff. */
    readonly retryAfterMs?: number,
    /** False: end the job now, though a person may retry it later (e.g. after a budget reset). */
    readonly autoRetry: boolean = retryable,
  ) {
    super(message);
    this.name = "JobFailure";
  }
}

/** Thrown inside a handler when its job was cancelled or its lease lost: stop quietly. */
export class JobAborted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "JobAborted";
  }
}

/**
 * Thrown by `ctx.yieldPoint()` when a run has used its share of the invocation's D1 queries: the
 * engine puts the job back in the queue at once (not a failed attempt) and a fresh invocation
 * resumes it from its checkpoint.
 */
export class JobContinue extends Error {
  constructor(readonly statements: number) {
    super(`Continuing in a fresh invocation after ${statements} D1 statements`);
    this.name = "JobContinue";
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Error codes that never retry, whatever the error says. */
  nonRetryable?: readonly string[];
}

/** The job's own place in the engine, as a handler may read it (never the jobs table). */
interface JobMeta {
  costUsd: number;
  progress: JobProgress | null;
  parentId: string | null;
  sequenceId: string | null;
  sequenceIndex: number | null;
}

/** A job this job started, as its parent sees it. */
interface ChildJob {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  sequenceIndex: number | null;
  result: unknown;
  error: { code: string; message: string } | null;
}

/**
 * What a running job sees. `actor` is the job's owner, loaded from D1, never from a message.
 * No `env`: what a handler needs from the Worker (buckets, parsed config, service clients) its
 * type declares as `deps(env)` and receives typed as `deps`. `db` stays: it is the invocation's
 * metered D1 handle (decision 0025), which a handle injected at registration could not be.
 */
export interface JobContext<I, D = unknown> {
  jobId: string;
  attempt: number;
  input: I;
  actor: Actor;
  /** What the job's type declared with `deps(env)`, built for this run. */
  deps: D;
  db: Db;
  /** The job's cost and progress so far, and its parent/sequence links. */
  meta(): Promise<JobMeta>;
  /** The jobs this one started with `enqueueChild`, as they stand now. */
  children(): Promise<ChildJob[]>;
  checkpoint: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
  /**
   * Starts a child job as this job's owner, linked by parentId (and a sequence). Use an
   * idempotency key so a re-run of the calling stage finds the same child instead of a second.
   */
  enqueueChild(
    type: string,
    input: unknown,
    opts: { key: string; sequenceId?: string; sequenceIndex?: number },
  ): Promise<{ id: string }>;
  /** Saves part of a long job's work so a later attempt resumes after it (queue jobs). */
  saveCheckpoint(key: string, value: unknown): Promise<void>;
  /**
   * Call right after a checkpoint. Production D1 allows an invocation 1,000 queries (each
   * statement of a batch counts); once this run has sent its share, this throws JobContinue and
   * the job goes on in a fresh invocation from that checkpoint. A no-op in workflow stages (each
   * stage is its own step).
   */
  yieldPoint(): Promise<void>;
  /** Records progress (and renews the lease); throws JobAborted if the job was cancelled. */
  progress(p: JobProgress): Promise<void>;
  /** `message` in English (API clients); `event` lets screens say it in the reader's language. */
  log(
    level: "debug" | "info" | "warn" | "error",
    message: string,
    data?: unknown,
    event?: LogEvent,
  ): Promise<void>;
  /**
   * Call before every paid AI call with its estimate: refuses (JobFailure `budget_exceeded`,
   * retryable after the reset) when the call would cross a spending limit.
   */
  reserveSpend(estimateUsd: number, what: string): Promise<void>;
  /** Records a paid call's real usage: the cost ledger, a `cost` event, and the job's costUsd. */
  recordCost(entry: CostEntry): Promise<void>;
  /**
   * Waits for a slot in the provider's requests-per-minute budget, shared by every job (throws a
   * retryable JobFailure rather than hold the worker for long).
   */
  throttle(provider: string): Promise<void>;
  /** The provider answered 429: pause every job's calls to it for `retryAfterMs`. */
  rateLimited(provider: string, retryAfterMs: number): Promise<void>;
}

/** Provider-wide flow control the engine delegates to (the guardrails feature provides it). */
export interface ProviderGate {
  /** Milliseconds to wait before the call may go (0 = go now; the slot is taken). */
  acquire(provider: string): Promise<number>;
  pause(provider: string, ms: number): Promise<void>;
}

export interface CostEntry {
  model: string;
  kind: "text" | "image" | "search" | "embedding";
  inputTokens?: number;
  outputTokens?: number;
  images?: number;
  usd: number;
}

/**
 * Spending guard the engine delegates to (the guardrails feature provides it): reserve an
 * estimate before a paid call, settle it with the real cost after (or release it if the call
 * never happened), so racing calls can never pass a limit together.
 */
export interface SpendGuard {
  /** Holds the estimate against every limit; returns the hold's id or throws budget_exceeded. */
  reserve(
    actor: Actor,
    job: { id: string; type: string },
    estimateUsd: number,
    what: string,
  ): Promise<string>;
  /** Records the real cost and replaces the hold (if any) with it. */
  record(actor: Actor, job: { id: string; type: string }, entry: CostEntry, holdId?: string): Promise<void>;
  /** Gives a hold back (the call failed before spending, or a job's accept-time estimate). */
  release(userId: string, holdId: string): Promise<void>;
  /** The hold a job's accept-time estimate is kept under until the job starts. */
  acceptHoldId(jobId: string): string;
}

/**
 * What a workflow stage returns while what it waits for (its child jobs) is not there yet. The
 * runner then sleeps as a Workflow step — no isolate held, no event written — and calls the stage
 * again later, so a stage never polls in a loop.
 */
export class NotYet {
  readonly notYet = true;
}

interface WorkflowStep<I, D = unknown> {
  name: string;
  /** What a person calls the stage, in both languages ({"pt-BR": "Pesquisa", en: "Research"}). */
  label: LocalizedText;
  /** The stage's output (checkpointed), or `new NotYet()` to be called again after a sleep. */
  run(ctx: JobContext<I, D>, outputs: Readonly<Record<string, unknown>>): Promise<unknown>;
}

interface JobTypeBase<I extends z.ZodType, R extends z.ZodType, D> {
  type: string;
  /**
   * What its handler needs from the Worker, built from the env for each run (a bucket, parsed
   * config, a service client): the handler sees it as `ctx.deps`, typed, and never the env.
   */
  deps?(env: Env): D;
  description: string;
  input: I;
  result: R;
  retry: RetryPolicy;
  /** Lease length; a run that stops heartbeating for this long is presumed crashed. */
  timeoutMs: number;
  allowedRoles: readonly Role[];
  /**
   * The scope a caller needs to start (or retry) this type, on top of `jobs:write`: a job must
   * never do what its caller's token could not do through the feature's own route.
   */
  scope: Scope;
  estimateCostUsd?(input: z.infer<I>): number;
  /** Input-dependent permission (e.g. only admins may simulate spend); throw Forbidden to refuse. */
  authorize?(actor: Actor, input: z.infer<I>): void;
  /**
   * What a person would call this job, in their language ("Carrossel: Usinagem suíça…",
   * "Enriquecer 50 leads"). Without it the type key is shown.
   */
  label?(input: z.infer<I>, locale: Locale): string;
  /**
   * What a person calls each stage this type reports through `progress()`, in both languages
   * (workflow steps carry their own `label`). Screens show it instead of the stage key.
   */
  stages?: Readonly<Record<string, LocalizedText>>;
  /** What a person calls this kind of job ({"pt-BR": "Carrossel", en: "Carousel"}), e.g. in limits. */
  name?: LocalizedText;
  /**
   * When its owner is told it ended (email/Slack, if they opted in): `"always"` for batches a
   * person walks away from (imports, enrichment, series), `"long"` (default) only after a minute.
   */
  notify?: "always" | "long";
}

interface QueueJobType<I extends z.ZodType, R extends z.ZodType, D = unknown> extends JobTypeBase<I, R, D> {
  runner: "queue";
  run(ctx: JobContext<z.infer<I>, D>): Promise<z.infer<R>>;
}

interface WorkflowJobType<I extends z.ZodType, R extends z.ZodType, D = unknown>
  extends JobTypeBase<I, R, D> {
  runner: "workflow";
  steps: readonly WorkflowStep<z.infer<I>, D>[];
  finish(ctx: JobContext<z.infer<I>, D>, outputs: Readonly<Record<string, unknown>>): Promise<z.infer<R>>;
}

export type JobType<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, D = unknown> =
  | QueueJobType<I, R, D>
  | WorkflowJobType<I, R, D>;

/** Identity helper so a feature's definition keeps its precise input, result and deps types. */
export function defineJobType<I extends z.ZodType, R extends z.ZodType, D = unknown>(
  def: JobType<I, R, D>,
): JobType<I, R, D> {
  return def;
}
