import { describe, expect, it } from "vitest";
import { approvalHash } from "./approval";
import {
  type ActionKind,
  acquireVisits,
  type BudgetState,
  DAY,
  decide,
  defaultRules,
  drawDailyLimit,
  emptyState,
  HOUR,
  MINUTE,
  type Rules,
  recordWithdrawal,
  reportRateLimit,
  TIER_CAPS,
  type Tier,
  WEEK,
} from "./governor";
import {
  type ExecResult,
  type PendingAction,
  runTick,
  type SentInvite,
  type TickAccount,
  type TickStore,
} from "./tick";
import { localTime } from "./time";

/**
 * 14 days × 3 accounts (one per tier, one in New York across the end of US daylight time on
 * 2026-11-01) × 2,000 approved actions, on a fake clock that advances one minute per tick, through
 * the production tick (`runTick`) and governor (`decide`); only storage and Unipile are in memory.
 */

const START = Date.parse("2026-10-26T00:00:00Z"); // a Monday
const END = START + 14 * DAY;

/** Deterministic PRNG so a failure reproduces. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent of Intl: fixed offsets, with New York's DST end written out. */
function wallClock(accountTz: string, t: number) {
  let offsetH = -3; // America/Sao_Paulo has had no DST since 2019
  if (accountTz === "America/New_York") offsetH = t < Date.parse("2026-11-01T06:00:00Z") ? -4 : -5;
  const local = new Date(t + offsetH * HOUR);
  const wd = local.getUTCDay();
  return {
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: wd === 0 ? 7 : wd,
    day: local.toISOString().slice(0, 10),
  };
}

interface SimAction extends PendingAction {
  seq: number;
  status: string;
  scheduledFor: number | null;
  approvedText: string | null;
  executedAt: number | null;
  acceptedAt: number | null;
  withdrawalQueued: boolean;
  attempts: number;
  error: string | null;
  log: Array<{ at: number; decision: string; reason: string }>;
}

interface Attempt {
  accountId: string;
  actionId: string;
  kind: ActionKind;
  target: string | null;
  text: string | null;
  at: number;
  outcome: string;
}

describe("governor simulation: 3 accounts × 14 days × 2,000 approved actions", () => {
  it("keeps every rule of domain.md §6", async () => {
    const rng = mulberry32(42);
    const accounts: Array<TickAccount & { nextCheckAt: number }> = [
      mk("acc-founder", "founder", "America/Sao_Paulo", START, defaultRules("founder")),
      mk("acc-growth", "growth", "America/Sao_Paulo", START - 90 * DAY, defaultRules("growth")),
      mk("acc-machine", "sales_machine", "America/New_York", START - 90 * DAY, {
        ...defaultRules("sales_machine"),
        dailyMin: 40,
        dailyMax: 80,
        gapMinutes: 20,
        gapJitterMinutes: 5,
      }),
    ];
    function mk(id: string, tier: Tier, timeZone: string, connectedAt: number, rules: Rules) {
      return {
        accountId: id,
        ownerId: "u",
        unipileAccountId: `uni-${id}`,
        tier,
        timeZone,
        connectedAt,
        rules,
        nextCheckAt: 0,
      };
    }
    const byId = new Map(accounts.map((a) => [a.accountId, a]));
    const actions: SimAction[] = [];
    let seq = 0;
    const add = async (
      accountId: string,
      kind: ActionKind,
      target: string,
      text: string | null,
      extra: Partial<SimAction> = {},
    ) => {
      const a: SimAction = {
        id: `act-${seq}`,
        seq: seq++,
        accountId,
        kind,
        target,
        text,
        approvedText: text,
        approvalHash: await approvalHash({ kind, target, text }),
        providerRef: null,
        status: "approved",
        scheduledFor: null,
        executedAt: null,
        acceptedAt: null,
        withdrawalQueued: false,
        attempts: 0,
        error: null,
        log: [],
        ...extra,
      };
      actions.push(a);
      return a;
    };
    // Invitations sent before the simulation, still pending: due for withdrawal on days 0–6.
    const oldInvites: SimAction[] = [];
    for (const acc of accounts) {
      for (let k = 0; k < 4; k++) {
        oldInvites.push(
          await add(acc.accountId, "send_invite", `${acc.accountId}-old${k}`, "Olá de antes", {
            status: "completed",
            executedAt: START - (15 + k * 2) * DAY + 10 * HOUR,
            providerRef: `inv-old-${acc.accountId}-${k}`,
          }),
        );
      }
    }
    // 2,000 approved actions: invitations with a note, every fifth a message.
    const split: Record<string, number> = { "acc-founder": 500, "acc-growth": 700, "acc-machine": 800 };
    const c422 = new Set<string>();
    for (const acc of accounts) {
      for (let i = 0; i < (split[acc.accountId] ?? 0); i++) {
        const kind: ActionKind = i % 5 === 4 ? "send_message" : "send_invite";
        const target = `${acc.accountId}-p${i}`;
        if (acc.accountId === "acc-machine" && i % 37 === 3) c422.add(target);
        await add(acc.accountId, kind, target, `Olá ${target}, nota ${i} — usinagem suíça e ISO 13485.`);
      }
    }
    expect(actions.filter((a) => a.status === "approved")).toHaveLength(2000);

    const attempts: Attempt[] = [];
    const alerts: Array<{ accountId: string; message: string; at: number }> = [];
    const reinvites: SimAction[] = [];
    const withdrawalsDone: Array<{ target: string; at: number; inviteExecutedAt: number }> = [];
    let growthInvites = 0;
    const states = new Map<string, BudgetState>(accounts.map((a) => [a.accountId, emptyState()]));
    const st = (id: string) => states.get(id) ?? emptyState();

    const store: TickStore = {
      dueAccounts: async (now) => accounts.filter((a) => a.nextCheckAt <= now),
      candidates: async (accountId, now, limit) => {
        const out: SimAction[] = [];
        const pending = actions.filter(
          (a) =>
            a.accountId === accountId &&
            ["approved", "scheduled", "blocked_limit", "blocked_time"].includes(a.status) &&
            (a.scheduledFor ?? 0) <= now,
        );
        pending.sort(
          (x, y) =>
            Number(y.kind === "withdraw_invite") - Number(x.kind === "withdraw_invite") || x.seq - y.seq,
        );
        for (const a of pending) {
          out.push(a);
          if (out.length >= limit) break;
        }
        return out;
      },
      openInvites: async (accountId, olderThan) =>
        actions
          .filter(
            (a) =>
              a.accountId === accountId &&
              a.kind === "send_invite" &&
              a.status === "completed" &&
              (a.executedAt ?? Infinity) <= olderThan,
          )
          .map<SentInvite>((a) => ({
            id: a.id,
            accountId,
            target: a.target,
            providerRef: a.providerRef,
            executedAt: a.executedAt,
            acceptedAt: a.acceptedAt,
            withdrawn: a.withdrawalQueued,
          })),
      createWithdrawal: async (inv) => {
        const invite = actions.find((a) => a.id === inv.id);
        if (invite) invite.withdrawalQueued = true;
        await add(inv.accountId, "withdraw_invite", inv.target ?? "", null, { providerRef: inv.providerRef });
      },
      defer: async (action, d, now) => {
        const a = action as SimAction;
        a.status = d.status;
        a.scheduledFor = d.until;
        a.log.push({ at: now, decision: d.code, reason: d.reason });
      },
      accountWaits: async (accountId, until) => {
        const acc = byId.get(accountId);
        if (acc) acc.nextCheckAt = until;
      },
      claim: async (action) => {
        const a = action as SimAction;
        if (!["approved", "scheduled", "blocked_limit", "blocked_time"].includes(a.status)) return false;
        a.status = "executing";
        return true;
      },
      finish: async (action, result, now) => {
        const a = action as SimAction;
        a.attempts++;
        a.executedAt = now;
        a.status = result.ok ? "completed" : "failed";
        a.error = result.ok ? null : result.code;
        if (result.ok) a.providerRef = result.providerRef;
      },
      requeue: async (action, until, reason, now) => {
        const a = action as SimAction;
        a.attempts++;
        a.status = "blocked_limit";
        a.scheduledFor = until;
        a.log.push({ at: now, decision: "paused", reason });
      },
      alert: async (account, message, now) => {
        alerts.push({ accountId: account.accountId, message, at: now });
      },
    };

    let clock = START;
    const budget = {
      decide: async (account: TickAccount, action: PendingAction, now: number) =>
        decide(st(account.accountId), account, account.rules, action, now, rng),
      rateLimited: async (account: TickAccount, action: PendingAction, now: number, reason: string) =>
        reportRateLimit(st(account.accountId), action.kind, now, reason, action.id),
      withdrawn: async (account: TickAccount, target: string, now: number) =>
        recordWithdrawal(st(account.accountId), target, now),
      visits: async (account: TickAccount, n: number, now: number) =>
        acquireVisits(st(account.accountId), account, account.rules, n, now),
    };
    const executor = {
      execute: async (account: TickAccount, action: PendingAction): Promise<ExecResult> => {
        let out: ExecResult = { ok: true, providerRef: `ref-${action.id}` };
        if (account.accountId === "acc-growth" && action.kind === "send_invite") {
          growthInvites++;
          if (growthInvites === 5 || growthInvites === 12)
            out = { ok: false, code: "rate_limited", message: "HTTP 429", retryable: true };
        }
        if (action.target && c422.has(action.target) && action.kind === "send_invite")
          out = { ok: false, code: "cannot_resend_yet", message: "422 cannot_resend_yet", retryable: false };
        attempts.push({
          accountId: account.accountId,
          actionId: action.id,
          kind: action.kind,
          target: action.target,
          text: action.text,
          at: clock,
          outcome: out.ok ? "ok" : out.code,
        });
        if (out.ok && action.kind === "withdraw_invite" && action.target) {
          const invite = oldInvites.find((i) => i.target === action.target);
          withdrawalsDone.push({
            target: action.target,
            at: clock,
            inviteExecutedAt: invite?.executedAt ?? 0,
          });
          // The worst case: someone approves a new invitation to the same person at once.
          // Put first in line, so the governor must refuse it on every look and pass to the next.
          reinvites.push(
            await add(account.accountId, "send_invite", action.target, "Olá de novo", {
              seq: -reinvites.length - 1,
            }),
          );
        }
        return out;
      },
    };

    const t0 = Date.now();
    for (clock = START; clock < END; clock += MINUTE) {
      await runTick({ store, budget, executor }, clock);
    }
    const elapsed = Date.now() - t0;

    // --- active hours and weekdays, checked against fixed offsets (not the code's Intl path)
    expect(attempts.length).toBeGreaterThan(600);
    for (const a of attempts) {
      const acc = byId.get(a.accountId);
      const w = wallClock(acc?.timeZone ?? "", a.at);
      expect(w.weekday, `${a.actionId} on a weekend`).toBeLessThanOrEqual(5);
      expect(w.minute, `${a.actionId} before 09:00`).toBeGreaterThanOrEqual(9 * 60);
      expect(w.minute, `${a.actionId} after 21:00`).toBeLessThan(21 * 60);
    }
    // New York after the DST change still starts at 09:00 local = 14:00 UTC.
    const nyAfter = attempts.filter(
      (a) => a.accountId === "acc-machine" && a.at > Date.parse("2026-11-02T00:00:00Z"),
    );
    const utcHours = nyAfter.map((a) => new Date(a.at).getUTCHours());
    expect(utcHours.some((h) => h === 14)).toBe(true);
    expect(utcHours.filter((h) => h >= 2 && h < 14)).toHaveLength(0);

    for (const acc of accounts) {
      const mine = attempts.filter((a) => a.accountId === acc.accountId).sort((x, y) => x.at - y.at);
      // --- each day's count ≤ that day's drawn limit ≤ tier cap
      const perDay = new Map<string, number>();
      for (const a of mine)
        perDay.set(
          localTime(a.at, acc.timeZone).day,
          (perDay.get(localTime(a.at, acc.timeZone).day) ?? 0) + 1,
        );
      const limits: number[] = [];
      for (const [day, n] of perDay) {
        const { limit, drawn } = drawDailyLimit(acc, acc.rules, day);
        limits.push(drawn);
        expect(n, `${acc.accountId} ${day}`).toBeLessThanOrEqual(limit);
        expect(limit).toBeLessThanOrEqual(drawn);
        expect(drawn).toBeLessThanOrEqual(TIER_CAPS[acc.tier]);
        expect(drawn).toBeGreaterThanOrEqual(Math.min(acc.rules.dailyMin, TIER_CAPS[acc.tier]));
        expect(drawn).toBeLessThanOrEqual(Math.min(acc.rules.dailyMax, TIER_CAPS[acc.tier]));
      }
      if (acc.accountId !== "acc-founder")
        expect(new Set(limits).size, `${acc.accountId} limits drawn`).toBeGreaterThan(1);
      // --- every rolling 7 days ≤ 150
      for (let i = 0; i < mine.length; i++) {
        const at = mine[i]?.at ?? 0;
        const inWeek = mine.filter((b) => b.at > at - WEEK && b.at <= at).length;
        expect(inWeek, `${acc.accountId} week ending ${new Date(at).toISOString()}`).toBeLessThanOrEqual(150);
      }
      // --- every gap ≥ 15 min, and the gaps are not constant
      const gaps = mine.slice(1).map((a, i) => (a.at - (mine[i]?.at ?? 0)) / MINUTE);
      expect(Math.min(...gaps), `${acc.accountId} min gap`).toBeGreaterThanOrEqual(15);
      const sameDay = gaps.filter((g) => g < 60);
      const mean = sameDay.reduce((s, g) => s + g, 0) / sameDay.length;
      const sd = Math.sqrt(sameDay.reduce((s, g) => s + (g - mean) ** 2, 0) / sameDay.length);
      // A uniform draw over ±jitter has sd = 2·jitter/√12; a fixed interval would have 0.
      expect(sd, `${acc.accountId} gap spread`).toBeGreaterThan(
        (0.6 * 2 * acc.rules.gapJitterMinutes) / Math.sqrt(12),
      );
      // The tick runs once a minute, so realised gaps are whole minutes: most of the range occurs.
      expect(new Set(sameDay.map(Math.round)).size, `${acc.accountId} distinct gaps`).toBeGreaterThanOrEqual(
        Math.min(12, 1.5 * acc.rules.gapJitterMinutes),
      );
    }
    // The machine account hits the weekly cap (its day would allow more).
    const machine = attempts.filter((a) => a.accountId === "acc-machine").sort((x, y) => x.at - y.at);
    const peak = Math.max(
      ...machine.map((a) => machine.filter((b) => b.at > a.at - WEEK && b.at <= a.at).length),
    );
    expect(peak).toBe(150);
    // The new founder account warms up: day one is well under its drawn limit.
    const founder = byId.get("acc-founder");
    if (founder) {
      const d0 = drawDailyLimit(founder, founder.rules, localTime(START + 12 * HOUR, founder.timeZone).day);
      expect(d0.limit).toBeLessThan(d0.drawn);
    }

    // --- 429: invitations pause 24 h, then 72 h on repeat within a week, with alerts
    const growth429 = attempts.filter((a) => a.accountId === "acc-growth" && a.outcome === "rate_limited");
    expect(growth429).toHaveLength(2);
    const [first, second] = growth429.map((a) => a.at) as [number, number];
    expect(second - first).toBeLessThan(WEEK);
    const growthInvitesAt = attempts
      .filter((a) => a.accountId === "acc-growth" && a.kind === "send_invite")
      .map((a) => a.at);
    expect(growthInvitesAt.filter((t) => t > first && t < first + 24 * HOUR)).toHaveLength(0);
    expect(growthInvitesAt.filter((t) => t > second && t < second + 72 * HOUR)).toHaveLength(0);
    expect(growthInvitesAt.some((t) => t >= first + 24 * HOUR && t < second)).toBe(true);
    expect(growthInvitesAt.some((t) => t >= second + 72 * HOUR)).toBe(true);
    // Only invitations pause: messages keep flowing during the first pause's active hours.
    expect(
      attempts.some(
        (a) => a.accountId === "acc-growth" && a.kind === "send_message" && a.at > first && a.at < second,
      ),
    ).toBe(true);
    expect(alerts.map((a) => a.message)).toEqual([
      expect.stringContaining("paused 24 h"),
      expect.stringContaining("paused 72 h"),
    ]);

    // --- 422 cannot_resend_yet is final: one attempt each, never retried
    const failed422 = actions.filter((a) => a.error === "cannot_resend_yet");
    expect(failed422.length).toBeGreaterThan(0);
    for (const a of failed422) {
      expect(a.status).toBe("failed");
      expect(attempts.filter((x) => x.actionId === a.id)).toHaveLength(1);
    }

    // --- invitations pending 21 days are withdrawn, and nobody is re-invited within 3 weeks
    expect(withdrawalsDone).toHaveLength(12);
    for (const w of withdrawalsDone) expect(w.at - w.inviteExecutedAt).toBeGreaterThanOrEqual(21 * DAY);
    for (const w of withdrawalsDone) {
      const again = attempts.filter((a) => a.kind === "send_invite" && a.target === w.target && a.at > w.at);
      expect(again.filter((a) => a.at < w.at + 21 * DAY)).toHaveLength(0);
    }
    expect(reinvites.length).toBe(12);
    for (const r of reinvites) {
      expect(r.status).toBe("blocked_limit");
      expect(r.log.at(-1)?.decision).toBe("reinvite_blocked");
    }

    // --- what was sent is byte for byte what was approved
    for (const a of attempts) {
      const action = actions.find((x) => x.id === a.actionId);
      expect(a.text).toBe(action?.approvedText);
    }
    // Every wait has a logged reason.
    for (const a of actions) for (const l of a.log) expect(l.reason.length).toBeGreaterThan(5);
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);
});
