import { isDevEnvironment } from "../modules/core/config";
import { createApp } from "./api/app";
import { consumeDeadLetters } from "./consumers/dead-letters";
import { consumeJobs } from "./consumers/jobs";
import { consumeNotifications } from "./consumers/notifications";
import { services } from "./services";

export { BudgetCounter } from "../modules/guardrails";
export { LeadServiceContainer } from "./containers/lead-service";
export { RealtimeHub } from "./realtime/hub";
export { JobWorkflow } from "./workflows/job-workflow";

// Two builds of the router: only the development one has the dev routes mounted at all.
const apps = { dev: createApp({ dev: true }), deployed: createApp({ dev: false }) };

export default {
  fetch(request, env, ctx) {
    const app = isDevEnvironment(env.ENVIRONMENT as string) ? apps.dev : apps.deployed;
    return app.fetch(request, env, ctx);
  },
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
  },
} satisfies ExportedHandler<Env>;
