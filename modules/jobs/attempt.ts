import { z } from "zod";
import { backoffMs } from "./backoff";
import type { JobRegistry } from "./registry";
import type { JobError } from "./schema";
import type { JobRow, JobStore } from "./store";
import { JobAborted, JobFailure, type JobType } from "./types";

/** How an attempt ended, as the caller must act on it: re-deliver after `requeueDelayMs`. */
export interface AttemptEnd {
  applied: boolean;
  requeueDelayMs?: number;
}

/**
 * Ends an attempt that threw (queue runner, Workflow runner, sweeper alike). Retryable errors with
 * attempts left go back to `queued` after an exponential backoff with jitter (a provider's
 * Retry-After honoured as the minimum); everything else ends `failed`, input kept for a manual
 * retry. An aborted attempt (cancelled, or its lease recovered) writes nothing: it is not ours.
 */
export async function failAttempt(
  store: JobStore,
  registry: JobRegistry,
  row: JobRow,
  err: unknown,
): Promise<AttemptEnd> {
  if (err instanceof JobAborted) return { applied: false };
  const def = registry.get(row.type);
  const error = toJobError(err, def);
  const autoRetry = err instanceof JobFailure ? err.autoRetry : true;
  if (error.retryable && autoRetry && row.attempts < row.maxAttempts && def) {
    const retryAfter = err instanceof JobFailure ? (err.retryAfterMs ?? 0) : 0;
    const delay = Math.max(retryAfter, backoffMs(def.retry, row.attempts - row.parts));
    const requeued = await store.requeue(row, error, delay);
    return requeued ? { applied: true, requeueDelayMs: delay } : { applied: false };
  }
  return { applied: (await store.fail(row, error)) !== null };
}

/** Ends an attempt that returned: its result must match the type's schema, or the job fails. */
export async function completeAttempt(
  store: JobStore,
  registry: JobRegistry,
  row: JobRow,
  def: JobType,
  result: unknown,
): Promise<JobRow | null> {
  const checked = def.result.safeParse(result);
  if (checked.success) return store.complete(row, checked.data);
  const message = `The job produced an invalid result: ${checked.error.message}`;
  await failAttempt(store, registry, row, new JobFailure("invalid_result", message, false));
  return null;
}

/** What a fenced write that matched nothing means to the attempt: stop quietly. */
export const leaseLost = (): JobAborted => new JobAborted("The job was cancelled or its lease was lost.");

/** Saves a stage's output for this attempt; throws JobAborted once the job is no longer its own. */
export async function saveCheckpoint(
  store: JobStore,
  row: JobRow,
  stage: string,
  output: unknown,
): Promise<void> {
  if (!(await store.checkpoint(row, stage, output))) throw leaseLost();
}

function toJobError(err: unknown, def?: JobType): JobError {
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
