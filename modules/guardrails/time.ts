/**
 * Days and months are counted in São Paulo time (UTC−3, no DST since 2019): "daily limit" means
 * the company's day, not UTC's.
 */
const OFFSET_MS = -3 * 3_600_000;

const local = (now: number) => new Date(now + OFFSET_MS);

export const dayKey = (now: number): string => local(now).toISOString().slice(0, 10);
export const monthKey = (now: number): string => local(now).toISOString().slice(0, 7);

export function secondsToNextDay(now: number): number {
  const d = local(now);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - OFFSET_MS;
  return Math.max(1, Math.ceil((next - now) / 1000));
}

export function secondsToNextMonth(now: number): number {
  const d = local(now);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - OFFSET_MS;
  return Math.max(1, Math.ceil((next - now) / 1000));
}
