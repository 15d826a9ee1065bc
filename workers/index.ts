import { isDevEnvironment } from "../modules/core/config";
import { decayEngagement } from "../modules/leads";
import { createApp } from "./api/app";
import { consumeDeadLetters } from "./consumers/dead-letters";
import { consumeJobs } from "./consumers/jobs";
import { consumeNotifications } from "./consumers/notifications";
import { noteEvent } from "./process-clock";
import { services } from "./services";

export { BudgetCounter } from "../modules/guardrails";
export { RateLimiter } from "../modules/identity/throttle";
export { AccountBudget } from "../modules/outreach";
export { LeadServiceContainer } from "./containers/lead-service";
export { RealtimeHub } from "./realtime/hub";
export { JobWorkflow } from "./workflows/job-workflow";

// Two builds of the router: only the development one has the dev routes mounted at all.
const apps = { dev: createApp({ dev: true }), deployed: createApp({ dev: false }) };

export default {
  fetch(request, env, ctx) {
    noteEvent();
    const app = isDevEnvironment(env.ENVIRONMENT as string) ? apps.dev : apps.deployed;
    return app.fetch(request, env, ctx);
  },
  async queue(batch, env, _ctx) {
    noteEvent();
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env);
    else if (batch.queue.endsWith("-notifications")) await consumeNotifications(batch, env);
    else await consumeJobs(batch, env);
  },
  async scheduled(_controller, env, ctx) {
    noteEvent();
    const s = services(env);
    ctx.waitUntil(
      Promise.all([s.engine.sweep(), s.notifications.sweep()]).then(([jobs, outbox]) =>
        console.log(JSON.stringify({ msg: "sweep", ...jobs, ...outbox })),
      ),
    );
    // Once per São Paulo day (the first tick of the day claims it; later ticks are a no-op).
    ctx.waitUntil(
      decayEngagement(services(env).db).then(
        (r) => r.ran && console.log(JSON.stringify({ msg: "decay", ...r })),
      ),
    );
    ctx.waitUntil(
      services(env)
        .outreach.tick()
        .then((r) => console.log(JSON.stringify({ msg: "outreach governor", ...r }))),
    );
  },
} satisfies ExportedHandler<Env>;
