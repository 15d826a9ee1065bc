import { contentBodyRules, contentRoutes } from "../../modules/content";
import { ConfigError } from "../../modules/core/config";
import { createRouter } from "../../modules/core/http";
import { countServing } from "../../modules/core/load";
import { guardrailRoutes } from "../../modules/guardrails";
import { userAdminRoutes } from "../../modules/identity/admin-routes";
import { identityRoutes } from "../../modules/identity/routes";
import { jobMetricsRoutes, jobRoutes } from "../../modules/jobs/routes";
import { leadBodyRules, leadRoutes } from "../../modules/leads";
import { alertRoutes, notificationRoutes } from "../../modules/notifications";
import { outreachRoutes } from "../../modules/outreach";
import { ensureDevSeed, services } from "../services";
import { assertEveryRouteDeclaresAccess } from "./access";
import { onError, problem } from "./errors";
import { authenticate, bodyChecks, emptyQueryIsUnknown, requestId, screenJson } from "./middleware";
import { documentRoutes } from "./openapi";
import { authRoutes, healthRoutes, realtimeRoutes } from "./platform-routes";
import { securityHeaders } from "./security-headers";

/**
 * The API Worker's HTTP surface. Modules provide routers; this file only wires them, in order:
 * the routes mounted before `authenticate` are answered without resolving a caller. `dev` mounts
 * the development-only routes (`/api/dev/*`); a deployed Worker is built without them. Every
 * route is a `createRoute` declaration, so the root router's registry is the whole OpenAPI
 * document.
 */
export function createApp(opts: { dev: boolean }) {
  const app = createRouter();
  app.onError(onError);
  app.notFound((c) => problem(404, "Not found", `No route for ${c.req.method} ${c.req.path}.`));

  app.use("*", countServing);
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
  // First: it rebuilds the request, which takes the body over while nothing has read it yet.
  app.use("/api/*", emptyQueryIsUnknown, bodies.limitBody, bodies.requireContentType, screenJson);

  app.route("/api", healthRoutes(opts));
  app.route("/api", authRoutes());

  app.use("/api/*", authenticate);

  app.route("/api", realtimeRoutes());
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
  api.route(
    "/",
    documentRoutes(() => app),
  );
  app.route("/", api);
  assertEveryRouteDeclaresAccess(app);
  return app;
}
