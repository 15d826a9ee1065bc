import { env, exports } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { jobs } from "../drizzle/schema";
import { createDb } from "../modules/core/db";
import { DEV_PASSWORD, DEV_USERS, seedDevUsers } from "../modules/identity/seed";
import type { Job } from "../modules/jobs/schema";

export const BASE = "http://127.0.0.1:8787";
export const db = () => createDb(env.DB);

export type DevUser = "admin" | "marketing" | "sales" | "sales2";

/** Calls the Worker's real fetch handler. */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

const cookies = new Map<DevUser, Promise<string>>();

/** Signs in once per user (concurrent callers share the promise) and returns the cookie. */
export function signIn(who: DevUser): Promise<string> {
  let p = cookies.get(who);
  if (!p) {
    p = doSignIn(who);
    cookies.set(who, p);
  }
  return p;
}

/** Through Better Auth's real endpoint, as the dashboard does. */
async function doSignIn(who: DevUser): Promise<string> {
  await seedDevUsers(db());
  const email = DEV_USERS.find((u) => u.email.startsWith(`${who}@`))?.email;
  const res = await api("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ email, password: DEV_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${who}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""])
    .map((c) => c.split(";")[0])
    .join("; ");
  return cookie;
}

/** JSON request as a signed-in dev user (cookie + trusted Origin, like the dashboard). */
export async function as(who: DevUser, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set("cookie", await signIn(who));
  if (!headers.has("origin")) headers.set("origin", BASE);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return api(path, { ...init, headers, body });
}

export async function userId(who: DevUser): Promise<string> {
  const res = await as(who, "/api/me");
  const body = (await res.json()) as { user: { id: string } };
  return body.user.id;
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 50 } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A job as `who` sees it through the public API once it has ended (succeeded or failed). */
export async function jobEnded(who: DevUser, id: string, timeoutMs = 60_000): Promise<Job> {
  return waitFor(
    async () => {
      const j = ((await (await as(who, `/api/jobs/${id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs },
  );
}

/** Job rows by id; D1 binds at most 100 parameters per statement, so in chunks. */
export async function jobRows(ids: string[]) {
  const out: Array<typeof jobs.$inferSelect> = [];
  for (let i = 0; i < ids.length; i += 90) {
    out.push(
      ...(await db()
        .select()
        .from(jobs)
        .where(inArray(jobs.id, ids.slice(i, i + 90)))),
    );
  }
  return out;
}
