import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { runWorkflowAttempt, type WorkflowParams } from "../../modules/jobs";
import { services } from "../services";

/** One Workflow class runs every multi-stage job type; the job's type picks the stages. */
export class JobWorkflow extends WorkflowEntrypoint<Env, WorkflowParams> {
  override async run(event: Readonly<WorkflowEvent<WorkflowParams>>, step: WorkflowStep): Promise<void> {
    await runWorkflowAttempt(services(this.env).engine, event.payload, step);
  }
}
