import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { OutboxList, SystemAlertList } from "../contracts/platform";
import {
  type AppEnv,
  access,
  createRouter,
  json,
  jsonBody,
  problemResponses,
  requireActor,
  requireAdmin,
} from "../core/http";
import type { AlertService } from "./alerts";
import { NotificationSettings } from "./schema";
import type { NotificationService } from "./service";

/** The caller's "away" notification settings and their delivery log. */
export function notificationRoutes(serviceFor: (c: Context<AppEnv>) => NotificationService) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/me/notifications",
      middleware: [access("account:read")],
      summary: "Your notification settings",
      responses: { 200: json(NotificationSettings, "Settings"), ...problemResponses },
    }),
    async (c) => c.json(await serviceFor(c).getSettings(requireActor(c).userId), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/me/notifications",
      middleware: [access("account:write")],
      summary: "Save email/Slack notification settings",
      request: jsonBody(NotificationSettings),
      responses: { 200: json(NotificationSettings, "Saved"), ...problemResponses },
    }),
    async (c) => c.json(await serviceFor(c).saveSettings(requireActor(c).userId, c.req.valid("json")), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/me/notifications/outbox",
      middleware: [access("account:read")],
      summary: "Your notifications and their delivery attempts",
      responses: { 200: json(OutboxList, "The latest 50, newest first"), ...problemResponses },
    }),
    async (c) => c.json({ items: await serviceFor(c).outbox(requireActor(c).userId) }, 200),
  );
  return app;
}

/** `/api/admin/system-alerts`: operational problems (e.g. an unconfigured channel) for admins. */
export function alertRoutes(alertsFor: (c: Context<AppEnv>) => AlertService) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/admin/system-alerts",
      middleware: [access("admin:read", { roles: ["admin"] })],
      summary: "Operational problems, e.g. a notification channel that is not configured (admin)",
      responses: { 200: json(SystemAlertList, "Alerts, most recently seen first"), ...problemResponses },
    }),
    async (c) => {
      requireAdmin(c);
      return c.json({ items: await alertsFor(c).list() }, 200);
    },
  );
  return app;
}
