import { describe, expect, it } from "vitest";
import { z } from "zod";
import spec from "../../python-service/openapi.json";
import { LEAD_SERVICE_PAIRS } from "./lead-service";

type Schema = {
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  additionalProperties?: unknown;
};

const components = (spec as unknown as { components: { schemas: Record<string, Schema> } }).components
  .schemas;

/** Follows `$ref`s into the Python document's components. */
function deref(s: Schema): Schema {
  return s.$ref ? deref(components[s.$ref.replace("#/components/schemas/", "")] ?? {}) : s;
}

/** The JSON types a schema allows (integer counts as number; unions flattened). */
function types(s: Schema): Set<string> {
  const d = deref(s);
  const alts = d.anyOf ?? d.oneOf ?? d.allOf;
  if (alts) return new Set(alts.flatMap((a) => [...types(a)]));
  if (d.const !== undefined || d.enum)
    return new Set((d.enum ?? [d.const]).map((v) => (v === null ? "null" : typeof v)));
  const t = Array.isArray(d.type) ? d.type : d.type ? [d.type] : ["any"];
  return new Set(t.map((x) => (x === "integer" ? "number" : x)));
}

function enums(s: Schema): Set<unknown> | null {
  const d = deref(s);
  const alts = d.anyOf ?? d.oneOf;
  if (alts) {
    const all = alts.map(enums).filter((e): e is Set<unknown> => e !== null);
    return all.length ? new Set(all.flatMap((e) => [...e])) : null;
  }
  return d.enum ? new Set(d.enum) : d.const !== undefined ? new Set([d.const]) : null;
}

/** The object schema inside (through refs, nullable unions and arrays of it). */
function objectOf(s: Schema): Schema | null {
  const d = deref(s);
  if (d.properties) return d;
  for (const a of d.anyOf ?? d.oneOf ?? []) {
    const o = objectOf(a);
    if (o) return o;
  }
  return d.items ? objectOf(d.items) : null;
}

/** A response field the service always sends: required, or with a default that is not null. */
const alwaysSent = (o: Schema, k: string) =>
  (o.required ?? []).includes(k) ||
  (o.properties?.[k]?.default !== undefined && o.properties?.[k]?.default !== null);

/**
 * Disagreements between what one side writes and what the other reads, walking both trees.
 * `writer` produces the JSON, `reader` parses it; `writerAlwaysSends` says which fields it never
 * omits.
 */
function disagreements(
  writer: Schema,
  reader: Schema,
  path: string,
  writerAlwaysSends: (o: Schema, k: string) => boolean,
): string[] {
  const out: string[] = [];
  const w = objectOf(writer);
  const r = objectOf(reader);
  const wt = types(writer);
  const rt = types(reader);
  if (!rt.has("any") && !wt.has("any")) {
    for (const t of wt)
      if (!rt.has(t) && !(t === "null" && !w))
        out.push(`${path}: writer may send ${t}, reader takes ${[...rt].join("|")}`);
  }
  const we = enums(writer);
  const re = enums(reader);
  if (re && we)
    for (const v of we) if (!re.has(v)) out.push(`${path}: value ${String(v)} is not one the reader knows`);
  if (re && !we && wt.has("string"))
    out.push(`${path}: reader expects one of ${[...re].join(", ")}, writer sends any string`);
  if (w && r && r.properties) {
    for (const [k, rs] of Object.entries(r.properties)) {
      const ws = w.properties?.[k];
      const needed = (r.required ?? []).includes(k);
      if (!ws) {
        if (needed) out.push(`${path}.${k}: the reader requires it, the writer has no such field`);
        continue;
      }
      if (needed && !writerAlwaysSends(w, k))
        out.push(`${path}.${k}: the reader requires it, the writer may omit it`);
      out.push(...disagreements(ws, rs, `${path}.${k}`, writerAlwaysSends));
    }
    for (const k of Object.keys(w.properties ?? {}))
      if (!(k in r.properties) && r.additionalProperties === false)
        out.push(`${path}.${k}: the reader refuses it`);
  }
  return out;
}

const ts = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Schema;

describe("the Worker and the Python lead service agree on the wire (python-service/openapi.json)", () => {
  for (const [schema, name] of LEAD_SERVICE_PAIRS.responses) {
    it(`reads what ${name} sends`, () => {
      const python = components[name];
      expect(python, `${name} is in the service's document`).toBeDefined();
      expect(disagreements(python as Schema, ts(schema, "input"), name, alwaysSent)).toEqual([]);
    });
  }
  for (const [schema, name] of LEAD_SERVICE_PAIRS.requests) {
    it(`sends what ${name} takes`, () => {
      const python = components[name];
      expect(python, `${name} is in the service's document`).toBeDefined();
      // What the Worker builds is typed by its schema: a field it types as required is sent.
      const sent = (o: Schema, k: string) => (o.required ?? []).includes(k);
      expect(disagreements(ts(schema, "output"), python as Schema, name, sent)).toEqual([]);
    });
  }

  it("fails on a real disagreement (a field the reader requires that the writer may omit)", () => {
    const reader = ts(z.object({ id: z.string(), extra: z.number() }), "input");
    const writer = ts(z.object({ id: z.string(), extra: z.number().optional() }), "output");
    expect(disagreements(writer, reader, "X", (o, k) => (o.required ?? []).includes(k))).toEqual([
      "X.extra: the reader requires it, the writer may omit it",
    ]);
  });
});
