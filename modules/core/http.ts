import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { Actor, Role, Scope } from "./actor";
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

/** RFC 9457 problem details: every error answer (`workers/api/errors.ts` writes them). */
const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

/** An error answer of a route declaration (problem+json). */
export const problemResponse = (description: string) => ({
  content: { "application/problem+json": { schema: Problem } },
  description,
});

export const problemResponses = {
  400: problemResponse("Invalid input (every invalid field listed)"),
  401: problemResponse("Not signed in"),
  403: problemResponse("Signed in but not allowed"),
  404: problemResponse("Not found, or not yours"),
} as const;

/** For routes that start paid or throttled work: a guardrail or a rate limit may refuse it. */
export const limitResponses = {
  429: problemResponse("A limit was reached or a guardrail refused; see Retry-After"),
} as const;

/**
 * A JSON response of a route declaration.
 *
 * @example responses: { 200: json(JobEnvelope, "The job"), ...problemResponses }
 */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/**
 * A JSON request body of a route declaration: validated before the handler runs, which reads it
 * with `c.req.valid("json")`.
 *
 * @example request: { params: IdParam, ...jsonBody(RejectBody) }
 */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { content: { "application/json": { schema } }, required },
});

/** The `{id}` of every resource route (ULIDs, but any opaque id up to 64 characters). */
export const IdParam = z.object({ id: z.string().min(1).max(64) });

type BodyContent = NonNullable<NonNullable<RouteConfig["request"]>["body"]>["content"];

/**
 * A request body the handler reads itself (CSV, a JSON body checked only after the caller is
 * authenticated, a body handed on to Better Auth). zod-openapi validates — and so consumes and
 * reorders the checks of — every JSON or form body declared with a zod schema; declared as plain
 * JSON Schema the body is documented the same way but left to the handler untouched.
 *
 * @example request: { ...rawBody({ "text/csv": z.string() }) }
 */
export function rawBody(content: Record<string, z.ZodType>, description?: string) {
  const documented: BodyContent = {};
  for (const [mediaType, schema] of Object.entries(content)) {
    const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, {
      io: "input",
      // A private registry: a schema named for the document (`.openapi("X")`) stays inline, since
      // a `$ref` into this fragment's own `$defs` would not resolve in the document.
      metadata: z.registry<{ description?: string }>(),
      unrepresentable: "any",
      override: ({ zodSchema, jsonSchema }) => {
        const described = z.globalRegistry.get(zodSchema)?.description;
        if (described) jsonSchema.description = described;
        // The only custom schema in a body is an uploaded `File`.
        if (zodSchema._zod.def.type === "custom")
          Object.assign(jsonSchema, { type: "string", format: "binary" });
      },
    });
    Object.assign(documented, { [mediaType]: { schema: jsonSchema } });
  }
  return { body: { content: documented, required: true, ...(description ? { description } : {}) } };
}

/**
 * What a route needs: a scope (tokens must hold it; sessions hold every scope their role allows),
 * `signed-in` (any actor, e.g. `/api/me`), or `public` (no actor: health, sign-in, signed webhooks).
 * `roles` narrows it further (admin screens).
 */
export interface Access {
  need: Scope | "signed-in" | "public";
  roles?: readonly Role[] | undefined;
  /** A person's session only (reviews, FR17): API tokens are refused whatever their scopes. */
  humanOnly?: boolean | undefined;
}

const ACCESS = Symbol.for("lifetrek.access");
export type AccessMiddleware = MiddlewareHandler<AppEnv> & { [ACCESS]: Access };

/**
 * The route's access rule as its first middleware (runs before validation, so an outsider learns
 * nothing from a 400). Every `/api` route must carry one: `createApp` refuses to start otherwise.
 *
 * @example app.get("/usage", access("account:read"), handler)
 */
export function access(need: Access["need"], opts: Omit<Access, "need"> = {}): AccessMiddleware {
  const rule: Access = { need, ...opts };
  const { roles, humanOnly } = opts;
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (need !== "public") {
      const actor = requireActor(c, need === "signed-in" ? undefined : need);
      if (roles && !roles.includes(actor.role)) {
        throw new Forbidden(`Only ${roles.join(" or ")} users can do this.`);
      }
      if (humanOnly && actor.via !== "session") {
        throw new Forbidden("Only a signed-in person can do this; API tokens cannot.");
      }
    }
    await next();
  };
  return Object.assign(mw, { [ACCESS]: rule });
}

/** The access rule a handler declares, if it is an `access()` middleware. */
export function accessOf(handler: unknown): Access | undefined {
  if (typeof handler !== "function") return undefined;
  const own = (handler as Partial<AccessMiddleware>)[ACCESS];
  if (own) return own;
  // Hono wraps a sub-app's handlers when it has its own error handler.
  const inner = (handler as unknown as Record<string, unknown>).__COMPOSED_HANDLER;
  return inner && inner !== handler ? accessOf(inner) : undefined;
}

/** Admin-only routes: the admin role and an `admin:*` scope. */
export const adminOnly = (need: "admin:read" | "admin:write") => access(need, { roles: ["admin"] });

/**
 * The actor, checked again inside an admin handler (its `access()` rule refuses everyone else
 * first; this keeps the handler safe if it is ever mounted under a looser rule). `session`: a
 * person signed in, never an API token.
 */
export function requireAdmin(c: Context<AppEnv>, opts: { scope?: Scope; session?: boolean } = {}): Actor {
  const actor = requireActor(c, opts.scope);
  if (actor.role !== "admin") throw new Forbidden("Only admins can do this.");
  if (opts.session && actor.via !== "session") {
    throw new Forbidden("This needs a signed-in session, not a token.");
  }
  return actor;
}
