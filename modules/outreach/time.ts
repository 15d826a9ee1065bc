/**
 * Wall-clock helpers for an IANA time zone. The governor reasons in the account's local time
 * (active hours, weekdays, "today"), so every conversion goes through Intl, which knows DST.
 */
export interface LocalTime {
  /** yyyy-mm-dd in the zone: the key of an account-day. */
  day: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
}
// True when `tz` is an IANA zone this runtime knows: one definition, in the wire contract (it
// validates a request's time zone).

function parts(t: number, tz: string) {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(t)) out[p.type] = p.value;
  return {
    y: Number(out.year),
    m: Number(out.month),
    d: Number(out.day),
    h: Number(out.hour),
    mi: Number(out.minute),
    s: Number(out.second),
    wd: WEEKDAYS[out.weekday ?? ""] ?? 1,
  };
}

export function localTime(t: number, tz: string): LocalTime {
  const p = parts(t, tz);
  const day = `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
  return { day, weekday: p.wd, minute: p.h * 60 + p.mi };
}

/** Offset of the zone from UTC at instant t, in ms (local = utc + offset). */
function offsetAt(t: number, tz: string): number {
  const p = parts(t, tz);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The instant at which the zone's wall clock shows `day` (yyyy-mm-dd) at `minute`. */
export function instantOf(day: string, minute: number, tz: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  // Two passes settle the offset across a DST change.
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  return t;
}

/** The day key `n` calendar days after `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday of a day key. */
export function weekdayOf(day: string): number {
  const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export const hhmmToMinute = (s: string): number => {
  const [h, m] = s.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
