import { type Actor, actorFor } from "../core/actor";
import type { CountedD1 } from "../core/d1-count";
import { Conflict } from "../core/errors";
import type { UserDirectory } from "../identity/directory";
import { type AttemptEnd, completeAttempt, failAttempt } from "./attempt";
import { buildContext, type ContextDeps, releaseUnsettledSpend } from "./context";
import type { Dispatcher } from "./dispatch";
import { whoActed } from "./enqueue";
import type { JobRegistry } from "./registry";
import { JobsRepo } from "./repo";
import type { Job } from "./schema";
import type { JobRow, JobStore } from "./store";
import { toWire } from "./transition";
import { type Admission, type JobContext, JobContinue, JobFailure, type JobType } from "./types";
import { type WorkflowParams, WorkflowStarter } from "./workflow-start";

export interface RunnerDeps extends Omit<ContextDeps, "store"> {
  store: JobStore;
  registry: JobRegistry;
  dispatcher: Dispatcher;
  users: UserDirectory;
  workflow: Workflow<WorkflowParams>;
  /** Extra claim condition (e.g. a per-user concurrency cap); a refused job stays queued. */
  admission?: ((row: JobRow, def: JobType) => Promise<Admission | undefined>) | undefined;
}

/** What a queue delivery or a direct start must do next with the job's message. */
export type RunOutcome = { requeueDelayMs?: number; continueNow?: true };

/**
 * Queue jobs started from the request's waitUntil must fit its budget (about 30 s after the
 * answer in production); longer ones wait for the consumer, which has 15 minutes.
 */
const DIRECT_START_MAX_MS = 30_000;

/**
 * Direct starts running at once in this isolate. Under a burst, starting every job from its own
 * request doubles the work the same requests compete for, so every answer waits; past this many,
 * jobs are left to the queue consumer, which takes them in batches.
 */
const MAX_DIRECT_STARTS = 4;

/**
 * Claims jobs and runs them: queue-runner types inline (heartbeating the lease), Workflow types
 * by starting their instance. Also stops them (cancel). Every write goes through the store.
 */
export class JobRunner {
  readonly workflows: WorkflowStarter;
  private directStarts = 0;

  constructor(private readonly d: RunnerDeps) {
    this.workflows = new WorkflowStarter(d.workflow, d.store, d.registry);
  }

  /**
   * The queue consumer's claim: of any number of deliveries of the same message, exactly one
   * wins; the rest see `null`. A job not yet due (or not yet admitted) waits `notYetS`.
   */
  async claim(jobId: string, read?: JobRow | null): Promise<{ row: JobRow } | { notYetS: number } | null> {
    const now = this.d.store.now();
    const current = read === undefined ? await this.d.store.load(jobId) : read;
    if (!current || current.status !== "queued") return null;
    if (current.runAt > now + 500) return { notYetS: Math.ceil((current.runAt - now) / 1000) };
    const def = this.d.registry.get(current.type);
    const row = await this.claimRow(current, def);
    if (row) return { row };
    // Not admitted yet (e.g. the owner already runs their maximum): wait, stay queued.
    if (def && this.d.admission && (await this.d.store.load(jobId))?.status === "queued")
      return { notYetS: 3 };
    return null;
  }

  /** The fenced claim of a row already read, with the guardrails' admission condition. */
  private async claimRow(current: JobRow, def: JobType | undefined): Promise<JobRow | null> {
    const admission = def && this.d.admission ? await this.d.admission(current, def) : undefined;
    const row = await this.d.store.claim(current, def?.timeoutMs ?? 60_000, admission);
    // Running now: its paid calls reserve for themselves, so the accept-time estimate goes back.
    if (row && def?.estimateCostUsd && this.d.spend) {
      await this.d.spend.release(row.userId, this.d.spend.acceptHoldId(row.id)).catch(() => undefined);
    }
    return row;
  }

  /**
   * Direct start from the request that enqueued (decision 0011). Any failure here is harmless: the
   * job is still queued (the queue message runs it) or, once claimed, under its lease (the
   * sweeper recovers it).
   */
  async startNow(row: JobRow, def: JobType, owner: Actor): Promise<void> {
    if (def.runner === "queue" && def.timeoutMs > DIRECT_START_MAX_MS) return;
    if (this.directStarts >= MAX_DIRECT_STARTS) return;
    this.directStarts++;
    try {
      const claimed = await this.claimRow(row, def);
      if (!claimed) return;
      const out: RunOutcome =
        def.runner === "workflow"
          ? await this.workflows.start(claimed)
          : await this.runQueueJob(claimed, actorFor(owner.userId, owner.role, "job"));
      if ("continueNow" in out) await this.d.dispatcher.send(row.id);
      else if (out.requeueDelayMs !== undefined)
        await this.d.dispatcher.sendAfter(row.id, out.requeueDelayMs);
    } catch (err) {
      console.error(
        JSON.stringify({ msg: "direct start failed; the queue takes over", jobId: row.id, err: String(err) }),
      );
    } finally {
      this.directStarts--;
    }
  }

  /**
   * Runs a claimed queue-runner job to its end, heartbeating while the handler works.
   * `continueNow`: it yielded (JobContinue) and must be dispatched again at once — as a new
   * message, not a redelivery, so a long job never spends the queue's retry count.
   */
  async runQueueJob(row: JobRow, owner?: Actor, meter?: CountedD1): Promise<RunOutcome> {
    const { store, registry } = this.d;
    const def = registry.get(row.type);
    if (!def || def.runner !== "queue") {
      const unknown = new JobFailure("unknown_type", `No queue handler for ${row.type}.`, false);
      await failAttempt(store, registry, row, unknown);
      return {};
    }
    const abort = new AbortController();
    const timer = setInterval(
      () => {
        store
          .heartbeat(row, def.timeoutMs)
          .then((ok) => ok || abort.abort())
          .catch(() => undefined);
      },
      Math.max(1000, def.timeoutMs / 3),
    );
    try {
      const actor = owner ?? (await this.loadActor(row.userId));
      const input = def.input.parse(row.input);
      const ctx = this.context(row, input, actor, abort, meter);
      const result = await def.run(ctx).finally(() => releaseUnsettledSpend(ctx as JobContext<unknown>));
      await completeAttempt(store, registry, row, def, result);
      return {};
    } catch (err) {
      if (err instanceof JobContinue) return (await store.continue(row, err)) ? { continueNow: true } : {};
      return requeueOnly(await failAttempt(store, registry, row, err));
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Cancel sets `cancelled` at once; a running handler notices at its next fenced write and
   * stops, and a running Workflow instance is terminated.
   */
  async cancel(actor: Actor, id: string): Promise<Job> {
    const row = await new JobsRepo(this.d.store.db, actor).getRow(id);
    if (row.status !== "queued" && row.status !== "running") {
      throw new Conflict(`Only queued or running jobs can be cancelled; this one is ${row.status}.`);
    }
    const updated = await this.d.store.cancel(id, await whoActed(this.d.users, actor));
    if (!updated) throw new Conflict("The job finished before it could be cancelled.");
    if (row.runner === "workflow" && row.status === "running") {
      await this.workflows.terminate(row).catch(() => undefined);
    }
    return toWire(updated);
  }

  /** Jobs run as their owner, loaded from D1 (never from a message). */
  async loadActor(userId: string): Promise<Actor> {
    const u = await this.d.users.find(userId);
    if (!u) throw new JobFailure("owner_missing", "The job's owner no longer exists.", false);
    return actorFor(u.id, u.role, "job");
  }

  /** Builds what a handler sees (see `buildContext`). */
  context<I>(row: JobRow, input: I, actor: Actor, abort: AbortController, meter?: CountedD1): JobContext<I> {
    return buildContext(this.d, row, input, actor, abort, meter);
  }
}

/** The part of an attempt's end its caller acts on: when to deliver it again. */
const requeueOnly = (out: AttemptEnd): RunOutcome =>
  out.requeueDelayMs === undefined ? {} : { requeueDelayMs: out.requeueDelayMs };
