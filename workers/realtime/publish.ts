import type { Job } from "../../modules/jobs/schema";
import { hubName } from "./hub";

/** Fans a job change out to its owner's hub and the admin hub. */
export function publisherFor(env: Env) {
  return async (job: Job): Promise<void> => {
    const ns = env.REALTIME;
    await Promise.all([
      ns.get(ns.idFromName(hubName.user(job.userId))).publish(job),
      ns.get(ns.idFromName(hubName.admin)).publish(job),
    ]);
  };
}
