import { Combiner, combinerFor } from "../../modules/core/combine";
import type { JobRegistry } from "../../modules/jobs";
import type { Job, JobEvent } from "../../modules/jobs/schema";
import type { Publisher } from "../../modules/jobs/store";
import { type HubUpdate, hubName } from "./hub";

/** Updates per hub call: a call's cost is mostly fixed, but one socket write waits for the lot. */
const MAX_UPDATES = 100;

/**
 * Fans a job change (and its new audit events) out to its owner's hub and the admin hub. Sockets
 * on one hub may use either language, so the message carries the label in both; each tab shows
 * its own. Within a queue batch, updates to one hub are combined (see `Combiner`): the changes of
 * many jobs go in one call instead of one call each, in the order they were made.
 */
export function publisherFor(env: Env, registry: JobRegistry): Publisher {
  const hubs = hubCalls(env);
  const send = (userId: string, update: HubUpdate) =>
    Promise.all([hubs(hubName.user(userId), update), hubs(hubName.admin, update)]);
  const publish = async (job: Job, events?: JobEvent[]): Promise<void> => {
    const labels = registry.labelsOf(job);
    const message: Job = { ...job, label: labels["pt-BR"], labels };
    await send(job.userId, { job: message, events });
  };
  return Object.assign(publish, {
    events: async (owner: { id: string; userId: string }, events: JobEvent[]): Promise<void> => {
      await send(owner.userId, { jobId: owner.id, events });
    },
  });
}

/**
 * Calls to one hub; inside `combining` (a queue batch), the updates made meanwhile share a call.
 * The stub is made for each call, in the invocation that makes it; only the id is kept.
 */
function hubCalls(env: Env) {
  const ns = env.REALTIME;
  const ids = new Map<string, DurableObjectId>();
  const keys = new Map<string, object>();
  const call = (name: string, updates: HubUpdate[]): Promise<number> => {
    let id = ids.get(name);
    if (!id) {
      id = ns.idFromName(name);
      ids.set(name, id);
    }
    return ns.get(id).publish(updates);
  };
  return (name: string, update: HubUpdate): Promise<number> => {
    let key = keys.get(name);
    if (!key) {
      key = {};
      keys.set(name, key);
    }
    const combiner = combinerFor(
      key,
      () =>
        new Combiner<HubUpdate, number>(async (updates) => {
          const sent = await call(name, updates);
          return updates.map(() => ({ ok: true as const, value: sent }));
        }, MAX_UPDATES),
    );
    return combiner ? combiner.submit(update) : call(name, [update]);
  };
}

/** Signals a topic to a user's hub and the admin hub (outreach: the governor and webhooks). */
export function signalerFor(env: Env) {
  const ns = env.REALTIME;
  return async (userId: string, topic: string, data: Record<string, unknown>): Promise<void> => {
    await Promise.all(
      [hubName.user(userId), hubName.admin].map((name) => ns.get(ns.idFromName(name)).signal(topic, data)),
    );
  };
}
