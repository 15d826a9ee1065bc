import { defaultRules, nextWindowStart } from "./governor";
import { addDays, hhmmToMinute, instantOf, localTime } from "./time";

/**
 * The governor's clock. In production it is the wall clock. In development a time-lapse can
 * replace it (`OUTREACH_DEV_CLOCK=<real anchor ms>x<speed>`), so a demo or a browser test sees
 * the 30 ± 15 min gaps and the day's limit play out in seconds, at any hour of the real day.
 *
 * The time-lapse runs only through the default active windows (weekdays 09:00–21:00 in
 * America/Sao_Paulo, where demo accounts live) and jumps over nights and weekends, so the demo
 * never stalls for real hours waiting for a morning. It is a pure, strictly increasing function
 * of the real time: every Worker isolate agrees on it, and the budget Durable Object never sees
 * time go backwards.
 */
export interface OutreachClock {
  now(): number;
  /** 1 on the wall clock; the time-lapse factor in development. */
  speed: number;
}

export const wallClock: OutreachClock = { now: () => Date.now(), speed: 1 };

const LAPSE_TZ = "America/Sao_Paulo";

/** Parses `<real anchor ms>x<speed>`; null when the value is not one. */
export function parseDevClock(raw: string): { anchor: number; speed: number } | null {
  const m = /^(\d{12,14})x(\d{1,4})$/.exec(raw.trim());
  if (!m) return null;
  const anchor = Number(m[1]);
  const speed = Number(m[2]);
  return speed >= 1 ? { anchor, speed } : null;
}

/** Virtual instant for a real one: active time elapsed × speed, laid over the active windows. */
export function lapseAt(real: number, anchor: number, speed: number): number {
  const rules = { ...defaultRules("growth"), weekdays: [1, 2, 3, 4, 5] };
  const close = hhmmToMinute(rules.activeTo);
  let cur = nextWindowStart(anchor, rules, LAPSE_TZ);
  let left = Math.max(0, real - anchor) * speed;
  // One iteration per active window crossed: a few hundred after hours of real time at most.
  for (;;) {
    const end = instantOf(localTime(cur, LAPSE_TZ).day, close, LAPSE_TZ);
    if (left < end - cur) return cur + left;
    left -= end - cur;
    cur = nextWindowStart(instantOf(addDays(localTime(cur, LAPSE_TZ).day, 1), 0, LAPSE_TZ), rules, LAPSE_TZ);
  }
}

export function devClock(anchor: number, speed: number): OutreachClock {
  return { now: () => lapseAt(Date.now(), anchor, speed), speed };
}
