import { systemPing } from "./system/ping";
import { systemPipeline } from "./system/pipeline";

export { JobEngine, JobMessage, type WorkflowParams } from "./engine";
export { JobRegistry } from "./registry";

export { runWorkflowAttempt } from "./workflow-runner";

/** The engine's own diagnostic types; features add theirs from the entrypoint. */
export const systemJobTypes = [systemPing, systemPipeline];
