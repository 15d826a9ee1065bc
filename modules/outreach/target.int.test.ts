import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leadDecisionMakers, leadEngagements, leads, linkedinAutomation } from "../../drizzle/schema";
import { api, as, db, userId, waitFor } from "../../test/helpers";
import { services } from "../../workers/services";
import { actorFor } from "../core/actor";
import { newId } from "../core/ids";
import { HOUR } from "./governor";
import { runTick } from "./tick";

const FAKE = () => env.FAKE_UNIPILE_URL;

/** A HOT lead whose LinkedIn link is its company page, with an optional decision maker. */
async function seedLead(company: string, maker?: { profileUrl: string | null; providerId: string | null }) {
  const id = newId();
  const now = Date.now();
  await db()
    .insert(leads)
    .values({
      id,
      dedupeKey: `${company.toLowerCase()}-${id}`,
      company,
      linkedinUrl: `https://www.linkedin.com/company/${id.toLowerCase()}`,
      certifications: [],
      breakdown: [],
      fitScore: 9.2,
      leadScore: 9.2,
      heat: "HOT",
      createdAt: now,
      updatedAt: now,
    });
  if (maker) {
    await db()
      .insert(leadDecisionMakers)
      .values({ id: newId(), leadId: id, name: "Helena Prado", ...maker, source: "unipile", fetchedAt: now });
  }
  return id;
}

async function connect() {
  const res = await as("sales", "/api/outreach/accounts", {
    method: "POST",
    json: { tier: "sales_machine" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { account: { id: string; unipileAccountId: string } }).account;
}

const draft = (accountId: string, leadId: string) =>
  as("sales", "/api/outreach/actions", { method: "POST", json: { accountId, leadId, kind: "send_invite" } });

async function draftApproved(accountId: string, leadId: string): Promise<string> {
  const res = await draft(accountId, leadId);
  expect(res.status).toBe(202);
  const { job, actionId } = (await res.json()) as { job: { id: string }; actionId: string };
  await waitFor(async () => {
    const j = (await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: { status: string } };
    return j.job.status === "succeeded";
  });
  expect((await as("sales", `/api/outreach/actions/${actionId}/approve`, { method: "POST" })).status).toBe(
    200,
  );
  return actionId;
}

function weekdayAt(hourUtc: number): number {
  const d = new Date(Date.now() + 24 * HOUR);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

describe("who an invitation goes to (#9)", () => {
  it("a lead with only a company page cannot be drafted: a precise 400, and nothing is created", async () => {
    const acc = await connect();
    const leadId = await seedLead("Só Empresa Ltda");
    const res = await draft(acc.id, leadId);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { detail: string; errors: Array<{ path: string }> };
    expect(problem.detail).toMatch(/company page/);
    expect(problem.errors.map((e) => e.path)).toEqual(["leadId"]);
    expect(
      await db().select().from(linkedinAutomation).where(eq(linkedinAutomation.leadId, leadId)),
    ).toHaveLength(0);
  });

  it("a member profile URL costs one budgeted profile visit, then the member's provider id is invited; the acceptance finds the lead", async () => {
    const acc = await connect();
    const slug = `helena-prado-${newId().toLowerCase()}`;
    const leadId = await seedLead("Perfil Implantes", {
      profileUrl: `http://br.linkedin.com/in/${slug.toUpperCase()}/?trk=x`,
      providerId: null,
    });
    const actionId = await draftApproved(acc.id, leadId);
    const row = await db().query.linkedinAutomation.findFirst({ where: eq(linkedinAutomation.id, actionId) });
    expect(row?.target).toBe(`https://www.linkedin.com/in/${slug}`);

    await fetch(`${FAKE()}/__reset`, { method: "POST" });
    const now = weekdayAt(14);
    await services(env).outreach.tick(now);
    const done = await db().query.linkedinAutomation.findFirst({
      where: eq(linkedinAutomation.id, actionId),
    });
    expect(done?.status).toBe("completed");
    const calls = (await (await fetch(`${FAKE()}/__calls`)).json()) as Array<{
      method: string;
      path: string;
      body: { provider_id?: string; account_id?: string } | null;
    }>;
    const mine = calls.filter(
      (c) => c.path === `/api/v1/users/${slug}` || c.body?.account_id === acc.unipileAccountId,
    );
    expect(mine.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /api/v1/users/${slug}`,
      "POST /api/v1/users/invite",
    ]);
    const providerId = mine[1]?.body?.provider_id ?? "";
    expect(providerId).toMatch(/^ACoAA/);
    // The visit and the invitation both count: LinkedIn sees two actions.
    const usage = await services(env).outreach.usage(
      actorFor(await userId("sales"), "sales", "session"),
      acc.id,
      now,
    );
    expect(usage.today).toBe(2);

    // Unipile's webhook names the member by provider id and by profile URL in its own form.
    const res = await api("/api/webhooks/unipile", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-lifetrek-webhook-secret": services(env).config.unipileWebhookSecret,
      },
      body: JSON.stringify({
        event: "new_relation",
        account_id: acc.unipileAccountId,
        account_type: "LINKEDIN",
        webhook_name: "lifetrek-users",
        user_full_name: "Helena Prado",
        user_provider_id: providerId,
        user_public_identifier: slug,
        user_profile_url: `https://linkedin.com/in/${slug}/`,
        user_picture_url: null,
      }),
    });
    expect(res.status).toBe(200);
    const kinds = (await db().select().from(leadEngagements).where(eq(leadEngagements.leadId, leadId))).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(["invite_accepted"]);
  });

  it("with no visit left in the budget, nothing is sent and the invitation waits", async () => {
    const acc = await connect();
    const leadId = await seedLead("Sem Visita", {
      profileUrl: "https://www.linkedin.com/in/sem-visita",
      providerId: null,
    });
    const actionId = await draftApproved(acc.id, leadId);
    const sent: string[] = [];
    const real = services(env).outreach;
    const grant = { go: true as const, at: 0, gapMinutes: 30, nextAt: 0, reason: "go" };
    const now = weekdayAt(15);
    await runTick(
      {
        store: real.store,
        budget: {
          decide: async () => ({ ...grant, at: now }),
          rateLimited: async () => ({ until: now, repeat: false }),
          withdrawn: async () => undefined,
          visits: async () => 0,
        },
        executor: {
          execute: async (_acc, action) => {
            sent.push(action.id);
            return { ok: true, providerRef: "x" };
          },
        },
      },
      now,
    );
    expect(sent).not.toContain(actionId);
    const row = await db().query.linkedinAutomation.findFirst({ where: eq(linkedinAutomation.id, actionId) });
    expect(row?.status).not.toBe("completed");
    expect(row?.scheduledFor).toBe(now + HOUR);
  });
});
