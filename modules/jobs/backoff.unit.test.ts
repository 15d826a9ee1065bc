import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 };

describe("backoff with equal jitter", () => {
  it("doubles per attempt and keeps half of it fixed", () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(500);
    expect(backoffMs(policy, 1, () => 1)).toBe(1000);
    expect(backoffMs(policy, 3, () => 0)).toBe(2000);
    expect(backoffMs(policy, 3, () => 1)).toBe(4000);
  });
  it("never exceeds the cap", () => {
    for (let a = 1; a < 30; a++) expect(backoffMs(policy, a)).toBeLessThanOrEqual(10_000);
    expect(backoffMs(policy, 20, () => 0)).toBe(5000);
  });
  it("spreads jobs that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(policy, 4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
