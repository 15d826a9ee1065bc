import { approvalHash } from "./approval";
import {
  type AccountProfile,
  type ActionKind,
  BOUNDS,
  DAY,
  type Decision,
  invitesToWithdraw,
  type Rules,
} from "./governor";
import { needsProfileVisit } from "./target";

/**
 * One governor tick, written against ports so the same code runs on D1 + the per-account Durable
 * Object + the Python service in production and on in-memory fakes in the 14-day simulation.
 */

export interface TickAccount extends AccountProfile {
  ownerId: string;
  unipileAccountId: string;
  rules: Rules;
}

export interface PendingAction {
  id: string;
  accountId: string;
  kind: ActionKind;
  target: string | null;
  text: string | null;
  approvalHash: string | null;
  /** For a withdrawal: the provider's id of the invitation being withdrawn. */
  providerRef: string | null;
}

export interface SentInvite {
  id: string;
  accountId: string;
  target: string | null;
  providerRef: string | null;
  executedAt: number | null;
  acceptedAt: number | null;
  withdrawn: boolean;
}

export type ExecResult =
  | { ok: true; providerRef: string | null }
  | {
      ok: false;
      code: "rate_limited" | "restricted" | "cannot_resend_yet" | "failed";
      message: string;
      retryable: boolean;
    };

export interface TickStore {
  /** Accounts that may act (active, not disconnected) whose next check is due. */
  dueAccounts(now: number): Promise<TickAccount[]>;
  /** Approved actions of the account that are due, oldest approval first (withdrawals first). */
  candidates(accountId: string, now: number, limit: number): Promise<PendingAction[]>;
  /** Completed invitations of the account, for the 21-day withdrawal rule. */
  openInvites(accountId: string, olderThan: number): Promise<SentInvite[]>;
  createWithdrawal(invite: SentInvite, now: number): Promise<void>;
  /** The action waits: its status, when to look again, and the logged reason. */
  defer(action: PendingAction, d: Extract<Decision, { go: false }>, now: number): Promise<void>;
  /** The whole account waits (hours, day, week, gap): skip it until `until`. */
  accountWaits(accountId: string, until: number): Promise<void>;
  /** Guarded: false if the action changed since it was read (edited, cancelled, taken). */
  claim(action: PendingAction, reason: string, now: number): Promise<boolean>;
  finish(action: PendingAction, result: ExecResult, now: number, note: string): Promise<void>;
  /** The action goes back to waiting after a pause (a 429 is not the action's fault). */
  requeue(action: PendingAction, until: number, reason: string, now: number): Promise<void>;
  alert(account: TickAccount, message: string, now: number): Promise<void>;
}

export interface BudgetPort {
  decide(account: TickAccount, action: PendingAction, now: number): Promise<Decision>;
  rateLimited(
    account: TickAccount,
    action: PendingAction,
    now: number,
    reason: string,
  ): Promise<{ until: number; repeat: boolean }>;
  withdrawn(account: TickAccount, target: string, now: number): Promise<void>;
  /** Profile visits from the same day/week budget: how many of `n` are granted (and counted). */
  visits(account: TickAccount, n: number, now: number): Promise<number>;
}

export interface Executor {
  execute(account: TickAccount, action: PendingAction): Promise<ExecResult>;
}

export interface TickReport {
  accounts: number;
  decisions: number;
  executed: number;
  withdrawalsQueued: number;
}

/** Accounts whose actions this tick moved (their owners' screens are told). */
export type Touched = Array<{ ownerId: string; accountId: string }>;

/** A send that needs a profile visit and finds no budget for one looks again an hour later. */
const VISIT_RETRY_MS = 60 * 60 * 1000;

/** Account-wide reasons: every other action of the account would get the same answer. */
const ACCOUNT_WIDE = new Set(["outside_hours", "daily_limit", "weekly_cap", "gap"]);

export async function runTick(
  ports: { store: TickStore; budget: BudgetPort; executor: Executor },
  now: number,
  opts: { maxCandidates?: number; touched?: Touched } = {},
): Promise<TickReport> {
  const { store, budget, executor } = ports;
  const report: TickReport = { accounts: 0, decisions: 0, executed: 0, withdrawalsQueued: 0 };
  const accounts = await store.dueAccounts(now);
  report.accounts = accounts.length;
  await Promise.all(
    accounts.map(async (account) => {
      for (const inv of invitesToWithdraw(
        await store.openInvites(account.accountId, now - BOUNDS.pendingInviteDays * DAY),
        now,
      )) {
        await store.createWithdrawal(inv, now);
        report.withdrawalsQueued++;
      }
      const candidates = await store.candidates(account.accountId, now, opts.maxCandidates ?? 5);
      if (candidates.length > 0 || report.withdrawalsQueued > 0)
        opts.touched?.push({ ownerId: account.ownerId, accountId: account.accountId });
      for (const action of candidates) {
        const d = await budget.decide(account, action, now);
        report.decisions++;
        if (!d.go) {
          await store.defer(action, d, now);
          if (ACCOUNT_WIDE.has(d.code)) {
            await store.accountWaits(account.accountId, d.until);
            return;
          }
          continue;
        }
        // A profile URL becomes a provider id through one profile visit (Unipile `GET /users/…`),
        // which LinkedIn counts like any other: it draws from the same budget, or the account
        // waits (a budget with no visit left has no invitation left either).
        if (action.kind !== "withdraw_invite" && needsProfileVisit(action.target)) {
          if ((await budget.visits(account, 1, now)) === 0) {
            const until = now + VISIT_RETRY_MS;
            await store.defer(
              action,
              {
                go: false,
                status: "blocked_limit",
                code: "daily_limit",
                until,
                reason: "no profile visit left in the budget to find this member's LinkedIn id",
              },
              now,
            );
            await store.accountWaits(account.accountId, until);
            return;
          }
        }
        if (!(await store.claim(action, d.reason, now))) continue;
        const result = await executeApproved(executor, account, action);
        report.executed++;
        if (!result.ok && (result.code === "rate_limited" || result.code === "restricted")) {
          const p = await budget.rateLimited(account, action, now, result.message);
          await store.requeue(
            action,
            p.until,
            `${result.code}: ${action.kind} paused until ${new Date(p.until).toISOString()}`,
            now,
          );
          await store.alert(
            account,
            `${result.code === "restricted" ? "LinkedIn restriction" : "HTTP 429"} on ${action.kind}: paused ${p.repeat ? "72" : "24"} h`,
            now,
          );
        } else {
          if (result.ok && action.kind === "withdraw_invite" && action.target) {
            await budget.withdrawn(account, action.target, now);
          }
          await store.finish(action, result, now, result.ok ? "sent" : result.message);
        }
        // One action per account per tick: the gap makes a second one impossible anyway.
        return;
      }
    }),
  );
  return report;
}

/**
 * The last gate before anything leaves: the text and target must hash to what a person
 * approved. A mismatch fails the action and sends nothing.
 */
async function executeApproved(
  executor: Executor,
  account: TickAccount,
  action: PendingAction,
): Promise<ExecResult> {
  if (action.kind === "send_invite" || action.kind === "send_message") {
    const expected = await approvalHash(action);
    if (!action.approvalHash || action.approvalHash !== expected) {
      return {
        ok: false,
        code: "failed",
        message: "approval_mismatch: text or target differs from what was approved",
        retryable: false,
      };
    }
  }
  return executor.execute(account, action);
}
