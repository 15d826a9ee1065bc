import type { JobRegistry } from "../../modules/jobs";
import type { Job } from "../../modules/jobs/schema";
import { hubName } from "./hub";

/**
 * Fans a job change out to its owner's hub and the admin hub. Sockets on one hub may use either
 * language, so the message carries the label in both; each tab shows its own.
 */
export function publisherFor(env: Env, registry: JobRegistry) {
  return async (job: Job): Promise<void> => {
    const ns = env.REALTIME;
    const labels = { "pt-BR": registry.labelOf(job, "pt-BR"), en: registry.labelOf(job, "en") };
    const message: Job = { ...job, label: labels["pt-BR"], labels };
    await Promise.all([
      ns.get(ns.idFromName(hubName.user(job.userId))).publish(message),
      ns.get(ns.idFromName(hubName.admin)).publish(message),
    ]);
  };
}
