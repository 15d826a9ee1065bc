import { describe, expect, it } from "vitest";
import { nearestLimit } from "./near-limit";
import type { Usage } from "./usage";

const usage = (over: Partial<Usage["user"]>, global: Partial<Usage["global"]> = {}): Usage => ({
  day: "2026-12-02",
  month: "2026-12",
  killSwitch: false,
  user: { usdToday: 1, usdMonth: 1, limitUsdDay: 20, jobsToday: {}, limitedJobsToday: {}, ...over },
  global: { usdToday: 1, usdMonth: 1, limitUsdDay: 50, limitUsdMonth: 500, ...global },
  warning: false,
  warnAtFraction: 0.8,
  resetsInSeconds: 3600,
});

describe("nearestLimit (what the usage indicator names)", () => {
  it("names the per-type count when it is the closest", () => {
    const n = nearestLimit(usage({ limitedJobsToday: { "content.carousel": { used: 8, limit: 10 } } }));
    expect(n).toMatchObject({ kind: "jobs", type: "content.carousel", used: 8, limit: 10 });
  });
  it("names the company's daily spend when that is the closest", () => {
    const n = nearestLimit(
      usage({ limitedJobsToday: { "content.carousel": { used: 2, limit: 10 } } }, { usdToday: 42.1 }),
    );
    expect(n).toMatchObject({ kind: "globalToday", used: 42.1, limit: 50 });
  });
  it("names the user's own spend, and the month when it leads", () => {
    expect(nearestLimit(usage({ usdToday: 17 })).kind).toBe("youToday");
    expect(nearestLimit(usage({}, { usdMonth: 480 })).kind).toBe("globalMonth");
  });
});
