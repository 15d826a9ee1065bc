import type { Usage } from "./usage";

const fraction = (used: number, limit: number) => (limit > 0 ? used / limit : used > 0 ? 1 : 0);

/** Which daily (or monthly) limit is closest to being hit — what the indicator names. */
export type NearLimit =
  | { kind: "jobs"; type: string; used: number; limit: number; fraction: number }
  | { kind: "youToday" | "globalToday" | "globalMonth"; used: number; limit: number; fraction: number };

/** The highest fraction among the user's USD, each per-type job limit and the company's USD. */
export function nearestLimit(u: Usage): NearLimit {
  const candidates: NearLimit[] = [
    ...Object.entries(u.user.limitedJobsToday).map(([type, { used, limit }]) => ({
      kind: "jobs" as const,
      type,
      used,
      limit,
      fraction: fraction(used, limit),
    })),
    {
      kind: "youToday",
      used: u.user.usdToday,
      limit: u.user.limitUsdDay,
      fraction: fraction(u.user.usdToday, u.user.limitUsdDay),
    },
    {
      kind: "globalToday",
      used: u.global.usdToday,
      limit: u.global.limitUsdDay,
      fraction: fraction(u.global.usdToday, u.global.limitUsdDay),
    },
    {
      kind: "globalMonth",
      used: u.global.usdMonth,
      limit: u.global.limitUsdMonth,
      fraction: fraction(u.global.usdMonth, u.global.limitUsdMonth),
    },
  ];
  // Earlier entries win ties, so a per-type count ("8 de 10 carrosséis") is named before money.
  return candidates.reduce((best, c) => (c.fraction > best.fraction ? c : best));
}
