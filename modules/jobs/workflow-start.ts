import { failAttempt } from "./attempt";
import type { JobRegistry } from "./registry";
import type { JobRow, JobStore } from "./store";
import { JobFailure } from "./types";

export interface WorkflowParams {
  jobId: string;
  attempt: number;
}

/** One instance per attempt: an instance id cannot be reused, so later attempts get `-aN`. */
export const workflowInstanceId = (jobId: string, attempt: number): string =>
  attempt <= 1 ? jobId : `${jobId}-a${attempt}`;

/** Instance states in which an old attempt could still call a provider. */
const ALIVE = ["queued", "running", "paused", "waiting", "waitingForPause"];

/** Starts and stops the `JobWorkflow` instances of claimed multi-stage jobs. */
export class WorkflowStarter {
  constructor(
    private readonly workflow: Workflow<WorkflowParams>,
    private readonly store: JobStore,
    private readonly registry: JobRegistry,
  ) {}

  /** Starts the instance for a claimed attempt; a failed start ends the attempt (retryable). */
  async start(row: JobRow): Promise<{ requeueDelayMs?: number }> {
    try {
      // The previous attempt's instance may still be alive (it lost its lease, not its life):
      // stop it first so only one attempt ever calls a provider. Done or missing → ignored.
      if (row.attempts > 1) {
        const old = await this.workflow.get(workflowInstanceId(row.id, row.attempts - 1)).catch(() => null);
        const state = old ? (await old.status().catch(() => null))?.status : undefined;
        if (old && state && ALIVE.includes(state)) await old.terminate().catch(() => undefined);
      }
      await this.workflow.create({
        id: workflowInstanceId(row.id, row.attempts),
        params: { jobId: row.id, attempt: row.attempts },
      });
      return {};
    } catch (err) {
      const failure = new JobFailure(
        "workflow_start_failed",
        `Could not start the workflow: ${String(err)}`,
        true,
      );
      const out = await failAttempt(this.store, this.registry, row, failure);
      return out.requeueDelayMs === undefined ? {} : { requeueDelayMs: out.requeueDelayMs };
    }
  }

  /**
   * Whether the instance of the job's current attempt exists and can still finish it. Asking
   * also wakes a local instance that a killed process left mid-step.
   */
  async alive(row: JobRow): Promise<boolean> {
    const instance = await this.workflow.get(workflowInstanceId(row.id, row.attempts)).catch(() => null);
    const state = instance ? (await instance.status().catch(() => null))?.status : undefined;
    return state !== undefined && ALIVE.includes(state);
  }

  /** Stops the instance of the job's current attempt (a cancel). */
  async terminate(row: JobRow): Promise<void> {
    const instance = await this.workflow.get(workflowInstanceId(row.id, row.attempts));
    await instance.terminate();
  }
}
