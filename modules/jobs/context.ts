import type { Actor } from "../core/actor";
import { type CountedD1, countingD1 } from "../core/d1-count";
import { createDb } from "../core/db";
import { leaseLost, saveCheckpoint } from "./attempt";
import { jobEvent } from "./events";
import type { JobRegistry } from "./registry";
import type { CreateJobBody, Job } from "./schema";
import type { JobRow, JobStore } from "./store";
import {
  JobAborted,
  type JobContext,
  JobContinue,
  JobFailure,
  type ProviderGate,
  type SpendGuard,
} from "./types";

/**
 * D1 statements an invocation may have sent before a job at its yield point steps aside
 * (production allows 1,000). Jobs yield between chunks of ≤ ~400 statements, and the engine's
 * own claim, heartbeats and completion are not counted: 450 + 400 + those stays under 1,000.
 */
export const INVOCATION_STATEMENT_BUDGET = 450;

/** A job waits at most this long for a provider slot before giving the worker back. */
const MAX_THROTTLE_WAIT_MS = 30_000;

/**
 * What a running job's context is built on: the store's fenced transitions for its own writes,
 * and the enqueuer for its children — never the engine itself.
 */
export interface ContextDeps {
  store: JobStore;
  env: Env;
  registry: JobRegistry;
  gate?: ProviderGate | undefined;
  spend?: SpendGuard | undefined;
  enqueue(
    actor: Actor,
    body: CreateJobBody,
    opts: { parentId?: string; sequenceId?: string; sequenceIndex?: number },
  ): Promise<{ job: Job; created: boolean }>;
}

/**
 * Builds what a handler sees. Every write is fenced by (status = running, attempt): once the job
 * is cancelled or its lease recovered, the next write throws JobAborted and the handler stops.
 */
export function buildContext<I>(
  d: ContextDeps,
  row: JobRow,
  input: I,
  actor: Actor,
  abort: AbortController,
  /** The invocation's meter, shared by the jobs of one queue batch; a new one otherwise. */
  meter: CountedD1 = countingD1(d.env.DB),
): JobContext<I> {
  const { store } = d;
  // The handler's own queries go through the invocation's counted binding; the context's writes
  // on its behalf (progress, checkpoints, logs: a guarded update and an event each) are added.
  let ownWrites = 0;
  const def = d.registry.get(row.type);
  const runner = def?.runner;
  const leaseMs = def?.timeoutMs ?? 60_000;
  const ensure = (r: JobRow | null): void => {
    if (!r) {
      abort.abort();
      throw leaseLost();
    }
  };
  // Holds taken by reserveSpend, settled in order by recordCost; leftovers are released at the
  // end of the attempt or stage (a call that failed before it cost anything).
  const holds: string[] = [];
  const ctx: JobContext<I> = {
    jobId: row.id,
    attempt: row.attempts - row.parts,
    input,
    actor,
    deps: def?.deps ? def.deps(d.env) : undefined,
    // Made on first use: most handlers (a ping, a Workflow's own stages) never touch it.
    get db() {
      return createDb(meter.d1);
    },
    children: async () =>
      (await store.children(row.id)).map((c) => ({
        id: c.id,
        status: c.status,
        progress: c.progress ?? null,
        sequenceIndex: c.sequenceIndex,
        result: c.result ?? null,
        error: c.error ?? null,
      })),
    meta: async () => {
      const now = await store.load(row.id);
      return {
        costUsd: now?.costUsd ?? row.costUsd,
        progress: now?.progress ?? null,
        parentId: row.parentId,
        sequenceId: row.sequenceId,
        sequenceIndex: row.sequenceIndex,
      };
    },
    checkpoint: row.checkpointData ?? {},
    signal: abort.signal,
    saveCheckpoint: (key, value) => {
      ownWrites += 2;
      return saveCheckpoint(store, row, key, value);
    },
    yieldPoint: async () => {
      const used = meter.statements() + ownWrites;
      if (runner === "queue" && used >= INVOCATION_STATEMENT_BUDGET) throw new JobContinue(used);
    },
    enqueueChild: async (type, childInput, opts) => {
      const { job } = await d.enqueue(
        actor,
        { type, input: childInput, idempotencyKey: opts.key },
        {
          parentId: row.id,
          sequenceId: opts.sequenceId ?? row.id,
          ...(opts.sequenceIndex !== undefined ? { sequenceIndex: opts.sequenceIndex } : {}),
        },
      );
      return { id: job.id };
    },
    progress: async (p) => {
      ownWrites += 2;
      const percent = Math.max(0, Math.min(100, Math.round(p.percent)));
      // The stage's name in both languages is stored with it, so every screen can show it.
      const stageLabel = p.stageLabel ?? d.registry.stageLabel(row.type, p.stage);
      const progress = { ...p, percent, ...(stageLabel ? { stageLabel } : {}) };
      const event = jobEvent.progress(p.message, {
        percent,
        stage: p.stage,
        ...(stageLabel ? { stageLabel } : {}),
        ...(p.done !== undefined ? { done: p.done } : {}),
        ...(p.total !== undefined ? { total: p.total } : {}),
      });
      ensure(await store.progress(row, progress, leaseMs, event));
    },
    log: async (level, message, data, event) => {
      ownWrites += 1;
      await store.log(row, { kind: "log", level, message, data, ...event });
    },
    throttle: async (provider) => {
      const started = store.now();
      for (;;) {
        const waitMs = (await d.gate?.acquire(provider)) ?? 0;
        if (waitMs <= 0) return;
        if (store.now() - started + waitMs > MAX_THROTTLE_WAIT_MS) {
          throw new JobFailure(
            "provider_busy",
            `${provider} is at its request limit; retrying later.`,
            true,
            waitMs,
          );
        }
        await new Promise((r) => setTimeout(r, Math.min(waitMs, 5000)));
        if (abort.signal.aborted) throw new JobAborted("The job was cancelled.");
      }
    },
    rateLimited: async (provider, ms) => {
      await d.gate?.pause(provider, ms);
    },
    reserveSpend: async (estimateUsd, what) => {
      const hold = await d.spend?.reserve(actor, row, estimateUsd, what);
      if (hold) holds.push(hold);
    },
    recordCost: async (entry) => {
      await d.spend?.record(actor, row, entry, holds.shift());
      ensure(await store.addCost(row, entry));
    },
  };
  unsettled.set(ctx, async () => {
    for (const hold of holds.splice(0)) await d.spend?.release(actor.userId, hold).catch(() => undefined);
  });
  return ctx;
}

const unsettled = new WeakMap<object, () => Promise<void>>();

/** Gives back every reservation the context took but never settled (the call failed first). */
export async function releaseUnsettledSpend(ctx: JobContext<unknown>): Promise<void> {
  await unsettled.get(ctx)?.();
}
