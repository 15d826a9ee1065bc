import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Forbidden } from "../core/errors";
import { type AppEnv, access, createRouter, problemResponses, requireActor } from "../core/http";
import type { AlertService } from "./alerts";
import { NotificationSettings } from "./schema";
import type { NotificationService } from "./service";

/** The caller's "away" notification settings and their delivery log. */
export function notificationRoutes(serviceFor: (c: Context<AppEnv>) => NotificationService) {
  const app = createRouter();
  app.get("/me/notifications", access("account:read"), async (c) =>
    c.json(await serviceFor(c).getSettings(requireActor(c).userId)),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/me/notifications",
      middleware: [access("account:write")],
      summary: "Save email/Slack notification settings",
      request: {
        body: { content: { "application/json": { schema: NotificationSettings } }, required: true },
      },
      responses: { 200: { description: "Saved" }, ...problemResponses },
    }),
    async (c) => c.json(await serviceFor(c).saveSettings(requireActor(c).userId, c.req.valid("json")), 200),
  );
  app.get("/me/notifications/outbox", access("account:read"), async (c) =>
    c.json({ items: await serviceFor(c).outbox(requireActor(c).userId) }),
  );
  return app;
}

/** `/api/admin/system-alerts`: operational problems (e.g. an unconfigured channel) for admins. */
export function alertRoutes(alertsFor: (c: Context<AppEnv>) => AlertService) {
  const app = createRouter();
  app.get("/admin/system-alerts", access("admin:read", { roles: ["admin"] }), async (c) => {
    if (requireActor(c).role !== "admin") throw new Forbidden("Only admins see alerts.");
    return c.json({ items: await alertsFor(c).list() });
  });
  return app;
}
