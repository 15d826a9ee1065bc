import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { user } from "../../drizzle/schema";
import { orNull } from "../contracts/absent";
import { CreatedToken, Me, RevokedToken, TokenList } from "../contracts/identity";
import { UserList } from "../contracts/platform";
import { ROLE_SCOPES, SCOPES } from "../core/actor";
import type { Db } from "../core/db";
import { Forbidden, NotFound } from "../core/errors";
import {
  type AppEnv,
  access,
  createRouter,
  IdParam,
  json,
  jsonBody,
  problemResponse,
  problemResponses,
  requireActor,
} from "../core/http";
import { localeFrom } from "../core/locale";
import { THROTTLES, takeOrThrow, throttleKey } from "./throttle";
import { TokenService } from "./tokens";

const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    scopes: z.array(z.enum(SCOPES)).min(1),
    expiresInDays: orNull(z.number().int().min(1).max(365).optional()),
  })
  .openapi("CreateToken");

/** `/api/me` and `/api/tokens`. */
export function identityRoutes(dbFor: (c: Context<AppEnv>) => Db) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      middleware: [access("signed-in")],
      summary: "The signed-in user",
      responses: { 200: json(Me, "The user"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const u = await dbFor(c).query.user.findFirst({ where: eq(user.id, actor.userId) });
      if (!u) throw new NotFound("User");
      return c.json(
        {
          user: { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale },
          via: actor.via,
          scopes: [...actor.scopes],
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/users",
      middleware: [access("account:read")],
      summary: "Colleagues' names and roles (e-mail for admins)",
      responses: { 200: json(UserList, "Users by name"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const rows = await dbFor(c).select().from(user).orderBy(user.name);
      // Colleagues' names for owner pickers and the monitor; e-mail addresses only for admins.
      const items = rows.map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role,
        ...(actor.role === "admin" ? { email: u.email } : {}),
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      middleware: [access("tokens:write")],
      summary: "The caller's API tokens (never their secrets)",
      responses: { 200: json(TokenList, "Tokens, newest first"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ items: await new TokenService(dbFor(c)).list(actor) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      middleware: [access("tokens:write")],
      summary: "Create a scoped API token; the secret is returned once",
      request: jsonBody(CreateTokenBody),
      responses: {
        201: json(CreatedToken, "Created; the secret is in `token`"),
        ...problemResponses,
        429: problemResponse("More than 20 tokens this hour; see Retry-After"),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid("json");
      // No escalation: a token mints at most its own scopes, a person at most their role's.
      const allowed: ReadonlySet<string> =
        actor.via === "token" ? actor.scopes : new Set(ROLE_SCOPES[actor.role]);
      const extra = body.scopes.filter((s) => !allowed.has(s));
      if (extra.length) {
        throw new Forbidden(`You cannot grant scopes you do not hold: ${extra.join(", ")}.`);
      }
      // Throttled per user (a stolen session or `tokens:write` token cannot mint without bound).
      const slot = await takeOrThrow(
        c.env.RATE_LIMITER,
        throttleKey.tokenCreate(actor.userId),
        THROTTLES.tokenCreate,
        localeFrom(c.req.header("accept-language")),
      );
      try {
        return c.json(await new TokenService(dbFor(c)).create(actor, body), 201);
      } catch (err) {
        await slot.undo();
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      middleware: [access("tokens:write")],
      summary: "Revoke a token (owner or admin)",
      request: { params: IdParam },
      responses: { 200: json(RevokedToken, "Revoked"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json({ token: await new TokenService(dbFor(c)).revoke(actor, c.req.valid("param").id) }, 200);
    },
  );

  return app;
}
