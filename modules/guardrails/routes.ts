import { createRoute, z } from "@hono/zod-openapi";
import { desc } from "drizzle-orm";
import type { Context } from "hono";
import { guardrailAlerts } from "../../drizzle/schema";
import { GuardrailAlertList, Usage } from "../contracts/platform";
import type { Db } from "../core/db";
import {
  type AppEnv,
  access,
  adminOnly,
  createRouter,
  json,
  jsonBody,
  problemResponses,
  requireActor,
} from "../core/http";
import type { GuardrailService } from "./service";
import { Guardrails, loadGuardrails, saveGuardrails } from "./settings";

export interface GuardrailDeps {
  db: Db;
  guard: GuardrailService;
}

/** `/api/usage` for everyone; `/api/admin/guardrails` and alerts for admins. */
export function guardrailRoutes(depsFor: (c: Context<AppEnv>) => GuardrailDeps) {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/usage",
      middleware: [access("account:read")],
      summary: "Your and the company's spend today/this month against the limits",
      responses: { 200: json(Usage, "Usage"), ...problemResponses },
    }),
    async (c) => c.json(await depsFor(c).guard.usage(requireActor(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/guardrails",
      middleware: [adminOnly("admin:read")],
      summary: "The guardrail settings (admin)",
      responses: { 200: json(Guardrails, "Settings"), ...problemResponses },
    }),
    async (c) => c.json(await loadGuardrails(depsFor(c).db), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/admin/guardrails",
      middleware: [adminOnly("admin:write")],
      summary: "Replace the guardrail settings (admin)",
      request: jsonBody(Guardrails),
      responses: { 200: json(Guardrails, "Saved"), ...problemResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(await saveGuardrails(depsFor(c).db, c.req.valid("json"), actor.userId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/alerts",
      middleware: [adminOnly("admin:read")],
      summary: "Recent guardrail alerts (admin)",
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) },
      responses: { 200: json(GuardrailAlertList, "Alerts, newest first"), ...problemResponses },
    }),
    async (c) => {
      const rows = await depsFor(c)
        .db.select()
        .from(guardrailAlerts)
        .orderBy(desc(guardrailAlerts.at))
        .limit(c.req.valid("query").limit);
      return c.json({ items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) }, 200);
    },
  );

  return app;
}
