import type { EngagementKind } from "../../drizzle/schema/leads";

/** points and half-life (days) per signal, from domain.md §5.2. */
const ENGAGEMENT_TABLE: Record<EngagementKind, { points: number; halfLifeDays: number }> = {
  rfq: { points: 50, halfLifeDays: 90 },
  meeting_booked: { points: 40, halfLifeDays: 90 },
  message_reply: { points: 25, halfLifeDays: 30 },
  pricing_page: { points: 15, halfLifeDays: 14 },
  content_download: { points: 15, halfLifeDays: 60 },
  linkedin_comment: { points: 10, halfLifeDays: 30 },
  invite_accepted: { points: 10, halfLifeDays: 60 },
  email_click: { points: 5, halfLifeDays: 30 },
  site_visit: { points: 3, halfLifeDays: 14 },
  linkedin_like: { points: 3, halfLifeDays: 14 },
  email_open: { points: 1, halfLifeDays: 7 },
  unsubscribe: { points: -100, halfLifeDays: 365 },
  bounce: { points: -50, halfLifeDays: 365 },
};

const MAX_PER_KIND_PER_DAY = 20;
const DAY_MS = 86_400_000;

export interface EngagementContribution {
  id: string;
  kind: EngagementKind;
  occurredAt: number;
  points: number;
}

/**
 * Engagement 0–100: each event decays with its kind's half-life; at most 20 events count per kind
 * per lead per day (the rest score 0 but stay in the timeline).
 */
export function engagementScore(
  events: ReadonlyArray<{ id: string; kind: EngagementKind; occurredAt: number }>,
  now: number,
): { score: number; contributions: EngagementContribution[] } {
  const perDay = new Map<string, number>();
  const sorted = [...events].sort((a, b) => a.occurredAt - b.occurredAt);
  const contributions = sorted.map((e) => {
    const key = `${e.kind}:${Math.floor(e.occurredAt / DAY_MS)}`;
    const n = (perDay.get(key) ?? 0) + 1;
    perDay.set(key, n);
    const { points, halfLifeDays } = ENGAGEMENT_TABLE[e.kind];
    const ageDays = Math.max(0, (now - e.occurredAt) / DAY_MS);
    const value = n > MAX_PER_KIND_PER_DAY ? 0 : points * 0.5 ** (ageDays / halfLifeDays);
    return { id: e.id, kind: e.kind, occurredAt: e.occurredAt, points: Math.round(value * 100) / 100 };
  });
  const sum = contributions.reduce((s, c) => s + c.points, 0);
  return { score: Math.round(Math.min(100, Math.max(0, sum)) * 100) / 100, contributions };
}

/** domain.md §5.3: engagement lifts the fit score by up to 2 points. */
export function leadScore(fit: number, engagement: number): number {
  return Math.round(Math.min(10, fit + (2.0 * engagement) / 100) * 100) / 100;
}

export function heatOf(score: number | null | undefined): "HOT" | "WARM" | "COLD" {
  const s = score ?? 0;
  return s >= 9.0 ? "HOT" : s >= 7.0 ? "WARM" : "COLD";
}

export const HEAT_LABEL = { HOT: "HOT 🔥", WARM: "WARM ⚠️", COLD: "COLD ❄️" } as const;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The scores that follow from a ranked fit and a (fresh) engagement, without asking the Python
 * service again: lead score and heat (capped, §5.3), priority (uncapped, §5.3 ordering), and the
 * breakdown's engagement and cap entries rewritten so its points still sum to the lead score.
 */
export function withEngagement(
  r: {
    fitScore: number;
    rawFit: number;
    breakdown: ReadonlyArray<{ factor: string; points: number; detail: string }>;
  },
  engagement: number,
) {
  const engagementPoints = round2((2.0 * engagement) / 100);
  const ls = leadScore(r.fitScore, engagement);
  const kept = r.breakdown.filter((f) => f.factor !== "engagement" && f.factor !== "cap");
  const breakdown = [...kept];
  if (engagementPoints) {
    breakdown.push({
      factor: "engagement",
      points: engagementPoints,
      detail: `Engagement ${engagement}/100`,
    });
  }
  const uncapped = breakdown.reduce((s, f) => s + f.points, 0);
  if (kept.length > 0 && Math.abs(uncapped - ls) > 0.005) {
    breakdown.push({ factor: "cap", points: round2(ls - uncapped), detail: "Score limited to 0–10" });
  }
  // Heat from the unrounded score, as the Python service does: 8.996 is WARM, not a rounded 9.0.
  const exact = Math.min(10, r.fitScore + (2.0 * engagement) / 100);
  return {
    engagementScore: engagement,
    leadScore: ls,
    heat: heatOf(Math.round(exact * 1e9) / 1e9),
    priority: round2(r.rawFit + engagementPoints),
    breakdown,
  };
}
