import { Hono } from "hono";
import { contentBodyRules, contentRoutes } from "../../modules/content";
import { isAdmin } from "../../modules/core/actor";
import { ConfigError } from "../../modules/core/config";
import { type AppEnv, access, createRouter, requireActor } from "../../modules/core/http";
import { guardrailRoutes } from "../../modules/guardrails";
import { userAdminRoutes } from "../../modules/identity/admin-routes";
import { identityRoutes } from "../../modules/identity/routes";
import { jobMetricsRoutes, jobRoutes } from "../../modules/jobs/routes";
import { leadBodyRules, leadRoutes } from "../../modules/leads";
import { alertRoutes, notificationRoutes } from "../../modules/notifications";
import { outreachRoutes } from "../../modules/outreach";
import { hubName } from "../realtime/hub";
import { ensureDevSeed, runDevSeeders, services } from "../services";
import { assertEveryRouteDeclaresAccess } from "./access";
import { docsPage } from "./docs";
import { onError, problem } from "./errors";
import { authenticate, bodyChecks, limitJsonDepth, requestId } from "./middleware";
import { documentExtraRoutes, documentLimitStatuses } from "./openapi-extra";
import { securityHeaders } from "./security-headers";
import { throttleSignIn } from "./signin-throttle";

/**
 * The API Worker's HTTP surface. Modules provide routers; this file only wires them. `dev` mounts
 * the development-only routes (`/api/dev/*`); a deployed Worker is built without them.
 */
export function createApp(opts: { dev: boolean }) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => problem(404, "Not found", `No route for ${c.req.method} ${c.req.path}.`));

  app.use("*", securityHeaders);
  app.use("*", requestId);
  app.use("*", async (c, next) => {
    try {
      const s = services(c.env);
      await ensureDevSeed(s);
      // Deployed, the configured origin must be the host this request was actually served on:
      // a copied or forgotten PUBLIC_ORIGIN would otherwise pass every origin check.
      const served = new URL(c.req.url).host;
      if (!s.config.isDev && served !== new URL(s.config.publicOrigin).host) {
        console.error(JSON.stringify({ level: "fatal", msg: "host mismatch", served }));
        return problem(
          421,
          "Misdirected request",
          "This host is not the origin the service is configured for.",
        );
      }
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(JSON.stringify({ level: "fatal", msg: err.message }));
        return problem(503, "Service misconfigured", "The service is not configured for this environment.");
      }
      throw err;
    }
    return next();
  });
  // Routes that take more than a small JSON body say so in their own modules.
  const bodies = bodyChecks([...leadBodyRules, ...contentBodyRules]);
  app.use("/api/*", bodies.limitBody, bodies.requireContentType, limitJsonDepth);

  app.get("/api/health", access("public"), (c) =>
    c.json({ status: "ok", environment: services(c.env).config.environment }),
  );
  if (opts.dev) {
    app.post("/api/dev/seed", access("public"), async (c) => {
      const s = services(c.env);
      // Belt and braces: a dev-built app handed a deployed env still refuses.
      if (!s.config.isDev) return problem(404, "Not found", "No route for POST /api/dev/seed.");
      await runDevSeeders(s, c.env);
      return c.json({ seeded: true });
    });
  }
  app.use("/api/auth/sign-in/email", throttleSignIn);
  app.on(["GET", "POST"], "/api/auth/*", access("public"), (c) => services(c.env).auth.handler(c.req.raw));

  app.use("/api/*", authenticate);

  app.get("/api/realtime", access("jobs:read"), async (c) => {
    const actor = requireActor(c);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      return problem(426, "Upgrade required", "Connect with a WebSocket.");
    }
    // A browser sends its cookie on a WebSocket handshake from any page (no CORS applies), so a
    // cookie upgrade must come from one of our pages. Token clients send no cookie.
    const origin = c.req.header("origin");
    if (actor.via === "session" && origin !== undefined && !trustedOrigin(c.env, origin)) {
      return problem(403, "Forbidden", "This page's origin may not open the realtime feed.");
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
    contentRoutes(
      (c) => services(c.env).db,
      (c) => services(c.env).engine,
    ),
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
    userAdminRoutes((c) => services(c.env).users),
  );
  api.route(
    "/",
    alertRoutes((c) => services(c.env).alerts),
  );
  api.route(
    "/",
    outreachRoutes((c) => services(c.env).outreach),
  );
  documentExtraRoutes(api);
  api.get("/openapi.json", access("public"), (c) =>
    c.json(
      documentLimitStatuses(
        api.getOpenAPI31Document({
          openapi: "3.1.0",
          info: { title: "Lifetrek App API", version: "1.0.0", description: "See docs/architecture.md." },
        }),
      ),
    ),
  );
  api.get("/docs", access("public"), (c) =>
    c.html(docsPage("/api/openapi.json", c.get("secureHeadersNonce") ?? "")),
  );
  app.route("/", api);
  assertEveryRouteDeclaresAccess(app);
  return app;
}

/** The dashboard's and this Worker's own origins (`TRUSTED_ORIGINS`, `PUBLIC_ORIGIN`). */
function trustedOrigin(env: Env, origin: string): boolean {
  const { publicOrigin, trustedOrigins } = services(env).config;
  return origin === new URL(publicOrigin).origin || trustedOrigins.includes(origin);
}
