import { Hono } from "hono";
import { contentRoutes } from "../../modules/content";
import { isAdmin } from "../../modules/core/actor";
import { ConfigError } from "../../modules/core/config";
import { type AppEnv, createRouter, requireActor } from "../../modules/core/http";
import { guardrailRoutes } from "../../modules/guardrails";
import { identityRoutes } from "../../modules/identity/routes";
import { jobMetricsRoutes, jobRoutes } from "../../modules/jobs/routes";
import { leadRoutes } from "../../modules/leads";
import { notificationRoutes } from "../../modules/notifications";
import { outreachRoutes } from "../../modules/outreach";
import { hubName } from "../realtime/hub";
import { ensureDevSeed, runDevSeeders, services } from "../services";
import { docsPage } from "./docs";
import { onError, problem } from "./errors";
import { authenticate, limitBody, requestId, requireContentType } from "./middleware";
import { documentExtraRoutes } from "./openapi-extra";

/** The API Worker's HTTP surface. Modules provide routers; this file only wires them. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => problem(404, "Not found", `No route for ${c.req.method} ${c.req.path}.`));

  app.use("*", requestId);
  app.use("/api/*", async (c, next) => {
    try {
      await ensureDevSeed(services(c.env));
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(JSON.stringify({ level: "fatal", msg: err.message }));
        return problem(503, "Service misconfigured", "The service is not configured for this environment.");
      }
      throw err;
    }
    return next();
  });
  app.use("/api/*", limitBody, requireContentType);

  app.get("/api/health", (c) => c.json({ status: "ok", environment: services(c.env).config.environment }));
  app.post("/api/dev/seed", async (c) => {
    const s = services(c.env);
    if (!s.config.isDev) return problem(404, "Not found", "No route for POST /api/dev/seed.");
    await runDevSeeders(s, c.env);
    return c.json({ seeded: true });
  });
  app.on(["GET", "POST"], "/api/auth/*", (c) => services(c.env).auth.handler(c.req.raw));

  app.use("/api/*", authenticate);

  app.get("/api/realtime", async (c) => {
    const actor = requireActor(c, "jobs:read");
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      return problem(426, "Upgrade required", "Connect with a WebSocket.");
    }
    const ns = c.env.REALTIME;
    const name = isAdmin(actor) ? hubName.admin : hubName.user(actor.userId);
    const headers = new Headers(c.req.raw.headers);
    headers.set("x-lifetrek-user", actor.userId);
    return ns.get(ns.idFromName(name)).fetch(new Request(c.req.raw.url, { headers }));
  });

  const api = createRouter().basePath("/api");
  api.route(
    "/",
    identityRoutes((c) => services(c.env).db),
  );
  api.route(
    "/jobs",
    jobRoutes((c) => services(c.env).engine),
  );
  api.route(
    "/",
    contentRoutes((c) => services(c.env).db),
  );
  api.route(
    "/",
    leadRoutes((c) => services(c.env).leads),
  );
  api.route(
    "/",
    guardrailRoutes((c) => services(c.env)),
  );
  api.route(
    "/",
    notificationRoutes((c) => services(c.env).notifications),
  );
  api.route(
    "/",
    jobMetricsRoutes((c) => services(c.env).db),
  );
  api.route(
    "/",
    outreachRoutes((c) => services(c.env).outreach),
  );
  documentExtraRoutes(api);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Lifetrek App API", version: "1.0.0", description: "See docs/architecture.md." },
  });
  api.get("/docs", (c) => c.html(docsPage("/api/openapi.json")));
  app.route("/", api);
  return app;
}
