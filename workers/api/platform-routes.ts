import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Credentials, DevRequeued, DevSeeded, Health, RealtimeQuery } from "../../modules/contracts/platform";
import { isAdmin } from "../../modules/core/actor";
import {
  type AppEnv,
  access,
  createRouter,
  json,
  limitResponses,
  problemResponse,
  problemResponses,
  rawBody,
  requireActor,
} from "../../modules/core/http";
import { processStartedAt } from "../process-clock";
import { hubName } from "../realtime/hub";
import { runDevSeeders, services } from "../services";
import { problem } from "./errors";
import { throttleSignIn } from "./signin-throttle";

/** Liveness, and in development the seed: answered before anyone is authenticated. */
export function healthRoutes(opts: { dev: boolean }) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      middleware: [access("public")],
      summary: "Liveness",
      responses: { 200: json(Health, "Serving"), ...problemResponses },
    }),
    (c) => c.json({ status: "ok" as const, environment: services(c.env).config.environment }, 200),
  );
  if (opts.dev) {
    app.openapi(
      createRoute({
        method: "post",
        path: "/dev/seed",
        middleware: [access("public")],
        // Development only (a deployed Worker is built without it), so not part of the public
        // document; and a fuzzer walking the document must not re-seed the stack it is testing.
        hide: true,
        summary: "Seed the development data again (development only)",
        responses: {
          200: json(DevSeeded, "Seeded"),
          404: { description: "Not a development Worker (problem+json)" },
        },
      }),
      async (c) => {
        const s = services(c.env);
        // Belt and braces: a dev-built app handed a deployed env still refuses.
        if (!s.config.isDev) return problem(404, "Not found", "No route for POST /api/dev/seed.");
        await runDevSeeders(s, c.env);
        return c.json({ seeded: true as const }, 200);
      },
    );
    app.openapi(
      createRoute({
        method: "post",
        path: "/dev/requeue",
        middleware: [access("public")],
        hide: true,
        summary: "Take over what a killed local run left behind (development only)",
        description:
          "The local queue lives in memory, so a restart loses its messages (production's is durable), and the dead process's runs can never renew their leases. The local stack calls this once at start-up: it re-sends every queued job and recovers the dead process's runs.",
        responses: {
          200: json(DevRequeued, "Re-sent"),
          404: { description: "Not a development Worker (problem+json)" },
        },
      }),
      async (c) => {
        const s = services(c.env);
        if (!s.config.isDev) return problem(404, "Not found", "No route for POST /api/dev/requeue.");
        return c.json(await s.engine.afterLocalRestart(processStartedAt()), 200);
      },
    );
  }
  return app;
}

/**
 * Better Auth's endpoints. Sign-in and sign-out are the contract's and declared here; Better Auth
 * reads their raw bodies itself, so they are documented, never validated on the way in.
 */
export function authRoutes() {
  const app = createRouter();
  const betterAuth = (c: Context<AppEnv>) => services(c.env).auth.handler(c.req.raw);
  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/sign-in/email",
      middleware: [access("public"), throttleSignIn],
      summary: "Sign in with email and password (sets the session cookie)",
      request: rawBody({ "application/json": Credentials }),
      responses: {
        200: { description: "Signed in; the session cookie is set" },
        ...problemResponses,
        ...limitResponses,
      },
    }),
    betterAuth,
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/sign-out",
      middleware: [access("public")],
      summary: "Sign out (send content-type: application/json)",
      responses: { 200: { description: "Signed out; the session cookie is cleared" }, ...problemResponses },
    }),
    betterAuth,
  );
  // The rest of Better Auth's surface (its session endpoint and the like) is its own, mounted whole.
  app.on(["GET", "POST"], "/auth/*", access("public"), betterAuth);
  return app;
}

/** `GET /api/realtime`: the caller's WebSocket onto their `RealtimeHub` (admins: the admin hub). */
export function realtimeRoutes() {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/realtime",
      middleware: [access("jobs:read")],
      summary: "WebSocket: hello, then a `job` message on every change you may see",
      request: { query: RealtimeQuery },
      responses: {
        101: { description: "Switching to the WebSocket" },
        426: problemResponse("Not a WebSocket upgrade"),
        ...problemResponses,
      },
    }),
    async (c) => {
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
    },
  );
  return app;
}

/** The dashboard's and this Worker's own origins (`TRUSTED_ORIGINS`, `PUBLIC_ORIGIN`). */
function trustedOrigin(env: Env, origin: string): boolean {
  const { publicOrigin, trustedOrigins } = services(env).config;
  return origin === new URL(publicOrigin).origin || trustedOrigins.includes(origin);
}
