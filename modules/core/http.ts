import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor, Scope } from "./actor";
import { BadRequest, Forbidden, fieldErrors, Unauthorized } from "./errors";

/** Hono environment shared by every module's routes. */
export interface AppEnv {
  Bindings: Env;
  Variables: { actor: Actor | null; requestId: string };
}

/**
 * A router whose validation failures all become one precise 400 problem listing every invalid
 * field: the single validation policy for the API.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === "json" ? "" : result.target;
        throw new BadRequest(
          result.target === "json"
            ? "The request body is invalid."
            : `The request ${result.target} is invalid.`,
          fieldErrors(result.error.issues, where === "param" ? "" : where),
        );
      }
    },
  });
}

/** The signed-in actor, or 401; with a scope, 403 when a token lacks it. */
export function requireActor(c: Context<AppEnv>, scope?: Scope): Actor {
  const actor = c.get("actor");
  if (!actor) throw new Unauthorized();
  if (scope && !actor.scopes.has(scope)) {
    throw new Forbidden(`This token lacks the "${scope}" scope.`);
  }
  return actor;
}

export const problemResponses = {
  400: { description: "Invalid input (problem+json, every invalid field listed)" },
  401: { description: "Not signed in" },
  403: { description: "Signed in but not allowed" },
  404: { description: "Not found, or not yours" },
} as const;
