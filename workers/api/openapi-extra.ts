import { z } from "@hono/zod-openapi";
import type { createRouter } from "../../modules/core/http";

type Router = ReturnType<typeof createRouter>;

const ok = (description: string) => ({ 200: { description } });
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } }, required: true });

/**
 * Documents the routes that are not zod-openapi routes (Better Auth, the WebSocket, raw-body and
 * simple GET endpoints), so `/api/openapi.json` lists the whole public surface.
 */
export function documentExtraRoutes(api: Router): void {
  const r = api.openAPIRegistry;
  const Credentials = z.object({ email: z.email(), password: z.string() });
  const add = (method: "get" | "post" | "put", path: string, summary: string, extra: object = {}) =>
    r.registerPath({ method, path, summary, responses: ok(summary), ...extra });

  add("post", "/auth/sign-in/email", "Sign in with email and password (sets the session cookie)", {
    request: { body: json(Credentials) },
  });
  add("post", "/auth/sign-out", "Sign out (send content-type: application/json)");
  add("get", "/realtime", "WebSocket: hello, then a `job` message on every change you may see");
  add("post", "/leads/import", "Import leads from text/csv (header row) or a JSON array → 202 {job}", {
    request: {
      body: {
        content: { "text/csv": { schema: z.string() }, "application/json": { schema: z.array(z.unknown()) } },
        required: true,
      },
    },
  });
  add(
    "get",
    "/leads/summary",
    "Counts by heat, the fit × engagement matrix, segments, what changed this week",
  );
  add("get", "/usage", "Your and the company's spend today/this month against the limits");
  add("get", "/admin/guardrails", "The guardrail settings (admin)");
  add("get", "/admin/alerts", "Recent guardrail alerts (admin)");
  add("get", "/admin/prices", "The AI price table (admin)");
  add("get", "/admin/territories", "Which user owns each lead territory");
  add("get", "/me/notifications", "Your notification settings");
  add("get", "/me/notifications/outbox", "Your notifications and their delivery attempts");
  add("get", "/users", "Colleagues' names and roles (e-mail for admins)");
  add("get", "/health", "Liveness");
}
