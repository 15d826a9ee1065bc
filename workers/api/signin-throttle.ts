import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../modules/core/http";
import { localeFrom } from "../../modules/core/locale";
import { limiter, THROTTLES, throttleKey, tooManyMessage } from "../../modules/identity/throttle";
import { problem } from "./errors";

async function emailOf(req: Request): Promise<string | undefined> {
  try {
    const body: unknown = await req.clone().json();
    if (body && typeof body === "object" && "email" in body && typeof body.email === "string") {
      return body.email;
    }
  } catch {
    // Not JSON: Better Auth answers 400 itself; the IP still counts the failure.
  }
  return undefined;
}

/**
 * Wraps Better Auth's `POST /api/auth/sign-in/email`: each attempt takes a slot per account and
 * per IP before it runs (so parallel guesses cannot all slip past a check), and a success gives
 * its slots back — the account's window is cleared, the IP's keeps the failures it has seen.
 */
export const throttleSignIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "POST") return next();
  const ns = c.env.RATE_LIMITER;
  const email = await emailOf(c.req.raw);
  // Cloudflare sets it on every request; locally (no proxy) all callers share one bucket.
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  const ipStub = limiter(ns, throttleKey.signInIp(ip));
  const accountStub = email ? limiter(ns, throttleKey.signInAccount(email)) : undefined;

  let refused = await ipStub.take(THROTTLES.signInIp.limit, THROTTLES.signInIp.windowMs);
  if (refused.ok && accountStub) {
    refused = await accountStub.take(THROTTLES.signInAccount.limit, THROTTLES.signInAccount.windowMs);
    if (!refused.ok) await ipStub.giveBack();
  }
  if (!refused.ok) {
    return problem(
      429,
      "Too many attempts",
      tooManyMessage(localeFrom(c.req.header("accept-language")), refused.retryAfterSeconds),
      { code: "signin_throttled", requestId: c.get("requestId") },
      { "retry-after": String(refused.retryAfterSeconds) },
    );
  }

  await next();
  if (c.res.ok) await Promise.all([ipStub.giveBack(), accountStub?.reset()]);
};
