import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import {
  automationRules,
  linkedinAutomation,
  outreachAccounts,
  outreachDecisions,
} from "../../drizzle/schema";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import { PENDING_STATUSES } from "./approval";
import type { AccountBudget } from "./budget";
import { rulesFromRow } from "./repo";
import type { BudgetPort, ExecResult, PendingAction, SentInvite, TickAccount, TickStore } from "./tick";

const pending = [...PENDING_STATUSES];

function toPending(r: typeof linkedinAutomation.$inferSelect): PendingAction {
  return {
    id: r.id,
    accountId: r.accountId,
    kind: r.kind,
    target: r.target,
    text: r.text,
    approvalHash: r.approvalHash,
    providerRef: r.providerRef,
  };
}

/** The governor's view of D1: every change guarded by the status it expects. */
export class D1TickStore implements TickStore {
  constructor(private readonly db: Db) {}

  private log(accountId: string, actionId: string | null, decision: string, reason: string, at: number) {
    return this.db.insert(outreachDecisions).values({ accountId, actionId, at, decision, reason });
  }

  async dueAccounts(now: number): Promise<TickAccount[]> {
    const rows = await this.db
      .select()
      .from(outreachAccounts)
      .leftJoin(automationRules, eq(automationRules.accountId, outreachAccounts.id))
      .where(
        and(inArray(outreachAccounts.status, ["active", "paused"]), lte(outreachAccounts.nextCheckAt, now)),
      );
    return rows.map(({ outreach_accounts: a, automation_rules: r }) => ({
      accountId: a.id,
      ownerId: a.ownerId,
      unipileAccountId: a.unipileAccountId ?? "",
      tier: a.tier,
      timeZone: a.timeZone,
      connectedAt: a.connectedAt ?? a.createdAt,
      rules: rulesFromRow(r ?? undefined, a.tier),
    }));
  }

  async candidates(accountId: string, now: number, limit: number): Promise<PendingAction[]> {
    const rows = await this.db
      .select()
      .from(linkedinAutomation)
      .where(
        and(
          eq(linkedinAutomation.accountId, accountId),
          inArray(linkedinAutomation.status, pending),
          or(isNull(linkedinAutomation.scheduledFor), lte(linkedinAutomation.scheduledFor, now)),
        ),
      )
      .orderBy(desc(sql`${linkedinAutomation.kind} = 'withdraw_invite'`), asc(linkedinAutomation.approvedAt))
      .limit(limit);
    return rows.map(toPending);
  }

  async openInvites(accountId: string, olderThan: number): Promise<SentInvite[]> {
    const rows = await this.db
      .select()
      .from(linkedinAutomation)
      .where(
        and(
          eq(linkedinAutomation.accountId, accountId),
          eq(linkedinAutomation.kind, "send_invite"),
          eq(linkedinAutomation.status, "completed"),
          lte(linkedinAutomation.executedAt, olderThan),
          isNull(linkedinAutomation.acceptedAt),
          isNull(linkedinAutomation.withdrawalId),
        ),
      )
      .limit(20);
    return rows.map((r) => ({
      id: r.id,
      accountId: r.accountId,
      target: r.target,
      providerRef: r.providerRef,
      executedAt: r.executedAt,
      acceptedAt: r.acceptedAt,
      withdrawn: r.withdrawalId !== null,
    }));
  }

  async createWithdrawal(inv: SentInvite, now: number): Promise<void> {
    const invite = await this.db.query.linkedinAutomation.findFirst({
      where: eq(linkedinAutomation.id, inv.id),
    });
    if (!invite) return;
    const id = newId();
    // No text leaves with a withdrawal, so no human approval is needed: the rule approves it.
    await this.db.batch([
      this.db.insert(linkedinAutomation).values({
        id,
        accountId: invite.accountId,
        ownerId: invite.ownerId,
        leadId: invite.leadId,
        kind: "withdraw_invite",
        target: invite.target,
        targetName: invite.targetName,
        status: "approved",
        approvedAt: now,
        providerRef: invite.providerRef,
        parentId: invite.id,
        createdAt: now,
        updatedAt: now,
      }),
      this.db
        .update(linkedinAutomation)
        .set({ withdrawalId: id, updatedAt: now })
        .where(eq(linkedinAutomation.id, invite.id)),
      this.log(
        invite.accountId,
        id,
        "auto_withdraw",
        `invitation ${invite.id} pending more than 21 days`,
        now,
      ),
    ]);
  }

  async defer(
    action: PendingAction,
    d: {
      status: "blocked_time" | "blocked_limit" | "scheduled";
      code: string;
      until: number;
      reason: string;
    },
    now: number,
  ) {
    await this.db.batch([
      this.db
        .update(linkedinAutomation)
        .set({ status: d.status, scheduledFor: d.until, updatedAt: now })
        .where(and(eq(linkedinAutomation.id, action.id), inArray(linkedinAutomation.status, pending))),
      this.log(action.accountId, action.id, d.code, d.reason, now),
    ]);
  }

  async accountWaits(accountId: string, until: number): Promise<void> {
    await this.db
      .update(outreachAccounts)
      .set({ nextCheckAt: until })
      .where(eq(outreachAccounts.id, accountId));
  }

  async claim(action: PendingAction, reason: string, now: number): Promise<boolean> {
    const [rows] = await this.db.batch([
      this.db
        .update(linkedinAutomation)
        .set({ status: "executing", scheduledFor: now, updatedAt: now })
        .where(
          and(
            eq(linkedinAutomation.id, action.id),
            inArray(linkedinAutomation.status, pending),
            // An edit between read and claim clears the hash: the claim fails, nothing is sent.
            action.approvalHash === null
              ? isNull(linkedinAutomation.approvalHash)
              : eq(linkedinAutomation.approvalHash, action.approvalHash),
          ),
        )
        .returning({ id: linkedinAutomation.id }),
      this.log(action.accountId, action.id, "go", reason, now),
    ]);
    return rows.length === 1;
  }

  async finish(action: PendingAction, result: ExecResult, now: number, note: string): Promise<void> {
    await this.db.batch([
      this.db
        .update(linkedinAutomation)
        .set(
          result.ok
            ? {
                status: "completed",
                executedAt: now,
                providerRef: result.providerRef ?? action.providerRef,
                updatedAt: now,
              }
            : {
                status: "failed",
                executedAt: now,
                error: { code: result.code, message: result.message },
                updatedAt: now,
              },
        )
        .where(and(eq(linkedinAutomation.id, action.id), eq(linkedinAutomation.status, "executing"))),
      this.log(action.accountId, action.id, result.ok ? "completed" : "failed", note, now),
    ]);
  }

  async requeue(action: PendingAction, until: number, reason: string, now: number): Promise<void> {
    await this.db.batch([
      this.db
        .update(linkedinAutomation)
        .set({ status: "blocked_limit", scheduledFor: until, updatedAt: now })
        .where(and(eq(linkedinAutomation.id, action.id), eq(linkedinAutomation.status, "executing"))),
      this.db
        .update(outreachAccounts)
        .set({ status: "paused", pausedUntil: until, pauseReason: reason, updatedAt: now })
        .where(eq(outreachAccounts.id, action.accountId)),
      this.log(action.accountId, action.id, "paused", reason, now),
    ]);
  }

  async alert(account: TickAccount, message: string, now: number): Promise<void> {
    console.warn(JSON.stringify({ level: "alert", msg: "outreach", accountId: account.accountId, message }));
    await this.log(account.accountId, null, "alert", message, now);
  }

  /** Paused accounts whose pause ended go back to active (shown on the account). */
  async resumeEnded(now: number): Promise<void> {
    await this.db
      .update(outreachAccounts)
      .set({ status: "active", pausedUntil: null, pauseReason: null, updatedAt: now })
      .where(and(eq(outreachAccounts.status, "paused"), lte(outreachAccounts.pausedUntil, now)));
  }
}

/** The per-account Durable Object, addressed by the account id. */
export class DoBudget implements BudgetPort {
  constructor(private readonly ns: DurableObjectNamespace<AccountBudget>) {}

  stub(accountId: string) {
    return this.ns.get(this.ns.idFromName(accountId));
  }

  decide(account: TickAccount, action: PendingAction, now: number) {
    const { rules, ...profile } = account;
    return this.stub(account.accountId).decide(
      {
        accountId: profile.accountId,
        tier: profile.tier,
        timeZone: profile.timeZone,
        connectedAt: profile.connectedAt,
      },
      rules,
      { id: action.id, kind: action.kind, target: action.target },
      now,
    );
  }

  rateLimited(account: TickAccount, action: PendingAction, now: number, reason: string) {
    return this.stub(account.accountId).rateLimited(action.kind, now, reason, action.id);
  }

  async withdrawn(account: TickAccount, target: string, now: number) {
    await this.stub(account.accountId).withdrawn(target, now);
  }

  visits(account: TickAccount, n: number, now: number) {
    const { rules, ...profile } = account;
    return this.stub(account.accountId).acquireVisits(
      {
        accountId: profile.accountId,
        tier: profile.tier,
        timeZone: profile.timeZone,
        connectedAt: profile.connectedAt,
      },
      rules,
      n,
      now,
    );
  }
}
