import { createApp } from "./api/app";
import { consumeDeadLetters } from "./consumers/dead-letters";
import { consumeJobs } from "./consumers/jobs";
import { consumeNotifications } from "./consumers/notifications";
import { services } from "./services";

export { BudgetCounter } from "../modules/guardrails";
export { AccountBudget } from "../modules/outreach";
export { LeadServiceContainer } from "./containers/lead-service";
export { RealtimeHub } from "./realtime/hub";
export { JobWorkflow } from "./workflows/job-workflow";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env);
    else if (batch.queue.endsWith("-notifications")) await consumeNotifications(batch, env);
    else await consumeJobs(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      services(env)
        .engine.sweep()
        .then((r) => console.log(JSON.stringify({ msg: "sweep", ...r }))),
    );
    ctx.waitUntil(
      services(env)
        .outreach.tick()
        .then((r) => console.log(JSON.stringify({ msg: "outreach governor", ...r }))),
    );
  },
} satisfies ExportedHandler<Env>;
