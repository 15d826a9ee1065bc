import type { JobRegistry } from "../../modules/jobs";
import type { Job, JobEvent } from "../../modules/jobs/schema";
import type { Publisher } from "../../modules/jobs/store";
import { hubName } from "./hub";

/**
 * Fans a job change (and its new audit events) out to its owner's hub and the admin hub. Sockets
 * on one hub may use either language, so the message carries the label in both; each tab shows
 * its own.
 */
export function publisherFor(env: Env, registry: JobRegistry): Publisher {
  const ns = env.REALTIME;
  const hubs = (userId: string) => [
    ns.get(ns.idFromName(hubName.user(userId))),
    ns.get(ns.idFromName(hubName.admin)),
  ];
  const publish = async (job: Job, events?: JobEvent[]): Promise<void> => {
    const labels = { "pt-BR": registry.labelOf(job, "pt-BR"), en: registry.labelOf(job, "en") };
    const message: Job = { ...job, label: labels["pt-BR"], labels };
    await Promise.all(hubs(job.userId).map((hub) => hub.publish(message, events)));
  };
  return Object.assign(publish, {
    events: async (owner: { id: string; userId: string }, events: JobEvent[]): Promise<void> => {
      await Promise.all(hubs(owner.userId).map((hub) => hub.publishEvents(owner.id, events)));
    },
  });
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
