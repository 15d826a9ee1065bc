import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { actorFor } from "../../modules/core/actor";
import type { BodyRule } from "../../modules/core/bodies";
import { controlCharPaths } from "../../modules/core/control-chars";
import { AppError, BadRequest, Forbidden } from "../../modules/core/errors";
import type { AppEnv } from "../../modules/core/http";
import { newId } from "../../modules/core/ids";
import { jsonDepth, MAX_JSON_DEPTH } from "../../modules/core/json-depth";
import { UserDirectory } from "../../modules/identity/directory";
import { TokenService } from "../../modules/identity/tokens";
import { services } from "../services";

const MAX_BODY_BYTES = 256 * 1024;

/** Request id on every response and one structured log line per API request. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.header("x-request-id")?.slice(0, 64) || newId();
  c.set("requestId", id);
  const started = Date.now();
  await next();
  c.header("x-request-id", id);
  if (c.req.path.startsWith("/api/") && (c.env.ENVIRONMENT as string) !== "test") {
    console.log(
      JSON.stringify({
        level: "info",
        requestId: id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Date.now() - started,
        userId: c.get("actor")?.userId ?? null,
      }),
    );
  }
};

const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError(
      413,
      "Payload too large",
      `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`,
    );
  },
});
/**
 * The body middleware for the routes' own declarations (BodyRule, in their modules): a declared
 * route gets its size limit and media types; every other body is JSON of at most 256 KB.
 */
export function bodyChecks(rules: readonly BodyRule[]): {
  limitBody: MiddlewareHandler<AppEnv>;
  requireContentType: MiddlewareHandler<AppEnv>;
} {
  const limits = rules.map((r) => ({
    rule: r,
    limit: bodyLimit({
      maxSize: r.maxBytes,
      onError: () => {
        throw new AppError(413, "Payload too large", r.tooLarge);
      },
    }),
  }));
  const ruleFor = (path: string) => limits.find((l) => l.rule.path.test(path));
  return {
    limitBody: (c, next) => (ruleFor(c.req.path)?.limit ?? jsonLimit)(c, next),
    // 415 for a body of a type the endpoint does not take (Better Auth checks its own).
    requireContentType: async (c, next) => {
      const method = c.req.method;
      const hasBody =
        (method === "POST" || method === "PUT" || method === "PATCH") &&
        (Number(c.req.header("content-length") ?? "0") > 0 ||
          c.req.header("transfer-encoding") !== undefined);
      if (hasBody && !c.req.path.startsWith("/api/auth/")) {
        const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        const allowed = ruleFor(c.req.path)?.rule.types ?? ["application/json"];
        if (!allowed.includes(type)) {
          throw new AppError(415, "Unsupported media type", `Send the body as ${allowed.join(" or ")}.`);
        }
      }
      await next();
    },
  };
}

/**
 * Resolves who is calling: a bearer API token, else a Better Auth session cookie. Cookie-carrying
 * writes from an untrusted Origin are refused (CSRF), token calls carry no ambient authority.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const s = services(c.env);
  c.set("actor", null);
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const queryToken = c.req.path === "/api/realtime" ? c.req.query("token") : undefined;
  const secret = bearer ?? queryToken;
  if (secret) {
    const tokens = new TokenService(s.db);
    const actor = await tokens.authenticate(secret.trim());
    c.set("actor", actor);
    if (actor) c.executionCtx.waitUntil(tokens.touch(secret.trim()).catch(() => undefined));
    return next();
  }
  if (c.req.header("cookie")) {
    const session = await s.auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
    // The session may come from the 30 s cookie cache: read role and active flag from D1 so a
    // deactivation or role change takes effect on the very next request.
    const live = session ? await new UserDirectory(s.db).find(session.user.id) : null;
    if (session && live?.active) {
      const origin = c.req.header("origin");
      if (c.req.method !== "GET" && origin && !s.config.trustedOrigins.includes(origin)) {
        throw new Forbidden("Cross-origin request refused.");
      }
      c.set("actor", actorFor(session.user.id, live.role, "session"));
    }
  }
  return next();
};

/**
 * 400 before any handler for a JSON body nested deeper than MAX_JSON_DEPTH, or holding a control
 * character in a string (Better Auth reads its own raw body, so its paths are left to it; they are
 * size-bounded like every other).
 */
export const screenJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json" && c.req.method !== "GET" && !c.req.path.startsWith("/api/auth/")) {
    // Hono caches the text, so handlers and validators read the same body afterwards.
    const text = await c.req.text();
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      throw new BadRequest(`JSON bodies may nest at most ${MAX_JSON_DEPTH} levels.`, [
        { path: "", message: `Nested deeper than ${MAX_JSON_DEPTH} levels` },
      ]);
    }
    const control = controlCharPaths(text);
    if (control.length) {
      throw new BadRequest(
        "Text may not contain control characters (tabs and line breaks are fine).",
        control.map((path) => ({ path, message: "Contains a control character" })),
      );
    }
  }
  await next();
};

/**
 * An empty query value is "unknown", as `null` is in a body and an empty cell in an import:
 * `?status=&limit=` (an HTML form's "any", a client that sends every filter) lists as if the
 * parameters were left out, instead of a 400 for an enum or number that cannot be "". The
 * validators read `c.req.raw`, so it is replaced by the same request without those parameters.
 * Better Auth's own paths keep their query untouched.
 */
export const emptyQueryIsUnknown: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const q = url.indexOf("?");
  if (q >= 0 && !c.req.path.startsWith("/api/auth/")) {
    const params = new URLSearchParams(url.slice(q + 1));
    const kept = [...params].filter(([, value]) => value !== "");
    if (kept.length < params.size) {
      const search = new URLSearchParams(kept).toString();
      c.req.raw = new Request(url.slice(0, q) + (search ? `?${search}` : ""), c.req.raw);
    }
  }
  await next();
};
