import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  PatchContentBody,
  PatchPersonaBody,
  PatchProductBody,
  PersonaBody,
  ProductBody,
  RejectBody,
} from "../../modules/contracts/content";
import { CreateJobBody } from "../../modules/contracts/jobs";
import { EngagementBody, LeadPatch } from "../../modules/contracts/leads";
import {
  AccountCreate,
  ActionCreate,
  ActionPatch,
  BulkApprove,
  RulesBody,
} from "../../modules/contracts/outreach";
import { Guardrails } from "../../modules/guardrails/settings";
import { AcceptBody, InviteBody, UpdateUserBody } from "../../modules/identity/admin-routes";
import { CreateTokenBody } from "../../modules/identity/routes";
import { TerritoryOwners } from "../../modules/leads/settings";
import { NotificationSettings } from "../../modules/notifications/schema";

// Every JSON request body of the API (`jsonBody(...)` in the routes) but PriceOverrides, a record
// of prices with no optional field.
const bodies: Record<string, z.ZodType> = {
  Guardrails,
  CreateTokenBody,
  NotificationSettings,
  InviteBody,
  UpdateUserBody,
  AcceptBody,
  TerritoryOwners,
  CreateJobBody,
  EngagementBody,
  LeadPatch,
  AccountCreate,
  ActionCreate,
  ActionPatch,
  BulkApprove,
  RulesBody,
  PatchContentBody,
  PatchPersonaBody,
  PatchProductBody,
  PersonaBody,
  ProductBody,
  RejectBody,
};

function shapeOf(s: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = (
    s as unknown as {
      def: { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType; innerType?: z.ZodType };
    }
  ).def;
  if (def.shape) return def.shape;
  if (def.in) return shapeOf(def.in);
  if (def.innerType) return shapeOf(def.innerType);
  return undefined;
}

describe("request bodies", () => {
  it("take null for every optional field (null is 'unknown', like an absent field)", () => {
    const refused: string[] = [];
    for (const [name, schema] of Object.entries(bodies)) {
      const shape = shapeOf(schema);
      expect(shape, name).toBeDefined();
      for (const [key, field] of Object.entries(shape ?? {})) {
        if (field.safeParse(undefined).success && !field.safeParse(null).success)
          refused.push(`${name}.${key}`);
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
