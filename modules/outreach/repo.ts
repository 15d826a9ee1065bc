import { and, asc, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import {
  automationRules,
  leads,
  linkedinAutomation,
  outreachAccounts,
  outreachDecisions,
} from "../../drizzle/schema";
import { type Actor, isAdmin } from "../core/actor";
import type { Db } from "../core/db";
import { BadRequest, Conflict, Forbidden, NotFound } from "../core/errors";
import { newId } from "../core/ids";
import { approvalHash, INVITE_NOTE_MAX, isLocked } from "./approval";
import { defaultRules, type Rules, rulesProblems, type Tier } from "./governor";
import type { Account, Action, RulesBody } from "./schema";

export type AccountRow = typeof outreachAccounts.$inferSelect;
export type ActionRow = typeof linkedinAutomation.$inferSelect;

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function accountToWire(a: AccountRow): Account {
  return {
    id: a.id,
    ownerId: a.ownerId,
    name: a.name,
    tier: a.tier,
    timeZone: a.timeZone,
    status: a.status,
    pausedUntil: iso(a.pausedUntil),
    pauseReason: a.pauseReason,
    unipileAccountId: a.unipileAccountId,
    demo: a.demo,
  };
}

function actionToWire(
  a: ActionRow,
  log: Array<{ at: number; decision: string; reason: string }>,
  leadName: string | null = null,
): Action {
  return {
    id: a.id,
    accountId: a.accountId,
    leadId: a.leadId,
    leadName,
    kind: a.kind,
    target: a.target,
    targetName: a.targetName,
    text: a.text,
    status: a.status,
    approvedBy: a.approvedBy,
    approvedAt: iso(a.approvedAt),
    scheduledFor: iso(a.scheduledFor),
    jitterMinutes: a.jitterMinutes,
    executedAt: iso(a.executedAt),
    acceptedAt: iso(a.acceptedAt),
    error: a.error ?? null,
    log: log.map((l) => ({ at: new Date(l.at).toISOString(), decision: l.decision, reason: l.reason })),
  };
}

export function rulesFromRow(r: typeof automationRules.$inferSelect | undefined, tier: Tier): Rules {
  if (!r) return defaultRules(tier);
  return {
    activeFrom: r.activeFrom,
    activeTo: r.activeTo,
    weekdays: r.weekdays,
    dailyMin: r.dailyMin,
    dailyMax: r.dailyMax,
    weeklyCap: r.weeklyCap,
    gapMinutes: r.gapMinutes,
    gapJitterMinutes: r.gapJitterMinutes,
    warmupDays: r.warmupDays,
  };
}

/**
 * Outreach rows as the actor may see them: an admin sees every account and action, a
 * salesperson only their own (another's id answers 404, as if it did not exist).
 */
export class OutreachRepo {
  constructor(
    readonly db: Db,
    readonly actor: Actor,
  ) {
    if (actor.role === "marketing") throw new Forbidden("Outreach is for sales and admins.");
  }

  private ownCond<T extends { ownerId: typeof outreachAccounts.ownerId | typeof linkedinAutomation.ownerId }>(
    t: T,
  ): SQL | undefined {
    return isAdmin(this.actor) ? undefined : eq(t.ownerId, this.actor.userId);
  }

  async account(id: string): Promise<AccountRow> {
    const row = await this.db.query.outreachAccounts.findFirst({
      where: and(eq(outreachAccounts.id, id), this.ownCond(outreachAccounts)),
    });
    if (!row) throw new NotFound("Account");
    return row;
  }

  async accounts(): Promise<AccountRow[]> {
    return this.db
      .select()
      .from(outreachAccounts)
      .where(this.ownCond(outreachAccounts))
      .orderBy(asc(outreachAccounts.createdAt));
  }

  async createAccount(input: {
    name: string;
    tier: Tier;
    timeZone: string;
    status: AccountRow["status"];
    unipileAccountId: string | null;
    demo: boolean;
  }): Promise<AccountRow> {
    const now = Date.now();
    const id = newId();
    const rules = defaultRules(input.tier);
    const [row] = await this.db.batch([
      this.db
        .insert(outreachAccounts)
        .values({
          id,
          ownerId: this.actor.userId,
          ...input,
          connectedAt: input.status === "active" ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
      this.db
        .insert(automationRules)
        .values({ accountId: id, ...rules, updatedBy: this.actor.userId, updatedAt: now }),
      this.db.insert(outreachDecisions).values({
        accountId: id,
        at: now,
        decision: "account_created",
        reason: input.demo ? "demo account connected (offline Unipile)" : "hosted-auth link requested",
        actorId: this.actor.userId,
      }),
    ]);
    const created = row[0];
    if (!created) throw new Error("account insert returned nothing");
    return created;
  }

  async rules(accountId: string): Promise<Rules> {
    const acc = await this.account(accountId);
    const r = await this.db.query.automationRules.findFirst({ where: eq(automationRules.accountId, acc.id) });
    return rulesFromRow(r, acc.tier);
  }

  async putRules(accountId: string, body: RulesBody): Promise<Rules> {
    const acc = await this.account(accountId);
    const rules: Rules = { ...body, warmupDays: body.warmupDays ?? 14, weekdays: [...body.weekdays].sort() };
    const problems = rulesProblems(rules, acc.tier);
    if (problems.length) throw new BadRequest("Rules outside the domain's bounds.", problems);
    const now = Date.now();
    await this.db.batch([
      this.db
        .insert(automationRules)
        .values({ accountId: acc.id, ...rules, updatedBy: this.actor.userId, updatedAt: now })
        .onConflictDoUpdate({
          target: automationRules.accountId,
          set: { ...rules, updatedBy: this.actor.userId, updatedAt: now },
        }),
      // Rules changed: let the governor look again at once.
      this.db
        .update(outreachAccounts)
        .set({ nextCheckAt: 0, updatedAt: now })
        .where(eq(outreachAccounts.id, acc.id)),
      this.db.insert(outreachDecisions).values({
        accountId: acc.id,
        at: now,
        decision: "rules_changed",
        reason: JSON.stringify(rules),
        actorId: this.actor.userId,
      }),
    ]);
    return rules;
  }

  async action(id: string): Promise<ActionRow> {
    const row = await this.db.query.linkedinAutomation.findFirst({
      where: and(eq(linkedinAutomation.id, id), this.ownCond(linkedinAutomation)),
    });
    if (!row) throw new NotFound("Action");
    return row;
  }

  async logFor(ids: string[]) {
    const out = new Map<string, Array<{ at: number; decision: string; reason: string }>>();
    for (let i = 0; i < ids.length; i += 90) {
      const rows = await this.db
        .select()
        .from(outreachDecisions)
        .where(inArray(outreachDecisions.actionId, ids.slice(i, i + 90)))
        .orderBy(asc(outreachDecisions.id));
      for (const r of rows) {
        if (!r.actionId) continue;
        const list = out.get(r.actionId) ?? [];
        list.push(r);
        out.set(r.actionId, list);
      }
    }
    return out;
  }

  /** The companies of the actions' leads, so a queue says who an invitation is for. */
  async leadNames(ids: Array<string | null>) {
    const out = new Map<string, string>();
    const unique = [...new Set(ids.filter((x): x is string => x !== null))];
    // D1 binds at most 100 parameters per statement.
    for (let i = 0; i < unique.length; i += 90) {
      const rows = await this.db
        .select({ id: leads.id, company: leads.company })
        .from(leads)
        .where(inArray(leads.id, unique.slice(i, i + 90)));
      for (const r of rows) out.set(r.id, r.company);
    }
    return out;
  }

  async wire(row: ActionRow): Promise<Action> {
    const [logs, names] = await Promise.all([this.logFor([row.id]), this.leadNames([row.leadId])]);
    return actionToWire(row, logs.get(row.id) ?? [], (row.leadId && names.get(row.leadId)) || null);
  }

  async list(q: {
    status?: ActionRow["status"];
    accountId?: string;
    leadId?: string;
    limit: number;
    cursor?: string;
  }) {
    const rows = await this.db
      .select()
      .from(linkedinAutomation)
      .where(
        and(
          this.ownCond(linkedinAutomation),
          q.status ? eq(linkedinAutomation.status, q.status) : undefined,
          q.accountId ? eq(linkedinAutomation.accountId, q.accountId) : undefined,
          q.leadId ? eq(linkedinAutomation.leadId, q.leadId) : undefined,
          q.cursor ? lt(linkedinAutomation.id, q.cursor) : undefined,
        ),
      )
      .orderBy(desc(linkedinAutomation.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const [logs, names] = await Promise.all([
      this.logFor(page.map((r) => r.id)),
      this.leadNames(page.map((r) => r.leadId)),
    ]);
    return {
      items: page.map((r) =>
        actionToWire(r, logs.get(r.id) ?? [], (r.leadId && names.get(r.leadId)) || null),
      ),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async createDraft(input: {
    accountId: string;
    leadId: string;
    kind: "send_invite" | "send_message";
    target: string | null;
    targetName: string | null;
  }): Promise<ActionRow> {
    const acc = await this.account(input.accountId);
    const now = Date.now();
    const id = newId();
    const [rows] = await this.db.batch([
      this.db
        .insert(linkedinAutomation)
        .values({
          id,
          ...input,
          accountId: acc.id,
          ownerId: acc.ownerId,
          status: "draft",
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
      this.log(acc.id, id, "drafting", "AI draft requested", now),
    ]);
    const row = rows[0];
    if (!row) throw new Error("action insert returned nothing");
    return row;
  }

  log(accountId: string, actionId: string | null, decision: string, reason: string, at = Date.now()) {
    return this.db
      .insert(outreachDecisions)
      .values({ accountId, actionId, at, decision, reason, actorId: this.actor.userId });
  }

  /** Guarded by the version read: a concurrent change (or an execution) makes it 409. */
  private async change(
    row: ActionRow,
    set: Partial<ActionRow>,
    decision: string,
    reason: string,
  ): Promise<ActionRow> {
    const now = Date.now();
    const [updated] = await this.db.batch([
      this.db
        .update(linkedinAutomation)
        .set({ ...set, version: row.version + 1, updatedAt: now })
        .where(and(eq(linkedinAutomation.id, row.id), eq(linkedinAutomation.version, row.version)))
        .returning(),
      this.log(row.accountId, row.id, decision, reason, now),
    ]);
    const out = updated[0];
    if (!out) throw new Conflict("The action changed meanwhile; reload and try again.");
    return out;
  }

  private assertOpen(row: ActionRow) {
    if (isLocked(row.status)) throw new Conflict(`The action is ${row.status}; it can no longer change.`);
  }

  async edit(id: string, text: string): Promise<ActionRow> {
    const row = await this.action(id);
    this.assertOpen(row);
    if (row.kind === "send_invite" && [...text].length > INVITE_NOTE_MAX) {
      throw new BadRequest("The invitation note is too long.", [
        { path: "text", message: `At most ${INVITE_NOTE_MAX} characters` },
      ]);
    }
    const wasApproved = row.status !== "draft";
    return this.change(
      row,
      { text, status: "draft", approvalHash: null, approvedBy: null, approvedAt: null, scheduledFor: null },
      "edited",
      wasApproved ? `edited after ${row.status}: back to draft, needs a new approval` : "text edited",
    );
  }

  async approve(id: string): Promise<ActionRow> {
    // Tokens act for scripts; only a person at a screen may let a message go out.
    if (this.actor.via !== "session") throw new Forbidden("Only a signed-in person can approve outreach.");
    const row = await this.action(id);
    this.assertOpen(row);
    if (row.status !== "draft")
      throw new Conflict(`Only a draft can be approved (this one is ${row.status}).`);
    if (!row.text?.trim()) throw new Conflict("The draft has no text yet.");
    if (row.kind === "send_invite" && [...row.text].length > INVITE_NOTE_MAX)
      throw new BadRequest("The invitation note is too long.", [
        { path: "text", message: `At most ${INVITE_NOTE_MAX} characters` },
      ]);
    const hash = await approvalHash(row);
    const now = Date.now();
    const out = await this.change(
      row,
      { status: "approved", approvalHash: hash, approvedBy: this.actor.userId, approvedAt: now },
      "approved",
      `approved by ${this.actor.userId} (sha256 ${hash.slice(0, 12)}…)`,
    );
    await this.db
      .update(outreachAccounts)
      .set({ nextCheckAt: 0 })
      .where(eq(outreachAccounts.id, row.accountId));
    return out;
  }

  async reject(id: string, reason: string): Promise<ActionRow> {
    const row = await this.action(id);
    this.assertOpen(row);
    return this.change(
      row,
      { status: "cancelled", rejectReason: reason, approvalHash: null },
      "rejected",
      reason,
    );
  }

  async cancel(id: string): Promise<ActionRow> {
    const row = await this.action(id);
    this.assertOpen(row);
    return this.change(
      row,
      { status: "cancelled", approvalHash: null },
      "cancelled",
      `cancelled by ${this.actor.userId}`,
    );
  }

  async auditLog(accountId: string, limit = 100) {
    const acc = await this.account(accountId);
    const rows = await this.db
      .select()
      .from(outreachDecisions)
      .where(eq(outreachDecisions.accountId, acc.id))
      .orderBy(desc(outreachDecisions.id))
      .limit(limit);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actionId: r.actionId,
      decision: r.decision,
      reason: r.reason,
      actorId: r.actorId,
    }));
  }
}
