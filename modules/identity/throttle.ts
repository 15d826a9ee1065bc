import { DurableObject } from "cloudflare:workers";
import { LimitReached } from "../core/errors";
import type { Locale } from "../core/locale";

/** A fixed window: the first counted attempt opens it, `count` attempts are held until `resetAt`. */
interface Window {
  count: number;
  resetAt: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const MINUTE = 60_000;

/**
 * The limits, in one place (docs/security.md quotes them). Sign-in counts failures only (a
 * success gives its slot back); token creation counts every token minted.
 */
export const THROTTLES = {
  signInAccount: { limit: 10, windowMs: 15 * MINUTE },
  signInIp: { limit: 50, windowMs: 15 * MINUTE },
  tokenCreate: { limit: 20, windowMs: 60 * MINUTE },
} as const;

export const throttleKey = {
  signInAccount: (email: string) => `signin:email:${email.trim().toLowerCase()}`,
  signInIp: (ip: string) => `signin:ip:${ip}`,
  tokenCreate: (userId: string) => `tokens:user:${userId}`,
};

/**
 * One counter per key (`idFromName(key)`). Better Auth's own limiter lives in isolate memory, so
 * an attacker spread over isolates would never meet it; a Durable Object is one place worldwide,
 * and it runs one call at a time, so take-then-count is atomic under concurrent attempts.
 */
export class RateLimiter extends DurableObject<Env> {
  private async window(windowMs: number, now: number): Promise<Window> {
    const w = await this.ctx.storage.get<Window>("w");
    return w && now < w.resetAt ? w : { count: 0, resetAt: now + windowMs };
  }

  /** Counts one attempt unless `limit` are already counted in the current window. */
  async take(limit: number, windowMs: number): Promise<TakeResult> {
    const now = Date.now();
    const w = await this.window(windowMs, now);
    if (w.count >= limit)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
    await this.ctx.storage.put<Window>("w", { count: w.count + 1, resetAt: w.resetAt });
    return { ok: true };
  }

  /** Un-counts one attempt (it succeeded, or a later check refused it). */
  async giveBack(): Promise<void> {
    const w = await this.ctx.storage.get<Window>("w");
    if (w && w.count > 0) await this.ctx.storage.put<Window>("w", { ...w, count: w.count - 1 });
  }

  async reset(): Promise<void> {
    await this.ctx.storage.delete("w");
  }
}

export const limiter = (ns: DurableObjectNamespace<RateLimiter>, key: string) => ns.get(ns.idFromName(key));

const tooMany = {
  "pt-BR": (s: number) => `Muitas tentativas. Tente de novo em ${Math.ceil(s / 60)} min.`,
  en: (s: number) => `Too many attempts. Try again in ${Math.ceil(s / 60)} min.`,
};

/** The 429 text in the caller's language, with the wait rounded up to minutes. */
export const tooManyMessage = (locale: Locale, retryAfterSeconds: number) =>
  tooMany[locale](retryAfterSeconds);

/**
 * Takes a slot for `key` or throws a 429 (`Retry-After` set by the API's onError); `undo` gives
 * it back when the guarded action did not happen after all.
 */
export async function takeOrThrow(
  ns: DurableObjectNamespace<RateLimiter>,
  key: string,
  rule: { limit: number; windowMs: number },
  locale: Locale,
): Promise<{ undo: () => Promise<void> }> {
  const stub = limiter(ns, key);
  const r = await stub.take(rule.limit, rule.windowMs);
  if (!r.ok)
    throw new LimitReached(tooManyMessage(locale, r.retryAfterSeconds), r.retryAfterSeconds, "throttled");
  return { undo: () => stub.giveBack() };
}
