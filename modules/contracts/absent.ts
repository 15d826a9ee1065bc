import { z } from "@hono/zod-openapi";

/**
 * An optional request-body field that also takes `null` as "unknown": the same as leaving it out,
 * so a default still applies and a PATCH leaves the value as it is. (A field where null means
 * "clear it" says `.nullable()` instead.)
 */
export const orNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema);

/** The fields of an object schema, through pipes, defaults and other wrappers; else undefined. */
export function shapeOf(s: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = (
    s as unknown as {
      def: { shape?: Record<string, z.ZodType>; in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType };
    }
  ).def;
  if (def.shape) return def.shape;
  // A pipe: the object is what goes in (`.transform`) or what comes out (`z.preprocess`).
  if (def.in) return shapeOf(def.in) ?? (def.out && shapeOf(def.out));
  if (def.innerType) return shapeOf(def.innerType);
  return undefined;
}

/**
 * `orNull` for every optional field of an object schema at once: a top-level `null` is dropped
 * where the field may be left out but does not take null itself. A field that gives null a
 * meaning (`.nullable()`) keeps it. The job registry applies it to every job type's input, so a
 * job request's `input` takes null as "unknown" like every request body, new types included.
 */
export function nullAsUnknown(schema: z.ZodType): z.ZodType {
  const shape = shapeOf(schema);
  if (!shape) return schema;
  const dropped = Object.keys(shape).filter((k) => {
    const field = shape[k] as z.ZodType;
    return field.safeParse(undefined).success && !field.safeParse(null).success;
  });
  if (dropped.length === 0) return schema;
  return z.preprocess((v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const rec = v as Record<string, unknown>;
    if (!dropped.some((k) => rec[k] === null)) return v;
    return Object.fromEntries(Object.entries(rec).filter(([k, x]) => !(x === null && dropped.includes(k))));
  }, schema);
}

/**
 * A PATCH must change something. Unknown keys are stripped and a null is "unknown", so a body of
 * only those (`{"body": "x"}` for `html`, or all nulls) would answer 200 having changed nothing the
 * caller meant — refuse it instead, saying so: `.refine(changesSomething, CHANGE_SOMETHING)`.
 */
export const changesSomething = (v: Record<string, unknown>): boolean =>
  Object.values(v).some((x) => x !== undefined);
export const CHANGE_SOMETHING = "Send at least one field to change.";
