import type { FieldError } from "../core/errors";
import { addDays, daysBetween, hhmmToMinute, instantOf, localTime, weekdayOf } from "./time";

/**
 * The safety budget of one LinkedIn account (domain.md §6), as deterministic functions of a
 * state, the rules, an injected clock (`now`) and an injected random source. The Durable Object
 * `AccountBudget` holds one state per account and calls these one request at a time, so every
 * decision is atomic; the simulation test drives the very same functions with a fake clock.
 */

const ACTION_KINDS = ["send_invite", "send_message", "withdraw_invite", "view_profile"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
const TIERS = ["founder", "growth", "sales_machine"] as const;
export type Tier = (typeof TIERS)[number];

/** Invitations a day LinkedIn tolerates per account type (domain.md §6). */
export const TIER_CAPS: Record<Tier, number> = { founder: 15, growth: 30, sales_machine: 80 };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export const BOUNDS = {
  activeFrom: "09:00",
  activeTo: "21:00",
  weeklyCapMax: 150,
  minGapMinutes: 15,
  maxGapMinutes: 240,
  maxWarmupDays: 30,
  pendingInviteDays: 21,
  reinviteBlockDays: 21,
  pauseMs: 24 * HOUR,
  repeatPauseMs: 72 * HOUR,
  repeatWindowMs: WEEK,
} as const;

export interface Rules {
  activeFrom: string;
  activeTo: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  dailyMin: number;
  dailyMax: number;
  weeklyCap: number;
  gapMinutes: number;
  gapJitterMinutes: number;
  /** Days over which a newly connected account ramps up to its drawn limit (0 = none). */
  warmupDays: number;
}

export function defaultRules(tier: Tier): Rules {
  const cap = TIER_CAPS[tier];
  return {
    activeFrom: BOUNDS.activeFrom,
    activeTo: BOUNDS.activeTo,
    weekdays: [1, 2, 3, 4, 5],
    dailyMin: Math.min(20, cap),
    dailyMax: Math.min(40, cap),
    weeklyCap: BOUNDS.weeklyCapMax,
    gapMinutes: 30,
    gapJitterMinutes: 15,
    warmupDays: 14,
  };
}

/** Every way `rules` leaves the domain's bounds for this tier, one entry per field. */
export function rulesProblems(rules: Rules, tier: Tier): FieldError[] {
  const out: FieldError[] = [];
  const cap = TIER_CAPS[tier];
  const from = hhmmToMinute(rules.activeFrom);
  const to = hhmmToMinute(rules.activeTo);
  const lo = hhmmToMinute(BOUNDS.activeFrom);
  const hi = hhmmToMinute(BOUNDS.activeTo);
  if (from < lo || from >= hi)
    out.push({ path: "activeFrom", message: `Must be within ${BOUNDS.activeFrom}–${BOUNDS.activeTo}` });
  if (to <= lo || to > hi)
    out.push({ path: "activeTo", message: `Must be within ${BOUNDS.activeFrom}–${BOUNDS.activeTo}` });
  else if (to <= from) out.push({ path: "activeTo", message: "Must be after activeFrom" });
  if (new Set(rules.weekdays).size !== rules.weekdays.length)
    out.push({ path: "weekdays", message: "Each weekday at most once" });
  if (rules.dailyMax > cap)
    out.push({ path: "dailyMax", message: `At most ${cap} (the ${tier} tier's daily cap)` });
  if (rules.dailyMin > rules.dailyMax) out.push({ path: "dailyMin", message: "Must not exceed dailyMax" });
  if (rules.weeklyCap > BOUNDS.weeklyCapMax)
    out.push({ path: "weeklyCap", message: `At most ${BOUNDS.weeklyCapMax} actions a week` });
  if (rules.gapMinutes - rules.gapJitterMinutes < BOUNDS.minGapMinutes)
    out.push({
      path: "gapMinutes",
      message: `gapMinutes − gapJitterMinutes must be at least ${BOUNDS.minGapMinutes} minutes`,
    });
  if (rules.gapMinutes + rules.gapJitterMinutes > BOUNDS.maxGapMinutes)
    out.push({
      path: "gapJitterMinutes",
      message: `The longest gap must not exceed ${BOUNDS.maxGapMinutes} minutes`,
    });
  return out;
}

export interface AccountProfile {
  accountId: string;
  tier: Tier;
  timeZone: string;
  connectedAt: number;
}

export interface BudgetState {
  /** Per local day: the limit drawn once for that day and what was used. */
  days: Record<string, { limit: number; drawn: number; used: number }>;
  /** Instants of every budgeted action in the last week (the rolling weekly cap). */
  sent: number[];
  /** Earliest instant the next outreach action may go: last action + a freshly drawn gap. */
  nextAt: number;
  lastGapMinutes: number | null;
  pausedUntil: Partial<Record<ActionKind, number>>;
  pauseStarts: Partial<Record<ActionKind, number[]>>;
  pauseReason: Partial<Record<ActionKind, string>>;
  /** Invitation target → when its invitation was withdrawn (no re-invite for 3 weeks). */
  withdrawn: Record<string, number>;
  /** Action id → instant granted: a repeated ask for the same action never counts twice. */
  granted: Record<string, number>;
}

export const emptyState = (): BudgetState => ({
  days: {},
  sent: [],
  nextAt: 0,
  lastGapMinutes: null,
  pausedUntil: {},
  pauseStarts: {},
  pauseReason: {},
  withdrawn: {},
  granted: {},
});

export type Rng = () => number;

export type Decision =
  | { go: true; at: number; gapMinutes: number; nextAt: number; reason: string }
  | {
      go: false;
      status: "blocked_time" | "blocked_limit" | "scheduled";
      code: "paused" | "reinvite_blocked" | "outside_hours" | "daily_limit" | "weekly_cap" | "gap";
      until: number;
      reason: string;
    };

/** A uniform number in [0, 1) from a string: the same account-day always draws the same limit. */
function hashUnit(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** The day's limit: drawn in [dailyMin, dailyMax], never above the tier cap, ramped while warming up. */
export function drawDailyLimit(
  profile: AccountProfile,
  rules: Rules,
  day: string,
): { limit: number; drawn: number } {
  const cap = TIER_CAPS[profile.tier];
  const min = Math.min(rules.dailyMin, cap);
  const max = Math.min(rules.dailyMax, cap);
  const drawn = Math.min(cap, min + Math.floor(hashUnit(`${profile.accountId}:${day}`) * (max - min + 1)));
  const age = daysBetween(localTime(profile.connectedAt, profile.timeZone).day, day);
  if (rules.warmupDays > 0 && age < rules.warmupDays) {
    return { drawn, limit: Math.max(1, Math.ceil((drawn * (Math.max(0, age) + 1)) / rules.warmupDays)) };
  }
  return { drawn, limit: drawn };
}

function today(state: BudgetState, profile: AccountProfile, rules: Rules, now: number) {
  const day = localTime(now, profile.timeZone).day;
  let d = state.days[day];
  if (!d) {
    d = { ...drawDailyLimit(profile, rules, day), used: 0 };
    state.days[day] = d;
  }
  // A limit lowered during the day applies at once; a raised one waits for the next draw.
  const limit = Math.min(d.limit, rules.dailyMax, TIER_CAPS[profile.tier]);
  return { day, entry: d, limit };
}

/** `now` if it falls inside an active window, else the start of the next one. */
export function nextWindowStart(now: number, rules: Rules, tz: string): number {
  const from = hhmmToMinute(rules.activeFrom);
  const to = hhmmToMinute(rules.activeTo);
  const start = localTime(now, tz).day;
  for (let i = 0; i <= 8; i++) {
    const day = addDays(start, i);
    if (!rules.weekdays.includes(weekdayOf(day))) continue;
    const open = instantOf(day, from, tz);
    const close = instantOf(day, to, tz);
    if (now < open) return open;
    if (now < close) return now;
  }
  return now + WEEK;
}

function pruneState(state: BudgetState, now: number): void {
  state.sent = state.sent.filter((t) => t > now - WEEK);
  for (const [id, at] of Object.entries(state.granted)) if (at < now - 8 * DAY) delete state.granted[id];
  for (const [t, at] of Object.entries(state.withdrawn))
    if (at < now - BOUNDS.reinviteBlockDays * DAY) delete state.withdrawn[t];
  const keys = Object.keys(state.days).sort();
  for (const k of keys.slice(0, Math.max(0, keys.length - 10))) delete state.days[k];
}

function weekly(state: BudgetState, rules: Rules, now: number): { count: number; freeAt: number } {
  const inWeek = state.sent.filter((t) => t > now - WEEK).sort((a, b) => a - b);
  const cap = Math.min(rules.weeklyCap, BOUNDS.weeklyCapMax);
  const over = inWeek.length - cap;
  return { count: inWeek.length, freeAt: over >= 0 ? (inWeek[over] ?? now) + WEEK : now };
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Whether one outreach action may go now. On `go` the budget is spent (day, week, gap) before
 * anything is sent, so a crash after the grant can only under-send, never over-send.
 */
export function decide(
  state: BudgetState,
  profile: AccountProfile,
  rules: Rules,
  action: { id: string; kind: ActionKind; target?: string | null | undefined },
  now: number,
  rng: Rng,
): Decision {
  pruneState(state, now);
  const previous = state.granted[action.id];
  // Replays of the same ask (a retried tick) get the same answer, once, shortly after.
  if (previous !== undefined && now - previous < 10 * MINUTE) {
    return {
      go: true,
      at: previous,
      gapMinutes: state.lastGapMinutes ?? 0,
      nextAt: state.nextAt,
      reason: "already granted",
    };
  }
  const paused = state.pausedUntil[action.kind] ?? 0;
  if (paused > now) {
    return {
      go: false,
      status: "blocked_limit",
      code: "paused",
      until: paused,
      reason: `${action.kind} paused until ${iso(paused)} (${state.pauseReason[action.kind] ?? "rate limited"})`,
    };
  }
  if (action.kind === "send_invite" && action.target) {
    const w = state.withdrawn[action.target];
    if (w !== undefined && now < w + BOUNDS.reinviteBlockDays * DAY) {
      const until = w + BOUNDS.reinviteBlockDays * DAY;
      return {
        go: false,
        status: "blocked_limit",
        code: "reinvite_blocked",
        until,
        reason: `invitation to this person was withdrawn ${iso(w)}; no re-invite before ${iso(until)}`,
      };
    }
  }
  const open = nextWindowStart(now, rules, profile.timeZone);
  if (open > now) {
    return {
      go: false,
      status: "blocked_time",
      code: "outside_hours",
      until: open,
      reason: `outside active hours (${rules.activeFrom}–${rules.activeTo} ${profile.timeZone}, weekdays ${rules.weekdays.join(",")}); next window ${iso(open)}`,
    };
  }
  const t = today(state, profile, rules, now);
  if (t.entry.used >= t.limit) {
    const until = nextWindowStart(instantOf(addDays(t.day, 1), 0, profile.timeZone), rules, profile.timeZone);
    return {
      go: false,
      status: "blocked_limit",
      code: "daily_limit",
      until,
      reason: `today's drawn limit reached (${t.entry.used}/${t.limit}, tier cap ${TIER_CAPS[profile.tier]})`,
    };
  }
  const w = weekly(state, rules, now);
  if (w.count >= Math.min(rules.weeklyCap, BOUNDS.weeklyCapMax)) {
    return {
      go: false,
      status: "blocked_limit",
      code: "weekly_cap",
      until: w.freeAt,
      reason: `weekly cap reached (${w.count}/${rules.weeklyCap} in the last 7 days)`,
    };
  }
  if (now < state.nextAt) {
    return {
      go: false,
      status: "scheduled",
      code: "gap",
      until: state.nextAt,
      reason: `waiting the random gap of ${state.lastGapMinutes?.toFixed(1) ?? "?"} min since the last action`,
    };
  }
  const lo = Math.max(BOUNDS.minGapMinutes, rules.gapMinutes - rules.gapJitterMinutes);
  const hi = rules.gapMinutes + rules.gapJitterMinutes;
  // Seconds resolution: never a fixed interval, never under the floor.
  const gapMinutes = Math.round((lo + rng() * (hi - lo)) * 60) / 60;
  t.entry.used += 1;
  state.sent.push(now);
  state.nextAt = now + Math.round(gapMinutes * MINUTE);
  state.lastGapMinutes = gapMinutes;
  state.granted[action.id] = now;
  return {
    go: true,
    at: now,
    gapMinutes,
    nextAt: state.nextAt,
    reason: `go: ${t.entry.used}/${t.limit} today, ${w.count + 1}/${rules.weeklyCap} this week; next gap ${gapMinutes.toFixed(1)} min`,
  };
}

/**
 * Profile visits for enrichment: drawn from the same day and week budget as outreach, so the two
 * features together never pass the account's limits. Not bound to the gap (enrichment paces
 * its own calls ≥ 2 s apart). Returns how many visits were granted (0…n).
 */
export function acquireVisits(
  state: BudgetState,
  profile: AccountProfile,
  rules: Rules,
  n: number,
  now: number,
): number {
  pruneState(state, now);
  if ((state.pausedUntil.view_profile ?? 0) > now) return 0;
  const t = today(state, profile, rules, now);
  const w = weekly(state, rules, now);
  const granted = Math.max(
    0,
    Math.min(n, t.limit - t.entry.used, Math.min(rules.weeklyCap, BOUNDS.weeklyCapMax) - w.count),
  );
  t.entry.used += granted;
  for (let i = 0; i < granted; i++) state.sent.push(now);
  return granted;
}

/** A 429 or restriction signal: pause that action type 24 h, 72 h if it repeats within a week. */
export function reportRateLimit(
  state: BudgetState,
  kind: ActionKind,
  now: number,
  reason: string,
  actionId?: string,
): { until: number; repeat: boolean } {
  // The refused action must earn a fresh grant (and a fresh gap) when the pause ends.
  if (actionId) delete state.granted[actionId];
  const starts = (state.pauseStarts[kind] ?? []).filter((s) => s > now - BOUNDS.repeatWindowMs);
  const repeat = starts.length > 0;
  const until = now + (repeat ? BOUNDS.repeatPauseMs : BOUNDS.pauseMs);
  state.pausedUntil[kind] = Math.max(state.pausedUntil[kind] ?? 0, until);
  state.pauseStarts[kind] = [...starts, now];
  state.pauseReason[kind] = reason;
  return { until, repeat };
}

export function recordWithdrawal(state: BudgetState, target: string, now: number): void {
  state.withdrawn[target] = now;
}

export interface Usage {
  day: string;
  drawnLimit: number;
  tierCap: number;
  today: number;
  week: number;
  weeklyCap: number;
  nextSlotAt: string | null;
  pausedUntil: string | null;
}

export function usage(state: BudgetState, profile: AccountProfile, rules: Rules, now: number): Usage {
  pruneState(state, now);
  const t = today(state, profile, rules, now);
  const w = weekly(state, rules, now);
  const paused = Math.max(0, ...Object.values(state.pausedUntil).map((v) => v ?? 0));
  let next = Math.max(now, state.nextAt);
  if (t.entry.used >= t.limit) next = instantOf(addDays(t.day, 1), 0, profile.timeZone);
  if (w.count >= rules.weeklyCap) next = Math.max(next, w.freeAt);
  next = nextWindowStart(next, rules, profile.timeZone);
  return {
    day: t.day,
    drawnLimit: t.limit,
    tierCap: TIER_CAPS[profile.tier],
    today: t.entry.used,
    week: w.count,
    weeklyCap: rules.weeklyCap,
    nextSlotAt: iso(next),
    pausedUntil: paused > now ? iso(paused) : null,
  };
}

/** Invitations sent more than 21 days ago, neither accepted nor withdrawn: withdraw them. */
export function invitesToWithdraw<
  T extends { executedAt: number | null; acceptedAt: number | null; withdrawn: boolean },
>(invites: T[], now: number): T[] {
  const cutoff = now - BOUNDS.pendingInviteDays * DAY;
  return invites.filter(
    (i) => i.executedAt !== null && i.executedAt <= cutoff && i.acceptedAt === null && !i.withdrawn,
  );
}
