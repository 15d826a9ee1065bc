import type { MiddlewareHandler } from "hono";

/**
 * The API requests this isolate is serving right now (decision 0029). A job enqueued while the
 * isolate serves no other request starts from its own request (the lowest latency); one enqueued
 * beside others is left to the queue consumer, whose batches share their round trips, so a burst
 * or a steady stream costs less CPU per job and every answer comes sooner.
 *
 * Each request is remembered with its start time rather than counted: a request the runtime
 * cancels (its client went away) may never run its `finally`, and a plain counter would then stay
 * raised for the isolate's lifetime, turning direct starts off for good. One older than
 * `STALE_MS` no longer counts.
 */
const serving = new Set<{ at: number }>();
const STALE_MS = 30_000;

/** Remembers a request from its first middleware until its response is ready. */
export const countServing: MiddlewareHandler = async (_c, next) => {
  const entry = { at: Date.now() };
  serving.add(entry);
  try {
    await next();
  } finally {
    serving.delete(entry);
  }
};

/** True when the current request is the only one in flight in this isolate. */
export function servingAlone(): boolean {
  const now = Date.now();
  let live = 0;
  for (const entry of serving) {
    if (now - entry.at > STALE_MS) serving.delete(entry);
    else live++;
  }
  return live <= 1;
}
