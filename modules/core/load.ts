import type { MiddlewareHandler } from "hono";

/**
 * How many API requests this isolate is serving right now (decision 0029). A job enqueued while
 * the isolate serves no other request starts from its own request (the lowest latency); one
 * enqueued beside others is left to the queue consumer, whose batches share their round trips, so
 * a burst or a steady stream costs less CPU per job and every answer comes sooner.
 */
let serving = 0;

/** Counts a request from its first middleware until its response is ready. */
export const countServing: MiddlewareHandler = async (_c, next) => {
  serving++;
  try {
    await next();
  } finally {
    serving--;
  }
};

/** True when the current request is the only one in flight in this isolate. */
export function servingAlone(): boolean {
  return serving <= 1;
}
