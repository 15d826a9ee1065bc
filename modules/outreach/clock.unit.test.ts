import { describe, expect, it } from "vitest";
import { lapseAt, parseDevClock } from "./clock";
import { daysBetween, localTime } from "./time";

const TZ = "America/Sao_Paulo";
const MIN = 60_000;

describe("the development time-lapse of the governor's clock", () => {
  // Tuesday 2026-12-01 23:35 in São Paulo: outside active hours, as a late-night e2e run is.
  const anchor = Date.parse("2026-12-02T02:35:00Z");

  it("starts at the next active window and runs `speed` times faster inside it", () => {
    expect(new Date(lapseAt(anchor, anchor, 120)).toISOString()).toBe("2026-12-02T12:00:00.000Z");
    expect(lapseAt(anchor + 10_000, anchor, 120) - lapseAt(anchor, anchor, 120)).toBe(20 * MIN);
  });

  it("never leaves weekday 09:00–21:00 and never goes backwards, over a real day", () => {
    let prev = -1;
    const days = new Set<string>();
    for (let real = anchor; real < anchor + 24 * 60 * MIN; real += 20 * MIN) {
      const v = lapseAt(real, anchor, 120);
      const t = localTime(v, TZ);
      expect(v).toBeGreaterThan(prev);
      expect(t.weekday).toBeLessThanOrEqual(5);
      expect(t.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(t.minute).toBeLessThan(21 * 60);
      days.add(t.day);
      prev = v;
    }
    // 24 real hours × 120 = 240 active 12-hour days, laid over weekdays only: ~335 calendar days.
    const span = [...days].sort();
    expect(daysBetween(span[0] ?? "", span.at(-1) ?? "")).toBeGreaterThan(320);
  });

  it("parses only `<ms>x<speed>`", () => {
    expect(parseDevClock("1764642900000x120")).toEqual({ anchor: 1764642900000, speed: 120 });
    for (const bad of ["", "120", "1764642900000x0", "1764642900000*120", "abcx2"])
      expect(parseDevClock(bad)).toBeNull();
  });
});
