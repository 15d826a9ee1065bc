import type { WorkflowStepConfig } from "cloudflare:workers";
import { completeAttempt, failAttempt, saveCheckpoint } from "./attempt";
import { releaseUnsettledSpend } from "./context";
import type { JobEngine } from "./engine";
import { JobAborted, type JobContext, JobFailure, NotYet } from "./types";
import type { WorkflowParams } from "./workflow-start";

/** The slice of Cloudflare's WorkflowStep we use, so tests and types stay small. */
export interface StepRunner {
  do<T extends Rpc.Serializable<T>>(
    name: string,
    config: WorkflowStepConfig,
    callback: () => Promise<T>,
  ): Promise<T>;
  sleep(name: string, duration: number): Promise<void>;
}

/**
 * A waiting stage (one that returned NotYet) is called again after 1 s, then 1.5× longer each
 * time up to 5 s: a child that takes a minute costs about fifteen rounds, and the parent notices
 * within 5 s. The round cap (about 20 minutes) keeps the instance well inside the Workflow's
 * step limit.
 */
const WAIT_FIRST_MS = 1000;
const WAIT_MAX_MS = 5000;
const WAIT_MAX_ROUNDS = 250;
const waitMs = (round: number) => Math.min(WAIT_MAX_MS, Math.round(WAIT_FIRST_MS * 1.5 ** round));

type StepOutcome =
  | { ok: true; value: string }
  | { ok: true; notYet: true }
  | {
      ok: false;
      code: string;
      message: string;
      retryable: boolean;
      autoRetry: boolean;
      retryAfterMs: number | null;
    };

/** Job-level retries own the policy; Workflow step retries would double-count attempts. */
const NO_STEP_RETRY: WorkflowStepConfig = { retries: { limit: 0, delay: 0 } };

/** What an attempt needs: the store's fenced transitions, the dispatcher, the runner's context. */
export type WorkflowAttemptDeps = Pick<JobEngine, "store" | "registry" | "dispatcher" | "runner">;

/**
 * Runs one attempt of a multi-stage job. Each stage is a Workflow step whose output is mirrored
 * into the job's checkpoint; stages already in the checkpoint (from an earlier attempt) are
 * skipped, so a retry resumes after the last completed stage and never repeats paid work.
 * Errors are returned from steps as values because class identity does not survive `step.do`.
 */
export async function runWorkflowAttempt(
  engine: WorkflowAttemptDeps,
  params: WorkflowParams,
  step: StepRunner,
): Promise<void> {
  const { store, registry, dispatcher, runner } = engine;
  const row = await store.load(params.jobId);
  if (!row || row.status !== "running" || row.attempts !== params.attempt) return;
  const def = registry.get(row.type);
  if (!def || def.runner !== "workflow") {
    await failAttempt(
      store,
      registry,
      row,
      new JobFailure("unknown_type", `No workflow for ${row.type}.`, false),
    );
    return;
  }
  const abort = new AbortController();
  // A stage may run longer than the lease (a slow provider): keep the lease while this attempt
  // works, as the queue runner does, so the sweeper never starts a second, parallel attempt.
  const beat = setInterval(
    () => {
      store
        .heartbeat(row, def.timeoutMs)
        .then((ok) => ok || abort.abort())
        .catch(() => undefined);
    },
    Math.max(1000, def.timeoutMs / 3),
  );
  const fail = async (err: unknown): Promise<void> => {
    const out = await failAttempt(store, registry, row, err);
    if (out.requeueDelayMs !== undefined) await dispatcher.sendAfter(row.id, out.requeueDelayMs);
  };
  try {
    const actor = await runner.loadActor(row.userId);
    const input = def.input.parse(row.input);
    const ctx = runner.context(row, input, actor, abort);
    const outputs: Record<string, unknown> = { ...(row.checkpointData ?? {}) };
    const total = def.steps.length + 1;
    /** One call of a stage as one Workflow step (round 0 keeps the plain name for old instances). */
    const runStage = (s: (typeof def.steps)[number], round: number): Promise<StepOutcome> =>
      step.do<StepOutcome>(round === 0 ? s.name : `${s.name}#${round}`, NO_STEP_RETRY, async () => {
        try {
          const value = await s
            .run(ctx, outputs)
            .finally(() => releaseUnsettledSpend(ctx as JobContext<unknown>));
          if (value instanceof NotYet) return { ok: true, notYet: true };
          await saveCheckpoint(store, row, s.name, value);
          return { ok: true, value: JSON.stringify(value ?? null) };
        } catch (err) {
          if (err instanceof JobAborted) throw err;
          const f = err instanceof JobFailure ? err : null;
          return {
            ok: false,
            code: f?.code ?? "internal_error",
            message: err instanceof Error ? err.message : String(err),
            retryable: f ? f.retryable : true,
            autoRetry: f ? f.autoRetry : true,
            retryAfterMs: f?.retryAfterMs ?? null,
          };
        }
      });
    for (const [i, s] of def.steps.entries()) {
      if (s.name in outputs) continue;
      await ctx.progress({
        percent: (i / total) * 100,
        stage: s.name,
        message: s.label.en,
        stageLabel: s.label,
      });
      let outcome: StepOutcome;
      for (let round = 0; ; round++) {
        outcome = await runStage(s, round);
        if (!("notYet" in outcome)) break;
        if (round >= WAIT_MAX_ROUNDS) {
          outcome = {
            ok: false,
            code: "wait_timeout",
            message: `Stage ${s.name} waited ${WAIT_MAX_ROUNDS} rounds without its result.`,
            retryable: true,
            autoRetry: false,
            retryAfterMs: null,
          };
          break;
        }
        // The lease must outlast the sleep, or the sweeper would take a sleeping attempt for a
        // crashed one (the instance may be evicted while it sleeps, and its interval with it).
        const pause = waitMs(round);
        if (!(await store.heartbeat(row, pause + def.timeoutMs))) return;
        await step.sleep(`${s.name}~wait${round}`, pause);
      }
      if (!outcome.ok) {
        await fail(
          new JobFailure(
            outcome.code,
            outcome.message,
            outcome.retryable,
            outcome.retryAfterMs ?? undefined,
            outcome.autoRetry,
          ),
        );
        return;
      }
      if ("value" in outcome) outputs[s.name] = JSON.parse(outcome.value);
    }
    await ctx.progress({ percent: ((total - 1) / total) * 100, stage: "finish", message: "Finishing" });
    const result = await def.finish(ctx, outputs);
    await completeAttempt(store, registry, row, def, result);
  } catch (err) {
    await fail(err);
  } finally {
    clearInterval(beat);
  }
}
