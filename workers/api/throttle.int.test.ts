import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_PASSWORD, seedDevUsers } from "../../modules/identity/seed";
import { limiter, throttleKey } from "../../modules/identity/throttle";
import { api, as, BASE, db } from "../../test/helpers";

/** Sign-in through the real Better Auth endpoint, from `ip`, as the dashboard posts it. */
const signIn = (email: string, password: string, ip: string, lang = "pt-BR") =>
  api("/api/auth/sign-in/email", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BASE,
      "cf-connecting-ip": ip,
      "accept-language": lang,
    },
    body: JSON.stringify({ email, password }),
  });

/** Moves a key's window into the past, as if its 15 minutes had gone by. */
async function expire(key: string) {
  await runInDurableObject(limiter(env.RATE_LIMITER, key), async (_o, state) => {
    const w = await state.storage.get<{ count: number; resetAt: number }>("w");
    if (w) await state.storage.put("w", { ...w, resetAt: Date.now() - 1 });
  });
}

async function expect429(res: Response, lang: "pt-BR" | "en" = "pt-BR") {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  const p = (await res.json()) as { status: number; detail: string };
  expect(p.status).toBe(429);
  expect(p.detail).toContain(lang === "en" ? "Too many attempts" : "Muitas tentativas");
  return retryAfter;
}

beforeAll(() => seedDevUsers(db()));

describe("sign-in throttling (RateLimiter Durable Object)", () => {
  it("10 wrong passwords lock the account for 15 min; other accounts and IPs are unaffected; the window ends", async () => {
    const email = "sales2@lifetrek.local";
    for (let i = 0; i < 10; i++)
      expect((await signIn(email, "wrong-password-123", "198.51.100.1")).status).toBe(401);

    // The right password is refused now, from the same IP and from another one (per account).
    const retryAfter = await expect429(await signIn(email, DEV_PASSWORD, "198.51.100.1"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expect429(await signIn(email.toUpperCase(), DEV_PASSWORD, "198.51.100.2", "en"), "en");

    // Another account from another IP signs in.
    expect((await signIn("sales@lifetrek.local", DEV_PASSWORD, "198.51.100.3")).status).toBe(200);

    // After the window the right password works again, and a success clears the account.
    await expire(throttleKey.signInAccount(email));
    expect((await signIn(email, DEV_PASSWORD, "198.51.100.1")).status).toBe(200);
    for (let i = 0; i < 9; i++)
      expect((await signIn(email, "wrong-password-123", "198.51.100.4")).status).toBe(401);
    expect((await signIn(email, DEV_PASSWORD, "198.51.100.4")).status).toBe(200);
  });

  it("20 parallel guesses on one account: exactly 10 reach the password check", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn("ghost@lifetrek.local", `guess-${i}-long-enough`, `192.0.2.${i}`),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
  });

  it("50 failures from one IP block that IP for every account; successes do not count", async () => {
    const ip = "203.0.113.50";
    // Successes from the IP give their slot back: they do not bring the IP closer to its limit.
    for (let i = 0; i < 3; i++)
      expect((await signIn("sales@lifetrek.local", DEV_PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      expect((await signIn(`nobody-${i}@lifetrek.local`, "wrong-password-123", ip)).status).toBe(401);
    }
    await expect429(await signIn("marketing@lifetrek.local", DEV_PASSWORD, ip));
    // The account itself is fine from elsewhere.
    expect((await signIn("marketing@lifetrek.local", DEV_PASSWORD, "203.0.113.51")).status).toBe(200);
  });
});

describe("token creation throttling", () => {
  it("20 tokens per user per hour, then 429 + Retry-After; refused requests do not count; others unaffected", async () => {
    const mint = (who: "sales" | "marketing", scopes: string[]) =>
      as(who, "/api/tokens", { method: "POST", json: { name: "t", scopes } });
    // Escalation attempts (403) take no slot.
    for (let i = 0; i < 3; i++) expect((await mint("marketing", ["leads:write"])).status).toBe(403);
    for (let i = 0; i < 20; i++) expect((await mint("marketing", ["jobs:read"])).status).toBe(201);
    const res = await mint("marketing", ["jobs:read"]);
    const retryAfter = await expect429(res);
    expect(retryAfter).toBeGreaterThan(59 * 60);
    expect((await mint("sales", ["jobs:read"])).status).toBe(201);
  });
});
