import { PythonService } from "./python-client";

/** What leads' job handlers take from the Worker (their `ctx.deps`): no env beyond this. */
export interface LeadJobDeps {
  /** R2: the rows of an uploaded import. */
  files: R2Bucket;
  /** The Python lead service, calling as this user. */
  python(userId: string): PythonService;
}

export const leadJobDeps = (env: Env): LeadJobDeps => ({
  files: env.FILES,
  python: (userId) => new PythonService(env, userId),
});
