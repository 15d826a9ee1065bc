import { costLedger, guardrailAlerts } from "../../drizzle/schema";
import type { Actor } from "../core/actor";
import type { Db } from "../core/db";
import { LimitReached } from "../core/errors";
import { newId } from "../core/ids";
import { UserDirectory } from "../identity/directory";
import type { JobRegistry } from "../jobs/registry";
import type { JobRow } from "../jobs/store";
import {
  type Admission,
  type CostEntry,
  JobFailure,
  type JobType,
  type ProviderGate,
  type SpendGuard,
} from "../jobs/types";
import type { BucketCheck, TryResult } from "./counter";
import { type MessageKey, type MessageVar, message } from "./messages";
import { type Guardrails, loadGuardrails } from "./settings";
import { dayKey, monthKey, secondsToNextDay, secondsToNextMonth } from "./time";

const B = {
  usdDay: (now: number) => `usd:day:${dayKey(now)}`,
  usdMonth: (now: number) => `usd:month:${monthKey(now)}`,
  jobs: (now: number, type: string) => `jobs:day:${dayKey(now)}:${type}`,
};

type Scope = "global" | `user:${string}` | `provider:${string}`;

/** A caller that died mid-call gives its hold back after this long (a Gemini call times out at 2 min). */
const CALL_HOLD_MS = 10 * 60_000;
/** A job's accept-time estimate is held until it starts (or this long, if it never does). */
const ACCEPT_HOLD_MS = 30 * 60_000;

/**
 * Cost guardrails (FR15): checked before a job is accepted (its estimate) and before every paid
 * call (actual spend so far), counted atomically in a Durable Object per scope. Fails closed: if
 * a check cannot run, the job or call is refused.
 */
export class GuardrailService implements SpendGuard, ProviderGate {
  constructor(
    private readonly db: Db,
    private readonly counters: DurableObjectNamespace<import("./counter").BudgetCounter>,
    private readonly registry: JobRegistry,
    /** Jobs per type the user created since a time (the engine's; guardrails never read `jobs`). */
    private readonly jobCounts: (userId: string, since: number) => Promise<Record<string, number>>,
    private readonly now: () => number = Date.now,
  ) {}

  private counter(scope: Scope) {
    return this.counters.get(this.counters.idFromName(scope));
  }

  isAi(def: JobType, g: Guardrails): boolean {
    return g.aiJobTypes.length ? g.aiJobTypes.includes(def.type) : def.estimateCostUsd !== undefined;
  }

  private locale(userId: string): Promise<"pt-BR" | "en"> {
    return new UserDirectory(this.db).locale(userId);
  }

  private async alert(
    kind: typeof guardrailAlerts.$inferInsert.kind,
    scope: string,
    userId: string | null,
    msg: string,
    data: unknown,
  ) {
    const now = this.now();
    await this.db
      .insert(guardrailAlerts)
      .values({ id: newId(), kind, scope, userId, message: msg, data, day: dayKey(now), at: now });
    console.warn(JSON.stringify({ level: "warn", msg: "guardrail", kind, scope, userId }));
  }

  private async refuse(
    actor: Actor,
    key: MessageKey,
    retryAfter: number,
    data: Record<string, unknown>,
    vars: Record<string, MessageVar> = {},
  ): Promise<never> {
    const text = message(key, await this.locale(actor.userId), vars);
    await this.alert(
      key === "killSwitch" ? "kill_switch" : "limit_exceeded",
      String(data.scope ?? "global"),
      actor.userId,
      text,
      { ...data, messageKey: key, params: vars },
    );
    throw new LimitReached(text, retryAfter, key === "killSwitch" ? "kill_switch" : "limit_exceeded");
  }

  /**
   * The enqueue hook: refuse with 429 before anything is stored or sent. Returns how to give the
   * taken count back if the job is then not created.
   */
  beforeEnqueue = async (
    actor: Actor,
    def: JobType,
    input: unknown,
    idempotencyKey: string | undefined,
    jobId: string,
  ): Promise<(() => Promise<void>) | undefined> => {
    const g = await loadGuardrails(this.db);
    const now = this.now();
    const ai = this.isAi(def, g);
    if (ai && g.killSwitch) await this.refuse(actor, "killSwitch", 3600, { scope: "global", type: def.type });
    const estimate = ai ? (def.estimateCostUsd?.(input as never) ?? 0) : 0;
    const perDay = g.userJobsPerDay[def.type];
    const userChecks: BucketCheck[] = [];
    if (perDay !== undefined)
      // Racing copies of one idempotent request count once (the DO remembers the key).
      userChecks.push({ bucket: B.jobs(now, def.type), add: 1, need: 1, limit: perDay, key: idempotencyKey });
    const userScope: Scope = `user:${actor.userId}`;
    const u: TryResult = userChecks.length
      ? await this.counter(userScope).tryAdd(userChecks)
      : { ok: true, totals: {}, counted: [] };
    // Gives back only what this request counted: a racing copy of a keyed request counted nothing.
    const counted = u.ok ? u.counted : [];
    const release = async () => {
      if (counted.length)
        await this.counter(userScope).undo(
          counted.map((bucket) => ({ bucket, amount: 1, key: idempotencyKey })),
        );
    };
    if (!u.ok) {
      const countHit = u.bucket.startsWith("jobs:");
      await this.refuse(
        actor,
        countHit ? "jobsPerDay" : "userDaily",
        secondsToNextDay(now),
        { scope: userScope, ...u, estimate },
        // Named as a person calls it ("Carrossel"), not by its key.
        { type: def.name ?? { "pt-BR": def.type, en: def.type }, limit: perDay ?? 0 },
      );
    }
    if (!ai) return userChecks.length ? release : undefined;
    // The estimate is reserved (not just compared), so racing accepts cannot pass a limit together.
    const hold = this.acceptHoldId(jobId);
    const ur = await this.counter(userScope).reserve(
      hold,
      [{ bucket: B.usdDay(now), amount: estimate, limit: g.userDailyUsd }],
      now,
      ACCEPT_HOLD_MS,
    );
    if (!ur.ok) {
      await release();
      await this.refuse(actor, "userDaily", secondsToNextDay(now), { scope: userScope, ...ur, estimate });
    }
    const gl = await this.counter("global").reserve(
      hold,
      [
        { bucket: B.usdDay(now), amount: estimate, limit: g.globalDailyUsd },
        { bucket: B.usdMonth(now), amount: estimate, limit: g.globalMonthlyUsd },
      ],
      now,
      ACCEPT_HOLD_MS,
    );
    const releaseAll = async () => {
      await Promise.all([release(), this.release(actor.userId, hold)]);
    };
    if (!gl.ok) {
      // Give back the count and the hold we just took for this user.
      await releaseAll();
      const monthly = gl.bucket.startsWith("usd:month");
      await this.refuse(
        actor,
        monthly ? "globalMonthly" : "globalDaily",
        monthly ? secondsToNextMonth(now) : secondsToNextDay(now),
        { scope: "global", ...gl, estimate },
      );
    }
    return releaseAll;
  };

  acceptHoldId(jobId: string): string {
    return `accept:${jobId}`;
  }

  /**
   * Before every paid AI call inside a running job: reserves the call's estimate in the user's
   * and the global counter (each atomic), so N concurrent calls can never pass a limit. The job's
   * accept-time estimate, if still held, makes way in the same step.
   */
  async reserve(
    actor: Actor,
    job: { id: string; type: string },
    estimateUsd: number,
    what: string,
  ): Promise<string> {
    const g = await loadGuardrails(this.db);
    const now = this.now();
    const locale = await this.locale(actor.userId);
    const stop = (msg: string, retryAfterS: number): never => {
      // The refused call (`what`, in English) is kept in the alert, not in the person's message.
      throw new JobFailure("budget_exceeded", msg, true, retryAfterS * 1000, false);
    };
    if (g.killSwitch) stop(message("killSwitch", locale), 3600);
    const hold = `call:${job.id}:${newId()}`;
    const accepted = this.acceptHoldId(job.id);
    const u = await this.counter(`user:${actor.userId}`).reserve(
      hold,
      [{ bucket: B.usdDay(now), amount: estimateUsd, limit: g.userDailyUsd }],
      now,
      CALL_HOLD_MS,
      accepted,
    );
    const gl = u.ok
      ? await this.counter("global").reserve(
          hold,
          [
            { bucket: B.usdDay(now), amount: estimateUsd, limit: g.globalDailyUsd },
            { bucket: B.usdMonth(now), amount: estimateUsd, limit: g.globalMonthlyUsd },
          ],
          now,
          CALL_HOLD_MS,
          accepted,
        )
      : null;
    if (u.ok && gl?.ok) return hold;
    if (u.ok) await this.counter(`user:${actor.userId}`).settle(hold, []);
    const breach = !u.ok
      ? ("userDaily" as const)
      : gl && !gl.ok && gl.bucket.startsWith("usd:month")
        ? ("globalMonthly" as const)
        : ("globalDaily" as const);
    const text = message(breach, locale);
    await this.alert(
      "budget_exceeded",
      breach === "userDaily" ? `user:${actor.userId}` : "global",
      actor.userId,
      text,
      { jobId: job.id, what, estimateUsd, messageKey: breach, params: {} },
    );
    return stop(text, breach === "globalMonthly" ? secondsToNextMonth(now) : secondsToNextDay(now));
  }

  /** Gives a hold back in both counters (a call that never happened, a job that started). */
  async release(userId: string, holdId: string): Promise<void> {
    await Promise.all([
      this.counter(`user:${userId}`).settle(holdId, []),
      this.counter("global").settle(holdId, []),
    ]);
  }

  /** After every paid call: the ledger row, the counters, and the once-a-day 80 % warning. */
  async record(
    actor: Actor,
    job: { id: string; type: string },
    entry: CostEntry,
    holdId?: string,
  ): Promise<void> {
    const now = this.now();
    await this.db.insert(costLedger).values({
      id: newId(),
      userId: actor.userId,
      jobId: job.id,
      jobType: job.type,
      model: entry.model,
      kind: entry.kind,
      inputTokens: entry.inputTokens ?? 0,
      outputTokens: entry.outputTokens ?? 0,
      images: entry.images ?? 0,
      usd: entry.usd,
      day: dayKey(now),
      month: monthKey(now),
      at: now,
    });
    const add = [
      { bucket: B.usdDay(now), amount: entry.usd },
      { bucket: B.usdMonth(now), amount: entry.usd },
    ];
    // Settling replaces the reserved estimate by the real cost (a lower cost gives the rest back).
    const hold = holdId ?? `none:${newId()}`;
    const [u, gl] = await Promise.all([
      this.counter(`user:${actor.userId}`).settle(hold, add),
      this.counter("global").settle(hold, add),
    ]);
    const g = await loadGuardrails(this.db);
    const locale = await this.locale(actor.userId);
    for (const [scope, totals, limit] of [
      [`user:${actor.userId}`, u, g.userDailyUsd],
      ["global", gl, g.globalDailyUsd],
    ] as const) {
      const spent = totals[B.usdDay(now)] ?? 0;
      if (
        limit > 0 &&
        spent >= limit * g.warnAtFraction &&
        (await this.counter(scope as Scope).once(`warned:${dayKey(now)}`))
      ) {
        await this.alert(
          "warning_80",
          scope,
          actor.userId,
          message("warn", locale, { pct: Math.round(g.warnAtFraction * 100) }),
          { spent, limit, messageKey: "warn", params: { pct: Math.round(g.warnAtFraction * 100) } },
        );
      }
    }
  }

  /** Provider-wide requests-per-minute gate (ProviderGate). */
  async acquire(provider: string): Promise<number> {
    const g = await loadGuardrails(this.db);
    const limit = g.providerRpm[provider];
    if (limit === undefined) return 0;
    return this.counter(`provider:${provider}`).acquireRate(limit, this.now());
  }

  /** After a provider's 429: every job waits out its Retry-After, not just the one that got it. */
  async pause(provider: string, ms: number): Promise<void> {
    await this.counter(`provider:${provider}`).pauseUntil(this.now() + ms);
  }

  /** Claim condition: at most N running AI jobs per user; the rest wait `queued`. */
  admission = async (_row: JobRow, def: JobType): Promise<Admission | undefined> => {
    const g = await loadGuardrails(this.db);
    if (!this.isAi(def, g)) return undefined;
    const types = g.aiJobTypes.length
      ? g.aiJobTypes
      : this.registry
          .list()
          .filter((t) => t.estimateCostUsd !== undefined)
          .map((t) => t.type);
    return { maxRunning: g.maxConcurrentAiJobsPerUser, types };
  };

  /** `GET /api/usage`: what the caller (and the company) spent against the limits. */
  async usage(actor: Actor) {
    const g = await loadGuardrails(this.db);
    const now = this.now();
    const day = dayKey(now);
    const month = monthKey(now);
    const [u, gl, jobsToday] = await Promise.all([
      this.counter(`user:${actor.userId}`).get([B.usdDay(now), B.usdMonth(now)]),
      this.counter("global").get([B.usdDay(now), B.usdMonth(now)]),
      // Since São Paulo's midnight (UTC−3), the day the limits count in.
      this.jobCounts(actor.userId, now - ((now - 3 * 3_600_000) % 86_400_000)),
    ]);
    const counts = await this.counter(`user:${actor.userId}`).get(
      Object.keys(g.userJobsPerDay).map((t) => B.jobs(now, t)),
    );
    const userDay = u[B.usdDay(now)] ?? 0;
    const globalDay = gl[B.usdDay(now)] ?? 0;
    const frac = (a: number, b: number) => (b > 0 ? a / b : 1);
    return {
      day,
      month,
      killSwitch: g.killSwitch,
      user: {
        usdToday: round(userDay),
        usdMonth: round(u[B.usdMonth(now)] ?? 0),
        limitUsdDay: g.userDailyUsd,
        jobsToday,
        limitedJobsToday: Object.fromEntries(
          Object.entries(g.userJobsPerDay).map(([t, limit]) => [
            t,
            { used: counts[B.jobs(now, t)] ?? 0, limit },
          ]),
        ),
      },
      global: {
        usdToday: round(globalDay),
        usdMonth: round(gl[B.usdMonth(now)] ?? 0),
        limitUsdDay: g.globalDailyUsd,
        limitUsdMonth: g.globalMonthlyUsd,
      },
      warning:
        frac(userDay, g.userDailyUsd) >= g.warnAtFraction ||
        frac(globalDay, g.globalDailyUsd) >= g.warnAtFraction,
      warnAtFraction: g.warnAtFraction,
      resetsInSeconds: secondsToNextDay(now),
    };
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
