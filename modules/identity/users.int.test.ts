import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, user, userInvite } from "../../drizzle/schema";
import { api, as, BASE, db } from "../../test/helpers";
import {
  AdminUserEnvelope,
  AdminUserList,
  CreatedInvite,
  InviteList,
  InvitePreview,
} from "../contracts/identity";

/** Real accounts through the real HTTP surface: invitations, roles, deactivation, password reset. */
type Received = Array<{ path: string; body: { to: string[]; subject: string; text: string } | null }>;
const mailTo = async (to: string) => {
  const all = (await (await fetch(`${env.FAKE_HOOKS_URL}/__requests`)).json()) as Received;
  return all.filter((r) => r.path === "/email" && r.body?.to.includes(to)).map((r) => r.body);
};
const tokenIn = (text: string | undefined) => text?.match(/token=([^\s&]+)/)?.[1] ?? "";

async function cookieFor(email: string, password: string): Promise<{ status: number; cookie: string }> {
  const res = await api("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: res.status, cookie };
}
const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
  api(path, {
    ...init,
    headers: { cookie, origin: BASE, "content-type": "application/json", ...init.headers },
  });

async function inviteAndAccept(email: string, role: "marketing" | "sales" | "admin", password: string) {
  const res = await as("admin", "/api/admin/invites", { method: "POST", json: { email, role } });
  expect(res.status).toBe(201);
  // Answers parsed with the contract: each is what the OpenAPI document says it is.
  const body = CreatedInvite.parse(await res.json());
  const token = tokenIn(body.link ?? "");
  const open = InviteList.parse(await (await as("admin", "/api/admin/invites")).json());
  expect(open.items.map((i) => i.id)).toContain(body.invite.id);
  const preview = InvitePreview.parse(await (await api(`/api/invites/preview?token=${token}`)).json());
  expect(preview).toEqual({ email, role, expiresAt: body.invite.expiresAt });
  const accepted = await api("/api/invites/accept", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, name: `New ${role}`, password }),
  });
  expect(accepted.status).toBe(201);
  const { user: u } = AdminUserEnvelope.parse(await accepted.json());
  const all = AdminUserList.parse(await (await as("admin", "/api/admin/users")).json());
  expect(all.items.find((x) => x.id === u.id)).toEqual(u);
  return { ...body, token, userId: u.id };
}

describe("user management", () => {
  it("invites by email: a one-time link that signs in with the given role", async () => {
    const email = `inv-${crypto.randomUUID().slice(0, 8)}@lifetrek.example`;
    const { delivery, link, token, invite } = await inviteAndAccept(email, "sales", "a-long-password-1");
    expect(delivery).toBe("sent");
    expect(link).toContain("/invite?token=");
    expect(new Date(invite.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const [mail] = await mailTo(email);
    expect(tokenIn(mail?.text)).toBe(token);
    const again = await api("/api/invites/accept", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, name: "Twice", password: "a-long-password-2" }),
    });
    expect(again.status).toBe(410);
    const { status, cookie } = await cookieFor(email, "a-long-password-1");
    expect(status).toBe(200);
    const me = (await (await withCookie(cookie, "/api/me")).json()) as { user: { role: string } };
    expect(me.user.role).toBe("sales");
  });

  it("refuses an expired link, non-admins and tokens", async () => {
    const email = `exp-${crypto.randomUUID().slice(0, 8)}@lifetrek.example`;
    const res = await as("admin", "/api/admin/invites", {
      method: "POST",
      json: { email, role: "marketing" },
    });
    const { link } = (await res.json()) as { link: string };
    await db()
      .update(userInvite)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userInvite.email, email));
    expect((await api(`/api/invites/preview?token=${tokenIn(link)}`)).status).toBe(410);
    const asMarketing = await as("marketing", "/api/admin/invites", {
      method: "POST",
      json: { email, role: "admin" },
    });
    expect(asMarketing.status).toBe(403);
    const created = await as("admin", "/api/tokens", {
      method: "POST",
      json: { name: "t", scopes: ["jobs:read"] },
    });
    const { token } = (await created.json()) as { token: string };
    const viaToken = await api("/api/admin/users", { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.status).toBe(403);
    const bad = await as("admin", "/api/admin/invites", {
      method: "POST",
      json: { email: "nope", role: "boss" },
    });
    expect(bad.status).toBe(400);
  });

  it("a role change applies to a live session at once", async () => {
    const email = `role-${crypto.randomUUID().slice(0, 8)}@lifetrek.example`;
    const { userId } = await inviteAndAccept(email, "marketing", "a-long-password-1");
    const { cookie } = await cookieFor(email, "a-long-password-1");
    const patched = await as("admin", `/api/admin/users/${userId}`, {
      method: "PATCH",
      json: { role: "sales" },
    });
    expect(patched.status).toBe(200);
    const me = (await (await withCookie(cookie, "/api/me")).json()) as { user: { role: string } };
    expect(me.user.role).toBe("sales");
  });

  it("deactivation cuts off a live session and a token at once; the user's jobs stay", async () => {
    const email = `off-${crypto.randomUUID().slice(0, 8)}@lifetrek.example`;
    const { userId } = await inviteAndAccept(email, "marketing", "a-long-password-1");
    const { cookie } = await cookieFor(email, "a-long-password-1");
    const t = await withCookie(cookie, "/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "etl", scopes: ["jobs:read", "jobs:write"] }),
    });
    const { token } = (await t.json()) as { token: string };
    const job = await withCookie(cookie, "/api/jobs", {
      method: "POST",
      body: JSON.stringify({ type: "system.ping", input: {} }),
    });
    expect(job.status).toBe(202);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // A change of nothing (empty, only nulls, an unknown key) is refused and leaves the user active.
    for (const json of [{}, { role: null, active: null }, { enabled: false }]) {
      const none = await as("admin", `/api/admin/users/${userId}`, { method: "PATCH", json });
      expect(none.status, JSON.stringify(json)).toBe(400);
    }
    expect((await withCookie(cookie, "/api/me")).status).toBe(200);
    const off = await as("admin", `/api/admin/users/${userId}`, { method: "PATCH", json: { active: false } });
    expect(off.status).toBe(200);
    expect(AdminUserEnvelope.parse(await off.json()).user.active).toBe(false);
    expect((await withCookie(cookie, "/api/me")).status).toBe(401);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await cookieFor(email, "a-long-password-1")).status).toBe(403);
    expect(await db().select().from(jobs).where(eq(jobs.userId, userId))).toHaveLength(1);
    expect(await db().select().from(user).where(eq(user.id, userId))).toHaveLength(1);

    const selfOff = await as("admin", "/api/me");
    const adminId = ((await selfOff.json()) as { user: { id: string } }).user.id;
    const refused = await as("admin", `/api/admin/users/${adminId}`, {
      method: "PATCH",
      json: { active: false },
    });
    expect(refused.status).toBe(400);
  });

  it("resets a password by emailed link, once", async () => {
    const email = `reset-${crypto.randomUUID().slice(0, 8)}@lifetrek.example`;
    await inviteAndAccept(email, "marketing", "a-long-password-1");
    const asked = await api("/api/auth/request-password-reset", {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email }),
    });
    expect(asked.status).toBe(200);
    const mails = await mailTo(email);
    const resetMail = mails.find((m) => m?.text.includes("/reset-password?token="));
    const token = tokenIn(resetMail?.text);
    expect(token).not.toBe("");
    const reset = (body: unknown) =>
      api("/api/auth/reset-password", {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify(body),
      });
    expect((await reset({ token, newPassword: "a-brand-new-password" })).status).toBe(200);
    expect((await reset({ token, newPassword: "another-new-password" })).status).toBe(400);
    expect((await cookieFor(email, "a-long-password-1")).status).toBe(401);
    expect((await cookieFor(email, "a-brand-new-password")).status).toBe(200);
  });
});
