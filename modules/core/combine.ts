import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Group commit: while one call to a shared resource (a D1 batch, a Durable Object RPC) is in
 * flight, the calls that arrive queue up and then go out together as the next one. A lone caller
 * goes at once, so nothing waits on a timer; under load, N callers share one round trip. A small
 * job's writes and publishes are cheap to build, and a round trip costs far more than its
 * contents (issue #10's profile), so a queue batch's jobs sharing them cost less CPU each.
 *
 * Every flush is started by a caller that is still waiting for its own result, never by a caller
 * that already has its answer. Calls are combined only within one invocation (`combining`): workerd
 * cancels a request that waits on another request's I/O as hung, so two requests never share a
 * flush. The queue consumer is where it pays: one invocation runs a batch of jobs at once.
 */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

interface Entry<I, O> {
  item: I;
  out?: Settled<O>;
}

export class Combiner<I, O> {
  #pending: Array<Entry<I, O>> = [];
  #inFlight: Promise<void> | null = null;

  /**
   * @param flush sends items together and settles each one (same order, same length); it may
   *   throw only for a fault of its own, which then fails every item it was given.
   * @param maxWeight how much one flush may carry (e.g. D1 statements); an item heavier than
   *   this still goes, alone.
   */
  constructor(
    private readonly flush: (items: I[]) => Promise<Array<Settled<O>>>,
    private readonly maxWeight: number,
    private readonly weight: (item: I) => number = () => 1,
  ) {}

  async submit(item: I): Promise<O> {
    const entry: Entry<I, O> = { item };
    this.#pending.push(entry);
    while (!entry.out) {
      if (this.#inFlight) {
        await this.#inFlight;
        continue;
      }
      // One microtask first: callers arriving in the same turn (a Promise.all) join this flush.
      const flight = Promise.resolve().then(() => this.#flushNext());
      this.#inFlight = flight;
      await flight;
    }
    if (entry.out.ok) return entry.out.value;
    throw entry.out.error;
  }

  /** Sends the oldest pending items that fit; never rejects (each item carries its outcome). */
  async #flushNext(): Promise<void> {
    let weight = 0;
    let n = 0;
    for (const e of this.#pending) {
      const w = this.weight(e.item);
      if (n > 0 && weight + w > this.maxWeight) break;
      weight += w;
      n++;
    }
    const batch = this.#pending.splice(0, n);
    try {
      const outs = await this.flush(batch.map((e) => e.item));
      batch.forEach((e, i) => {
        e.out = outs[i] ?? { ok: false, error: new Error("combined call returned no result") };
      });
    } catch (error) {
      for (const e of batch) e.out = { ok: false, error };
    } finally {
      // Cleared before the waiters wake, so the first of them still waiting starts the next one.
      this.#inFlight = null;
    }
  }
}

/** The combiners of the invocation running `combining`, one per resource (keyed by its owner). */
const scope = new AsyncLocalStorage<Map<object, Combiner<never, unknown>>>();

/** Runs `fn` with combining on: calls made inside it (and only they) may share round trips. */
export function combining<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), fn);
}

/** The current invocation's combiner for `owner`, made on first use; null outside `combining`. */
export function combinerFor<I, O>(owner: object, make: () => Combiner<I, O>): Combiner<I, O> | null {
  const combiners = scope.getStore();
  if (!combiners) return null;
  let c = combiners.get(owner) as Combiner<I, O> | undefined;
  if (!c) {
    c = make();
    combiners.set(owner, c as unknown as Combiner<never, unknown>);
  }
  return c;
}
