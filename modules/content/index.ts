import type { Context } from "hono";
import type { Db } from "../core/db";
import { type AppEnv, createRouter } from "../core/http";
import type { JobType } from "../jobs/types";

// Placeholder exports so the Worker wires the feature; filled in by the content module.
export const contentJobTypes: JobType[] = [];
export function contentRoutes(_dbFor: (c: Context<AppEnv>) => Db) {
  return createRouter();
}
export async function seedContentDemo(_db: Db, _env: Env): Promise<void> {}
