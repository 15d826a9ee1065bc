import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminAlert, notificationOutbox } from "../../drizzle/schema";
import { SECRETS } from "../../modules/core/config";
import { newId } from "../../modules/core/ids";
import { UserDirectory } from "../../modules/identity/directory";
import { DEV_PASSWORD, DEV_USERS } from "../../modules/identity/seed";
import { db } from "../../test/helpers";
import worker from "../index";

/**
 * The real Worker (its fetch and queue handlers, real D1 and queues in workerd) handed a
 * production env: every development default must be refused.
 */
const ORIGIN = "https://app.lifetrek.example";
const secret = () => `${crypto.randomUUID()}${crypto.randomUUID()}`;

/** Whichever development users exist (none may, on a deployed Worker). */
const devUsersPresent = async () =>
  (await Promise.all(DEV_USERS.map((u) => new UserDirectory(db()).findByEmail(u.email)))).filter(Boolean);

function productionEnv(overrides: Record<string, string | undefined> = {}): Env {
  const e: Record<string, unknown> = {
    ...env,
    ENVIRONMENT: "production",
    PUBLIC_ORIGIN: ORIGIN,
    PUBLIC_APP_URL: ORIGIN,
    TRUSTED_ORIGINS: ORIGIN,
    BETTER_AUTH_SECRET: secret(),
    PYTHON_SERVICE_SECRET: secret(),
    UNIPILE_WEBHOOK_SECRET: secret(),
    UNIPILE_API_KEY: "unipile-key",
    UNIPILE_DSN: "api1.unipile.com:13111",
    GEMINI_API_KEY: "gemini-key",
    EMAIL_API_URL: undefined,
    ...overrides,
  };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e as unknown as Env;
}

async function call(e: Env, url: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const request = new Request(url, init) as Request<unknown, IncomingRequestCfProperties>;
  return worker.fetch(request, e, ctx);
}

describe("a deployed Worker refuses development defaults", () => {
  const prod = productionEnv();

  it("never creates the development users", async () => {
    expect((await call(prod, `${ORIGIN}/api/health`)).status).toBe(200);
    const signIn = await call(prod, `${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: "admin@lifetrek.local", password: DEV_PASSWORD }),
    });
    expect(signIn.status).toBe(401);
    expect(await devUsersPresent()).toEqual([]);
  });

  it("does not mount the dev routes at all", async () => {
    const res = await call(prod, `${ORIGIN}/api/dev/seed`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await devUsersPresent()).toEqual([]);
    expect((await call(prod, `${ORIGIN}/api/dev/requeue`, { method: "POST" })).status).toBe(404);
    // The same request in development is served: the 404 above is the production build's doing.
    const dev = await call(env, "http://127.0.0.1:8787/api/dev/seed", { method: "POST" });
    expect(dev.status).toBe(200);
  });

  it("refuses a request served on a host other than PUBLIC_ORIGIN's", async () => {
    const res = await call(prod, "https://lifetrek-api.someone.workers.dev/api/health");
    expect(res.status).toBe(421);
    expect((await res.json()) as { title: string }).toMatchObject({ title: "Misdirected request" });
    expect((await call(prod, `${ORIGIN}/api/health`)).status).toBe(200);
  });

  it.each(SECRETS.required)("refuses to serve without the %s secret", async (name) => {
    const res = await call(productionEnv({ [name]: undefined }), `${ORIGIN}/api/health`);
    expect(res.status).toBe(503);
  });

  it("refuses to run without Gemini unless offline was chosen explicitly", async () => {
    expect((await call(productionEnv({ GEMINI_API_KEY: undefined }), `${ORIGIN}/api/health`)).status).toBe(
      503,
    );
    const offline = productionEnv({ GEMINI_API_KEY: undefined, AI_PROVIDER: "offline" });
    expect((await call(offline, `${ORIGIN}/api/health`)).status).toBe(200);
  });

  it("reports an unconfigured email channel as undeliverable, with an admin alert", async () => {
    const id = newId();
    const now = Date.now();
    await db()
      .insert(notificationOutbox)
      .values({
        id,
        dedupeKey: `deployed-test:${id}`,
        userId: "u-nobody",
        jobId: "j-nothing",
        channel: "email",
        payload: { to: "someone@lifetrek.example", subject: "Done", text: "Your job finished." },
        nextAttemptAt: now,
        createdAt: now,
      });
    const batch = createMessageBatch("lifetrek-notifications", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { outboxId: id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, prod, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    const [row] = await db().select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
    expect(row?.status).toBe("undeliverable");
    expect(row?.sentAt).toBeNull();
    const alerts = await db()
      .select()
      .from(adminAlert)
      .where(eq(adminAlert.dedupeKey, "channel_not_configured:email"));
    expect(alerts).toHaveLength(1);
  });
});
