import { z } from "zod";
import type { JobStore } from "./store";

/** Queue messages carry only the id: the input stays in D1, the one source of truth. */
export const JobMessage = z.object({ jobId: z.string().min(1).max(64) });
export type JobMessage = z.infer<typeof JobMessage>;

/**
 * Sends jobs to the queue. A failed send is never the caller's error: the row is already stored,
 * and the cron sweeper re-sends a queued job whose dispatch is overdue, so an accepted job is
 * never lost.
 */
export class Dispatcher {
  constructor(
    private readonly queue: Queue<JobMessage>,
    private readonly store: JobStore,
  ) {}

  /** Sends `{jobId}` (after `delaySeconds`) and records when; false: the sweeper will retry. */
  async send(jobId: string, delaySeconds = 0): Promise<boolean> {
    try {
      await this.queue.send({ jobId }, delaySeconds > 0 ? { delaySeconds } : undefined);
      await this.store.dispatched(jobId, this.store.now());
      return true;
    } catch (err) {
      failed(jobId, err);
      return false;
    }
  }

  /** Sends after a delay in milliseconds (a retry's backoff), rounded up to whole seconds. */
  sendAfter(jobId: string, delayMs: number): Promise<boolean> {
    return this.send(jobId, Math.ceil(delayMs / 1000));
  }

  /** The first send of a new job, whose row already says "dispatched" (a write saved per job). */
  async sendFirst(jobId: string): Promise<void> {
    try {
      await this.queue.send({ jobId });
    } catch (err) {
      failed(jobId, err);
      // If even this write fails, the sweeper still finds the job once its dispatch is overdue.
      await this.store.dispatched(jobId, null).catch(() => undefined);
    }
  }
}

function failed(jobId: string, err: unknown): void {
  console.error(JSON.stringify({ msg: "dispatch failed; sweeper will retry", jobId, err: String(err) }));
}
