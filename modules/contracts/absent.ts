import { z } from "@hono/zod-openapi";

/**
 * An optional request-body field that also takes `null` as "unknown": the same as leaving it out,
 * so a default still applies and a PATCH leaves the value as it is. (A field where null means
 * "clear it" says `.nullable()` instead.)
 */
export const orNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema);
