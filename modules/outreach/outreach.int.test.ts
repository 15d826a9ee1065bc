import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leadDecisionMakers, leadEngagements, leads, linkedinAutomation } from "../../drizzle/schema";
import { api, as, db, userId, waitFor } from "../../test/helpers";
import { services } from "../../workers/services";
import { AuditLog } from "../contracts/outreach";
import { actorFor } from "../core/actor";
import { newId } from "../core/ids";
import { HOUR, MINUTE, type Rules } from "./governor";
import { OutreachService, type UnipileAdmin } from "./service";
import { type ExecResult, type Executor, type PendingAction, runTick, type TickAccount } from "./tick";

const FAKE = () => env.FAKE_UNIPILE_URL;

async function seedLead(company: string, providerId: string) {
  const id = newId();
  const now = Date.now();
  await db()
    .insert(leads)
    .values({
      id,
      dedupeKey: `${company.toLowerCase()}-${id}`,
      company,
      segment: "Implantes Odontológicos",
      certifications: [],
      breakdown: [],
      fitScore: 9.2,
      leadScore: 9.2,
      heat: "HOT",
      createdAt: now,
      updatedAt: now,
    });
  await db().insert(leadDecisionMakers).values({
    id: newId(),
    leadId: id,
    name: "Helena Prado",
    providerId,
    source: "unipile",
    fetchedAt: now,
  });
  return id;
}

async function connect(who: "sales" | "sales2" | "admin", body: Record<string, unknown> = {}) {
  const res = await as(who, "/api/outreach/accounts", { method: "POST", json: body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { account: { id: string; unipileAccountId: string } }).account;
}

async function draftApproved(accountId: string, leadId: string) {
  const res = await as("sales", "/api/outreach/actions", {
    method: "POST",
    json: { accountId, leadId, kind: "send_invite" },
  });
  expect(res.status).toBe(202);
  const { job, actionId } = (await res.json()) as { job: { id: string }; actionId: string };
  await waitFor(async () => {
    const j = (await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: { status: string } };
    return j.job.status === "succeeded";
  });
  return actionId;
}

/** A weekday at 11:00 in São Paulo, at least a day after now (so the account is past day 0). */
function nextWeekdayAt(hourUtc: number, from = Date.now() + 24 * HOUR): number {
  const d = new Date(from);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

describe("outreach API (contract § Outreach)", () => {
  it("connects a demo account, scopes rows per user and refuses out-of-bounds rules field by field", async () => {
    const acc = await connect("sales", { name: "Vendas", tier: "growth" });
    expect(acc.unipileAccountId).toMatch(/^demo-/);
    expect((await as("marketing", "/api/outreach/accounts")).status).toBe(403);
    expect((await as("sales2", `/api/outreach/accounts/${acc.id}/rules`)).status).toBe(404);
    const mine = (await (await as("sales2", "/api/outreach/accounts")).json()) as {
      items: Array<{ id: string }>;
      connect: string;
    };
    expect(mine.items.map((a) => a.id)).not.toContain(acc.id);
    // No Unipile key in development: the screen can say a demo account will be connected.
    expect(mine.connect).toBe("demo");
    const all = (await (await as("admin", "/api/outreach/accounts")).json()) as {
      items: Array<{ id: string }>;
    };
    expect(all.items.map((a) => a.id)).toContain(acc.id);

    const rules = (await (await as("sales", `/api/outreach/accounts/${acc.id}/rules`)).json()) as Record<
      string,
      unknown
    >;
    expect(rules).toMatchObject({
      activeFrom: "09:00",
      activeTo: "21:00",
      weekdays: [1, 2, 3, 4, 5],
      dailyMin: 20,
      dailyMax: 30,
      weeklyCap: 150,
      gapMinutes: 30,
      gapJitterMinutes: 15,
    });
    const bad = await as("sales", `/api/outreach/accounts/${acc.id}/rules`, {
      method: "PUT",
      json: {
        ...rules,
        dailyMax: 45,
        weeklyCap: 200,
        gapMinutes: 20,
        gapJitterMinutes: 10,
        activeTo: "23:00",
      },
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path).sort()).toEqual([
      "activeTo",
      "dailyMax",
      "gapMinutes",
      "weeklyCap",
    ]);
    const ok = await as("sales", `/api/outreach/accounts/${acc.id}/rules`, {
      method: "PUT",
      json: { ...rules, dailyMax: 25 },
    });
    expect(ok.status).toBe(200);
    const usage = (await (await as("sales", `/api/outreach/accounts/${acc.id}/usage`)).json()) as Record<
      string,
      unknown
    >;
    expect(usage).toMatchObject({ tierCap: 30, today: 0, week: 0, weeklyCap: 150, clockSpeed: 1 });
    // Without a development time-lapse the governor's "now" is the wall clock.
    expect(Math.abs(Date.parse(String(usage.now)) - Date.now())).toBeLessThan(60_000);
  });

  it("drafts, approves from a session only, sends byte for byte what was approved, and locks it", async () => {
    const acc = await connect("sales", { tier: "sales_machine" });
    await fetch(`${FAKE()}/__reset`, { method: "POST" });
    const leadId = await seedLead("Odonto Precisa", `ACoOdonto${newId()}`);
    const actionId = await draftApproved(acc.id, leadId);
    let action = (
      (await (await as("sales", `/api/outreach/actions/${actionId}`)).json()) as {
        action: { status: string; text: string; leadName: string | null };
      }
    ).action;
    expect(action.status).toBe("draft");
    expect(action.leadName).toBe("Odonto Precisa");
    const listed = (await (await as("sales", `/api/outreach/actions?leadId=${leadId}`)).json()) as {
      items: Array<{ id: string; leadName: string | null }>;
    };
    expect(listed.items.map((a) => [a.id, a.leadName])).toEqual([[actionId, "Odonto Precisa"]]);
    expect([...action.text].length).toBeLessThanOrEqual(300);
    expect((await as("sales2", `/api/outreach/actions/${actionId}`)).status).toBe(404);

    // A token (even with outreach:write) cannot approve.
    const tok = (await (
      await as("sales", "/api/tokens", {
        method: "POST",
        json: { name: "script", scopes: ["outreach:write", "outreach:read"] },
      })
    ).json()) as { token: string };
    const byToken = await api(`/api/outreach/actions/${actionId}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${tok.token}` },
    });
    expect(byToken.status).toBe(403);
    // Too long a note → 400; approve; edit → back to draft; approve again.
    expect(
      (
        await as("sales", `/api/outreach/actions/${actionId}`, {
          method: "PATCH",
          json: { text: "x".repeat(301) },
        })
      ).status,
    ).toBe(400);
    expect((await as("sales", `/api/outreach/actions/${actionId}/approve`, { method: "POST" })).status).toBe(
      200,
    );
    const edited = "Olá Helena, vi seu interesse em usinagem suíça — vamos conversar? ✓";
    const patched = await as("sales", `/api/outreach/actions/${actionId}`, {
      method: "PATCH",
      json: { text: edited },
    });
    expect(
      ((await patched.json()) as { action: { status: string; approvedAt: string | null } }).action,
    ).toMatchObject({ status: "draft", approvedAt: null });
    expect((await as("sales", `/api/outreach/actions/${actionId}/approve`, { method: "POST" })).status).toBe(
      200,
    );

    const now = nextWeekdayAt(14);
    const report = await services(env).outreach.tick(now);
    expect(report.executed).toBeGreaterThanOrEqual(1);
    action = (
      (await (await as("sales", `/api/outreach/actions/${actionId}`)).json()) as {
        action: { status: string; text: string; leadName: string | null };
      }
    ).action;
    expect(action.status).toBe("completed");
    const calls = (await (await fetch(`${FAKE()}/__calls`)).json()) as Array<{
      path: string;
      body: { message?: string; account_id?: string };
    }>;
    const sent = calls.filter(
      (c) => c.path === "/api/v1/users/invite" && c.body.account_id === acc.unipileAccountId,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.message).toBe(edited);
    // Executing or done → 409 on every change.
    for (const [path, init] of [
      [`/api/outreach/actions/${actionId}`, { method: "PATCH", json: { text: "outro" } }],
      [`/api/outreach/actions/${actionId}/approve`, { method: "POST" }],
      [`/api/outreach/actions/${actionId}/cancel`, { method: "POST" }],
      [`/api/outreach/actions/${actionId}/reject`, { method: "POST", json: { reason: "tarde" } }],
    ] as const) {
      expect((await as("sales", path, init)).status).toBe(409);
    }
    const log = AuditLog.parse(
      await (await as("sales", `/api/outreach/accounts/${acc.id}/log`)).json(),
    ).items.map((l) => l.decision);
    expect(log).toEqual(expect.arrayContaining(["approved", "edited", "go", "completed"]));
  });

  it("never sends text that differs from the approved hash, even if the row is changed behind its back", async () => {
    const acc = await connect("sales", { tier: "growth" });
    const leadId = await seedLead("Ortho Sul", `ACoOrtho${newId()}`);
    const actionId = await draftApproved(acc.id, leadId);
    expect((await as("sales", `/api/outreach/actions/${actionId}/approve`, { method: "POST" })).status).toBe(
      200,
    );
    await db()
      .update(linkedinAutomation)
      .set({ text: "texto adulterado" })
      .where(eq(linkedinAutomation.id, actionId));
    await fetch(`${FAKE()}/__reset`, { method: "POST" });
    await services(env).outreach.tick(nextWeekdayAt(15));
    const row = await db().query.linkedinAutomation.findFirst({ where: eq(linkedinAutomation.id, actionId) });
    expect(row?.status).toBe("failed");
    expect(row?.error?.message).toMatch(/approval_mismatch/);
    const calls = (await (await fetch(`${FAKE()}/__calls`)).json()) as Array<{
      body: { account_id?: string };
    }>;
    expect(calls.filter((c) => c.body?.account_id === acc.unipileAccountId)).toHaveLength(0);
  });

  it("accepts only Unipile's secret header; new_relation and message_received raise the lead's score once", async () => {
    const acc = await connect("sales", { tier: "growth" });
    const person = `ACoReply${newId()}`;
    const leadId = await seedLead("Vet Implantes", person);
    const actionId = await draftApproved(acc.id, leadId);
    expect(actionId).toBeTruthy();
    const relation = {
      event: "new_relation",
      account_id: acc.unipileAccountId,
      account_type: "LINKEDIN",
      webhook_name: "lifetrek-users",
      user_full_name: "Helena Prado",
      user_provider_id: person,
      user_public_identifier: "helena-prado",
      user_profile_url: "https://www.linkedin.com/in/helena-prado",
      user_picture_url: null,
    };
    for (const headers of [
      {},
      { "x-lifetrek-webhook-secret": "wrong" },
      { "x-unipile-signature": "00" },
    ] as Array<Record<string, string>>) {
      const res = await api("/api/webhooks/unipile", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(relation),
      });
      expect(res.status).toBe(401);
    }
    expect(await db().select().from(leadEngagements).where(eq(leadEngagements.leadId, leadId))).toHaveLength(
      0,
    );
    const secret = services(env).config.unipileWebhookSecret;
    const post = (b: unknown) =>
      api("/api/webhooks/unipile", {
        method: "POST",
        headers: { "content-type": "application/json", "x-lifetrek-webhook-secret": secret },
        body: JSON.stringify(b),
      });
    expect((await post(relation)).status).toBe(200);
    expect((await post(relation)).status).toBe(200);
    const reply = {
      event: "message_received",
      account_id: acc.unipileAccountId,
      account_type: "LINKEDIN",
      account_info: { type: "LINKEDIN", feature: "classic", user_id: "me" },
      chat_id: "chat_1",
      message_id: `msg_${newId()}`,
      message: "Obrigado, vamos conversar",
      timestamp: new Date().toISOString(),
      sender: {
        attendee_id: "a1",
        attendee_name: "Helena",
        attendee_provider_id: person,
        attendee_profile_url: null,
      },
    };
    expect((await post(reply)).status).toBe(200);
    const kinds = (await db().select().from(leadEngagements).where(eq(leadEngagements.leadId, leadId)))
      .map((e) => e.kind)
      .sort();
    expect(kinds).toEqual(["invite_accepted", "message_reply"]);
    const lead = await db().query.leads.findFirst({ where: eq(leads.id, leadId) });
    expect(lead?.engagementScore ?? 0).toBeGreaterThan(0);
    expect(lead?.leadScore ?? 0).toBeGreaterThan(9.2);
  });
});

/** Tiny deterministic PRNG for the property test. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("hosted auth: connect through Unipile's wizard", () => {
  it("asks for a link that brings the person back, and Unipile's notification activates the account", async () => {
    const links: Array<Parameters<UnipileAdmin["hostedLink"]>[0]> = [];
    const real = services(env).outreach;
    // As with a Unipile key configured: the link comes from Unipile, the account waits its notification.
    const svc = new OutreachService({
      ...real.deps,
      unipileConfigured: true,
      unipile: {
        hostedLink: async (input) => {
          links.push(input);
          return { url: `https://account.unipile.test/hosted/${input.name}` };
        },
        registerWebhook: async () => ({ webhookId: null }),
      },
    });
    expect(svc.connectMode()).toBe("unipile");
    // A deployment without a key connects nothing, and says so before anyone clicks.
    expect(new OutreachService({ ...real.deps, unipileConfigured: false, isDev: false }).connectMode()).toBe(
      "unavailable",
    );
    const out = await svc.connect(actorFor(await userId("sales"), "sales", "session"), {
      name: "Meu LinkedIn",
    });
    if (!("url" in out) || !out.url) throw new Error("expected a hosted-auth link");
    const id = out.account.id;
    expect(out.account.status).toBe("connecting");
    expect(out.url).toBe(`https://account.unipile.test/hosted/${id}`);
    const [link] = links;
    expect(link?.successRedirectUrl).toMatch(new RegExp(`/outreach\\?account=${id}$`));
    expect(link?.failureRedirectUrl).toMatch(/\/outreach\?connect=failed$/);
    const notify = new URL(link?.notifyUrl ?? "");
    expect(notify.pathname).toBe(`/api/webhooks/unipile/hosted/${id}/${await real.hostedToken(id)}`);

    // A wrong token changes nothing; Unipile's own notification turns the account active.
    const post = (path: string) =>
      api(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "CREATION_SUCCESS", account_id: `uni_${id}`, name: id }),
      });
    expect((await post(`/api/webhooks/unipile/hosted/${id}/${"0".repeat(32)}`)).status).toBe(401);
    expect((await post(notify.pathname)).status).toBe(200);
    const acc = (
      (await (await as("sales", "/api/outreach/accounts")).json()) as {
        items: Array<{ id: string; status: string; unipileAccountId: string | null }>;
      }
    ).items.find((a) => a.id === id);
    expect(acc).toMatchObject({ status: "active", unipileAccountId: `uni_${id}` });
  });
});

describe("property: draft / edit / approve / reject / cancel never send unapproved or edited text", () => {
  it("holds over random sequences", async () => {
    const svc = services(env).outreach;
    const sent: Array<{ id: string; text: string | null }> = [];
    const executor: Executor = {
      execute: async (_a: TickAccount, action: PendingAction): Promise<ExecResult> => {
        sent.push({ id: action.id, text: action.text });
        return { ok: true, providerRef: `ref-${action.id}` };
      },
    };
    // The budget always says go: this property is about approval, not pacing.
    const budget = {
      decide: async () => ({ go: true as const, at: 0, gapMinutes: 20, nextAt: 0, reason: "property test" }),
      rateLimited: async () => ({ until: 0, repeat: false }),
      withdrawn: async () => undefined,
      visits: async (_a: unknown, n: number) => n,
    };
    for (let seed = 1; seed <= 4; seed++) {
      const rnd = prng(seed);
      const acc = await connect("sales", { tier: "growth" });
      const model = new Map<string, { text: string; approved: string | null; dead: boolean }>();
      for (let i = 0; i < 3; i++) {
        const id = await draftApproved(acc.id, await seedLead(`Prop ${seed}-${i}`, `ACoProp${newId()}`));
        const row = await db().query.linkedinAutomation.findFirst({ where: eq(linkedinAutomation.id, id) });
        model.set(id, { text: row?.text ?? "", approved: null, dead: false });
      }
      const ids = [...model.keys()];
      for (let step = 0; step < 25; step++) {
        const id = ids[Math.floor(rnd() * ids.length)] ?? "";
        const m = model.get(id);
        if (!m) continue;
        const op = Math.floor(rnd() * 6);
        if (op === 0) {
          const text = `Texto ${seed}.${step} ${rnd().toString(36).slice(2, 8)}`;
          const res = await as("sales", `/api/outreach/actions/${id}`, { method: "PATCH", json: { text } });
          if (res.status === 200) {
            m.text = text;
            m.approved = null;
          }
        } else if (op === 1 || op === 2) {
          const res = await as("sales", `/api/outreach/actions/${id}/approve`, { method: "POST" });
          if (res.status === 200) m.approved = m.text;
        } else if (op === 3) {
          if (
            (
              await as("sales", `/api/outreach/actions/${id}/reject`, {
                method: "POST",
                json: { reason: "não" },
              })
            ).status === 200
          )
            m.dead = true;
        } else if (op === 4) {
          if ((await as("sales", `/api/outreach/actions/${id}/cancel`, { method: "POST" })).status === 200)
            m.dead = true;
        } else {
          const before = sent.length;
          await runTick({ store: svc.store, budget, executor }, Date.now());
          for (const s of sent.slice(before)) {
            const mm = model.get(s.id);
            if (!mm) continue;
            expect(mm.dead, `${s.id} was rejected or cancelled`).toBe(false);
            expect(mm.approved, `${s.id} sent without approval`).not.toBeNull();
            expect(s.text).toBe(mm.approved);
            mm.dead = true; // sent: locked from now on
          }
        }
      }
    }
    expect(sent.length).toBeGreaterThan(0);
  }, 120_000);
});

describe("concurrency: two governor ticks and an enrichment batch racing on one account", () => {
  it("never exceed the account's daily budget", async () => {
    const svc = services(env).outreach;
    const acc = await connect("sales", { tier: "growth" });
    const rules = (await (await as("sales", `/api/outreach/accounts/${acc.id}/rules`)).json()) as Record<
      string,
      unknown
    >;
    expect(
      (
        await as("sales", `/api/outreach/accounts/${acc.id}/rules`, {
          method: "PUT",
          json: { ...(rules as object), dailyMin: 6, dailyMax: 6, warmupDays: 0 },
        })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 8; i++) {
      const id = await draftApproved(acc.id, await seedLead(`Race ${i}`, `ACoRace${newId()}`));
      expect((await as("sales", `/api/outreach/actions/${id}/approve`, { method: "POST" })).status).toBe(200);
    }
    const executed: string[] = [];
    const executor: Executor = {
      execute: async (_a, action) => {
        executed.push(action.id);
        return { ok: true, providerRef: null };
      },
    };
    let visits = 0;
    const t0 = nextWeekdayAt(12, Date.now() + 3 * 24 * HOUR); // 09:00 in São Paulo
    for (let k = 0; k < 8; k++) {
      const now = t0 + k * 50 * MINUTE;
      const [, , v] = await Promise.all([
        runTick({ store: svc.store, budget: svc.budget, executor }, now),
        runTick({ store: svc.store, budget: svc.budget, executor }, now),
        svc.acquireProfileVisits(acc.unipileAccountId, 2, now),
      ]);
      visits += v;
    }
    expect(new Set(executed).size).toBe(executed.length);
    expect(executed.length + visits).toBe(6);
    const usage = (await (await as("sales", `/api/outreach/accounts/${acc.id}/usage`)).json()) as {
      drawnLimit: number;
    };
    expect(usage.drawnLimit).toBe(6);
    const u2 = await svc.budget
      .stub(acc.id)
      .usage(
        { accountId: acc.id, tier: "growth", timeZone: "America/Sao_Paulo", connectedAt: 0 },
        { ...(rules as unknown as Rules), dailyMin: 6, dailyMax: 6, warmupDays: 0 },
        t0 + 8 * 50 * MINUTE,
      );
    expect(u2.today).toBe(6);
  }, 120_000);
});
