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
