import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { changesSomething, orNull } from "../contracts/absent";
import {
  AdminUserEnvelope,
  AdminUserList,
  CreatedInvite,
  InviteList,
  InvitePreview,
} from "../contracts/identity";
import { ROLES } from "../core/actor";
import {
  type AppEnv,
  access,
  createRouter,
  IdParam,
  json,
  jsonBody,
  problemResponse,
  problemResponses,
  requireAdmin,
} from "../core/http";
import type { UserAdminService } from "./users";

const InviteBody = z
  .object({
    email: z.email().max(200),
    role: z.enum(ROLES),
    locale: orNull(z.enum(["pt-BR", "en"]).default("pt-BR")),
  })
  .openapi("InviteUser");
const UpdateUserBody = z
  .object({ role: orNull(z.enum(ROLES).optional()), active: orNull(z.boolean().optional()) })
  .refine(changesSomething, { message: "Send role or active." })
  .openapi("UpdateUser");
const AcceptBody = z
  .object({
    token: z.string().min(10).max(200),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(12).max(128),
  })
  .openapi("AcceptInvite");
const TokenQuery = z.object({ token: z.string().min(10).max(200) });

/** Only a signed-in admin (a session, never an API token) manages users. */
const requireAdminSession = (c: Context<AppEnv>) => requireAdmin(c, { session: true });

/** `/api/admin/users`, `/api/admin/invites` and the public invitation endpoints. */
export function userAdminRoutes(svcFor: (c: Context<AppEnv>) => UserAdminService) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/users",
      middleware: [access("admin:read", { roles: ["admin"], humanOnly: true })],
      summary: "Every user with role and active flag (admin)",
      responses: { 200: json(AdminUserList, "Users by name"), ...problemResponses },
    }),
    async (c) => {
      requireAdminSession(c);
      return c.json({ items: await svcFor(c).list() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/admin/users/{id}",
      middleware: [access("admin:write", { roles: ["admin"], humanOnly: true })],
      summary: "Change a user's role or (de)activate them (admin); effective at once",
      request: { params: IdParam, ...jsonBody(UpdateUserBody) },
      responses: { 200: json(AdminUserEnvelope, "Updated user"), ...problemResponses },
    }),
    async (c) => {
      const admin = requireAdminSession(c);
      const body = c.req.valid("json");
      const u = await svcFor(c).update(admin, c.req.raw.headers, c.req.valid("param").id, body);
      return c.json({ user: u }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/invites",
      middleware: [access("admin:read", { roles: ["admin"], humanOnly: true })],
      summary: "Open invitations (admin)",
      responses: { 200: json(InviteList, "Open invitations, newest first"), ...problemResponses },
    }),
    async (c) => {
      requireAdminSession(c);
      return c.json({ items: await svcFor(c).invites() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/admin/invites",
      middleware: [access("admin:write", { roles: ["admin"], humanOnly: true })],
      summary: "Invite a user by email with a role (admin); the link works once and expires",
      request: jsonBody(InviteBody),
      responses: {
        201: json(CreatedInvite, "Invitation created"),
        409: problemResponse("A user with this email already exists"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const admin = requireAdminSession(c);
      return c.json(await svcFor(c).invite(admin, c.req.valid("json")), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/invites/preview",
      middleware: [access("public")],
      summary: "Who an invitation link is for (public; 410 once used or expired)",
      request: { query: TokenQuery },
      responses: {
        200: json(InvitePreview, "Invitation"),
        410: problemResponse("Used or expired"),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await svcFor(c).preview(c.req.valid("query").token), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/invites/accept",
      middleware: [access("public")],
      summary: "Accept an invitation: choose a name and password (public)",
      request: jsonBody(AcceptBody),
      responses: {
        201: json(AdminUserEnvelope, "User created"),
        409: problemResponse("A user with this email already exists"),
        410: problemResponse("Used or expired"),
        ...problemResponses,
      },
    }),
    async (c) => c.json({ user: await svcFor(c).accept(c.req.valid("json")) }, 201),
  );

  return app;
}
