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
