import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { shapeOf } from "../../modules/contracts/absent";
import { PatchContentBody, PersonaBody } from "../../modules/contracts/content";
import { EngagementBody } from "../../modules/contracts/leads";
import { createApp } from "./app";

type RouteDefinition = {
  type: string;
  route?: {
    method: string;
    path: string;
    request?: { body?: { content?: Record<string, { schema?: z.ZodType }> } };
  };
};

/**
 * Every JSON request body our routes validate, read from the app's own route registry (as the
 * docs are). Better Auth's routes are documented there as plain JSON Schema; it reads its own bodies.
 */
function jsonBodies(): Array<[string, z.ZodType]> {
  const defs = createApp({ dev: true }).openAPIRegistry.definitions as unknown as RouteDefinition[];
  return defs.flatMap((d) => {
    const schema = d.route?.request?.body?.content?.["application/json"]?.schema;
    const zod = schema && "safeParse" in schema;
    return d.type === "route" && zod && d.route ? [[`${d.route.method} ${d.route.path}`, schema]] : [];
  });
}

describe("request bodies", () => {
  it("take null for every optional field (null is 'unknown', like an absent field)", () => {
    const bodies = jsonBodies();
    // The registry is really read: the API has about twenty JSON bodies.
    expect(bodies.length).toBeGreaterThan(15);
    const refused: string[] = [];
    for (const [route, schema] of bodies) {
      for (const [key, field] of Object.entries(shapeOf(schema) ?? {})) {
        if (field.safeParse(undefined).success && !field.safeParse(null).success)
          refused.push(`${route} ${key}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("still applies a field's default when it is null, and leaves a PATCH field out", () => {
    const persona = PersonaBody.parse({
      name: "Dra. Ana",
      profile: PersonaBody.shape.profile.options[0],
      audience: "Cirurgiões ortopédicos",
      toneWords: null,
      examplePosts: null,
    });
    expect(persona.toneWords).toEqual([]);
    expect(persona.examplePosts).toEqual([]);
    expect(PatchContentBody.parse({ title: null, caption: "Nova legenda" })).toEqual({
      title: undefined,
      caption: "Nova legenda",
    });
    expect(EngagementBody.parse({ kind: "rfq", source: null }).source).toBe("manual");
  });
});
