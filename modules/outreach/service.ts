import { eq } from "drizzle-orm";
import { automationRules, linkedinAutomation, outreachAccounts } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { BadRequest, NotFound } from "../core/errors";
import type { JobEngine } from "../jobs/engine";
import type { AccountBudget } from "./budget";
import { type OutreachClock, wallClock } from "./clock";
import { TIER_CAPS, type Usage } from "./governor";
import { OutreachRepo, rulesFromRow } from "./repo";
import type { ActionCreate, ConnectMode } from "./schema";
import { D1TickStore, DoBudget } from "./store";
import { contactTarget } from "./target";
import { type Executor, runTick, type TickReport, type Touched } from "./tick";

/** How outreach records a reply or an acceptance on a lead (the leads feature provides it). */
export interface EngagementPort {
  record(input: {
    leadId: string;
    kind: "invite_accepted" | "message_reply";
    occurredAt: number;
    externalId: string;
  }): Promise<{ recorded: boolean }>;
}

/** Unipile calls that go through the Python service's client (hosted auth, webhooks). */
export interface UnipileAdmin {
  hostedLink(input: {
    name: string;
    notifyUrl: string;
    expiresOn: string;
    /** Where Unipile's wizard sends the person back to when they finish (or give up). */
    successRedirectUrl?: string;
    failureRedirectUrl?: string;
  }): Promise<{ url: string }>;
  registerWebhook(input: {
    requestUrl: string;
    source: "users" | "messaging" | "account_status";
    name: string;
    headers: Array<{ key: string; value: string }>;
  }): Promise<{ webhookId: string | null }>;
}

export interface OutreachDeps {
  db: Db;
  /** Pushes `{type:"signal", topic, …data}` to a user's realtime hub (and the admins'). */
  signal?: (userId: string, topic: string, data: Record<string, unknown>) => Promise<void>;
  engine: JobEngine;
  budget: DurableObjectNamespace<AccountBudget>;
  executor: Executor;
  engagements: EngagementPort;
  unipile: UnipileAdmin;
  /** True when a real Unipile key is configured; otherwise development connects demo accounts. */
  unipileConfigured: boolean;
  isDev: boolean;
  publicOrigin: string;
  /** The dashboard's origin: the hosted-auth wizard sends the person back to its Outreach screen. */
  appUrl?: string;
  webhookSecret: string;
  /** The governor's clock: the wall clock, or development's time-lapse (see clock.ts). */
  clock?: OutreachClock;
}

/** Usage as the API answers it: with the governor's own clock, so a time-lapse is visible. */
export type UsageOut = Usage & { now: string; clockSpeed: number };

export const WEBHOOK_SECRET_HEADER = "x-lifetrek-webhook-secret";

export class OutreachService {
  readonly store: D1TickStore;
  readonly budget: DoBudget;
  readonly clock: OutreachClock;

  constructor(readonly deps: OutreachDeps) {
    this.store = new D1TickStore(deps.db);
    this.budget = new DoBudget(deps.budget);
    this.clock = deps.clock ?? wallClock;
  }

  repo(actor: Actor) {
    return new OutreachRepo(this.deps.db, actor);
  }

  /** The cron's governor pass: resumes ended pauses, then one decision round over due accounts. */
  async tick(now = this.clock.now()): Promise<TickReport> {
    await this.store.resumeEnded(now);
    const touched: Touched = [];
    const report = await runTick(
      { store: this.store, budget: this.budget, executor: this.deps.executor },
      now,
      {
        touched,
      },
    );
    await Promise.all(touched.map((t) => this.changed(t.ownerId, t.accountId)));
    return report;
  }

  /**
   * Tells the owner's open screens (and admins') that an account's actions moved. Best effort:
   * a lost signal costs a reload, so it never fails the tick or the webhook that caused it.
   */
  async changed(ownerId: string, accountId: string): Promise<void> {
    try {
      await this.deps.signal?.(ownerId, "outreach", { accountId });
    } catch (err) {
      console.warn(JSON.stringify({ level: "warn", msg: "outreach signal failed", err: String(err) }));
    }
  }

  /**
   * How "connect an account" will go here: Unipile's hosted-auth link, a demo account (development
   * without a Unipile key), or not at all (a deployment without a key), so a screen can say which.
   */
  connectMode(): ConnectMode {
    if (this.deps.unipileConfigured) return "unipile";
    return this.deps.isDev ? "demo" : "unavailable";
  }

  async connect(
    actor: Actor,
    input: {
      name?: string | null;
      tier?: "founder" | "growth" | "sales_machine" | null;
      timeZone?: string | null;
    },
  ) {
    const repo = this.repo(actor);
    const base = {
      name: input.name ?? "LinkedIn",
      tier: input.tier ?? "growth",
      timeZone: input.timeZone ?? "America/Sao_Paulo",
    } as const;
    const mode = this.connectMode();
    if (mode === "unavailable") throw new BadRequest("Unipile is not configured.");
    if (mode === "demo") {
      const account = await repo.createAccount({
        ...base,
        status: "active",
        unipileAccountId: `demo-${crypto.randomUUID()}`,
        demo: true,
      });
      await this.registerWebhooks().catch((err) =>
        console.warn(
          JSON.stringify({ level: "warn", msg: "demo webhook registration failed", err: String(err) }),
        ),
      );
      return { account };
    }
    const account = await repo.createAccount({
      ...base,
      status: "connecting",
      unipileAccountId: null,
      demo: false,
    });
    const { url } = await this.deps.unipile.hostedLink({
      name: account.id,
      notifyUrl: `${this.deps.publicOrigin}/api/webhooks/unipile/hosted/${account.id}/${await this.hostedToken(account.id)}`,
      expiresOn: new Date(Date.now() + 60 * 60_000).toISOString(),
      ...(this.deps.appUrl
        ? {
            successRedirectUrl: `${this.deps.appUrl}/outreach?account=${encodeURIComponent(account.id)}`,
            failureRedirectUrl: `${this.deps.appUrl}/outreach?connect=failed`,
          }
        : {}),
    });
    return { url, account };
  }

  /** A per-account token in the hosted-auth notify URL (Unipile sends no custom header there). */
  async hostedToken(accountId: string): Promise<string> {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(this.deps.webhookSecret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const sig = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`hosted:${accountId}`)),
    );
    return Array.from(sig.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** Registers our webhook for accepted invitations, messages and account status. */
  async registerWebhooks() {
    const headers = [{ key: WEBHOOK_SECRET_HEADER, value: this.deps.webhookSecret }];
    const requestUrl = `${this.deps.publicOrigin}/api/webhooks/unipile`;
    const out = [];
    for (const source of ["users", "messaging", "account_status"] as const) {
      out.push({
        source,
        ...(await this.deps.unipile.registerWebhook({
          requestUrl,
          source,
          name: `lifetrek-${source}`,
          headers,
        })),
      });
    }
    return out;
  }

  async usage(actor: Actor, accountId: string, now = this.clock.now()): Promise<UsageOut> {
    const acc = await this.repo(actor).account(accountId);
    const rules = rulesFromRow(
      await this.deps.db.query.automationRules.findFirst({ where: eq(automationRules.accountId, acc.id) }),
      acc.tier,
    );
    const u = await this.budget.stub(acc.id).usage(
      {
        accountId: acc.id,
        tier: acc.tier,
        timeZone: acc.timeZone,
        connectedAt: acc.connectedAt ?? acc.createdAt,
      },
      rules,
      now,
    );
    return {
      ...u,
      tierCap: TIER_CAPS[acc.tier],
      now: new Date(now).toISOString(),
      clockSpeed: this.clock.speed,
    };
  }

  /**
   * Profile visits (`GET /users/{id}` on LinkedIn) draw from the same per-account budget as
   * outreach: returns how many of `n` the account may make now (they are counted). Enrichment
   * makes none today (company lookups and people search return provider ids); a feature that
   * adds visits must ask here first.
   */
  async acquireProfileVisits(unipileAccountId: string, n: number, now = this.clock.now()): Promise<number> {
    const acc = await this.deps.db.query.outreachAccounts.findFirst({
      where: eq(outreachAccounts.unipileAccountId, unipileAccountId),
    });
    // An account outreach does not manage has no shared budget to draw from.
    if (!acc) return n;
    const rules = rulesFromRow(
      await this.deps.db.query.automationRules.findFirst({ where: eq(automationRules.accountId, acc.id) }),
      acc.tier,
    );
    return this.budget.stub(acc.id).acquireVisits(
      {
        accountId: acc.id,
        tier: acc.tier,
        timeZone: acc.timeZone,
        connectedAt: acc.connectedAt ?? acc.createdAt,
      },
      rules,
      n,
      now,
    );
  }

  /** Creates the draft action and its `outreach.draft` job (the job writes the text). */
  async draft(actor: Actor, body: ActionCreate) {
    const repo = this.repo(actor);
    await repo.account(body.accountId);
    const lead = await this.deps.db.query.leads.findFirst({ where: (l, { eq: e }) => e(l.id, body.leadId) });
    if (!lead) throw new NotFound("Lead");
    // A decision maker with a provider id first (no profile visit needed to send), then one
    // with a profile URL.
    const makers = await this.deps.db.query.leadDecisionMakers.findMany({
      where: (d, { eq: e }) => e(d.leadId, lead.id),
    });
    const dm = makers.find((m) => m.providerId) ?? makers.find((m) => contactTarget(m, null)) ?? makers[0];
    const target = contactTarget(dm, lead.linkedinUrl);
    if (!target) {
      throw new BadRequest(
        lead.linkedinUrl
          ? "This lead's LinkedIn URL is a company page, and no person of it is known yet: enrich the lead to find a decision maker."
          : "This lead has no LinkedIn person to contact yet: enrich the lead to find a decision maker.",
        [{ path: "leadId", message: "No decision maker and no LinkedIn member profile" }],
      );
    }
    const action = await repo.createDraft({
      accountId: body.accountId,
      leadId: lead.id,
      kind: body.kind,
      target,
      targetName: target === contactTarget(dm, null) ? (dm?.name ?? null) : null,
    });
    const { job } = await this.deps.engine.enqueue(actor, {
      type: "outreach.draft",
      input: { actionId: action.id, language: body.language ?? "pt-BR", personaId: body.personaId ?? null },
    });
    await this.deps.db
      .update(linkedinAutomation)
      .set({ jobId: job.id })
      .where(eq(linkedinAutomation.id, action.id));
    return { job, actionId: action.id };
  }
}
