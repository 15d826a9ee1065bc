import { z } from "@hono/zod-openapi";

/** `GET /api/me`: who is signed in, and how (session cookie, API token). */
export const Me = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(["admin", "marketing", "sales"]),
      locale: z.enum(["pt-BR", "en"]),
    }),
    via: z.enum(["session", "token", "job"]),
    scopes: z.array(z.string()),
  })
  .openapi("Me");
export type Me = z.infer<typeof Me>;

/** An API token as listed (never its secret). */
const TokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The secret's first characters, to tell tokens apart. */
    prefix: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi("Token");

export const TokenList = z.object({ items: z.array(TokenView) });
/** `POST /api/tokens`: the secret, shown this once. */
export const CreatedToken = z.object({ token: z.string(), info: TokenView }).openapi("CreatedToken");
export const RevokedToken = z.object({ token: TokenView });

const Role = z.enum(["admin", "marketing", "sales"]);

/** A user as the admin screen lists them (`active`: not deactivated). */
const UserView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("AdminUser");

/** `GET /api/admin/users`: every user by name. */
export const AdminUserList = z.object({ items: z.array(UserView) }).openapi("AdminUserList");
/** `PATCH /api/admin/users/{id}` and `POST /api/invites/accept`: the user as it now is. */
export const AdminUserEnvelope = z.object({ user: UserView });

/** An open invitation (never its token). */
const InviteView = z
  .object({ id: z.string(), email: z.string(), role: Role, expiresAt: z.iso.datetime() })
  .openapi("Invite");

/** `GET /api/admin/invites`: open invitations, newest first. */
export const InviteList = z.object({ items: z.array(InviteView) }).openapi("InviteList");

/** `POST /api/admin/invites`: the invitation, whether its e-mail went out, and (development) the link. */
export const CreatedInvite = z
  .object({
    invite: InviteView,
    delivery: z.enum(["sent", "undeliverable"]),
    /** Development only (no mailbox there); `null` elsewhere. */
    link: z.string().nullable(),
  })
  .openapi("CreatedInvite");

/** `GET /api/invites/preview`: who an invitation link is for. */
export const InvitePreview = z
  .object({ email: z.string(), role: Role, expiresAt: z.iso.datetime() })
  .openapi("InvitePreview");
