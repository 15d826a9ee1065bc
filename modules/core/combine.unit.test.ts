import { describe, expect, it } from "vitest";
import { Combiner, combinerFor, combining, type Settled } from "./combine";

/** A flush that records what it was given and waits until the test lets it finish. */
function recorder() {
  const calls: number[][] = [];
  let release: (() => void) | null = null;
  const flush = async (items: number[]): Promise<Array<Settled<number>>> => {
    calls.push(items);
    await new Promise<void>((r) => {
      release = r;
    });
    return items.map((i) =>
      i < 0 ? { ok: false, error: new Error(`bad ${i}`) } : { ok: true, value: i * 10 },
    );
  };
  const finish = async () => {
    // Let queued microtasks (the next flush's start) run, then end the one in flight.
    for (let i = 0; i < 5 && !release; i++) await Promise.resolve();
    const r = release as (() => void) | null;
    release = null;
    r?.();
  };
  return { calls, flush, finish };
}

describe("Combiner (group commit)", () => {
  it("sends a lone call at once, and the calls that arrive meanwhile together, in order", async () => {
    const r = recorder();
    const c = new Combiner(r.flush, 10);
    const first = c.submit(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(r.calls).toEqual([[1]]);
    const later = [c.submit(2), c.submit(3), c.submit(4)];
    await r.finish();
    expect(await first).toBe(10);
    await r.finish();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(r.calls).toEqual([[1], [2, 3, 4]]);
  });

  it("joins the calls of one turn, and never carries more than its weight (a heavy one goes alone)", async () => {
    const r = recorder();
    const c = new Combiner(r.flush, 5, (i) => i);
    const all = [1, 2, 3, 9, 1].map((i) => c.submit(i));
    for (let i = 0; i < 4; i++) await r.finish();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 90, 10]);
    expect(r.calls).toEqual([[1, 2], [3], [9], [1]]);
  });

  it("fails only the calls whose outcome failed, and a thrown flush fails only its own batch", async () => {
    let n = 0;
    const c = new Combiner(async (items: number[]): Promise<Array<Settled<number>>> => {
      n++;
      if (n === 1) throw new Error("network");
      return items.map((i) => (i < 0 ? { ok: false, error: new Error("bad") } : { ok: true, value: i }));
    }, 10);
    const first = c.submit(1);
    const rest = [c.submit(-1), c.submit(2)];
    await expect(first).rejects.toThrow("network");
    await expect(rest[0]).rejects.toThrow("network");
    await expect(rest[1]).rejects.toThrow("network");
    expect(await Promise.allSettled([c.submit(-5), c.submit(7)])).toMatchObject([
      { status: "rejected" },
      { status: "fulfilled", value: 7 },
    ]);
  });
});

describe("combining scopes", () => {
  it("gives each invocation its own combiners, and none outside one", async () => {
    const owner = {};
    const make = () =>
      new Combiner(async (items: number[]) => items.map((v) => ({ ok: true, value: v })), 10);
    expect(combinerFor(owner, make)).toBeNull();
    const [a, b] = await Promise.all([
      combining(async () => {
        const first = combinerFor(owner, make);
        await Promise.resolve();
        expect(combinerFor(owner, make)).toBe(first);
        return first;
      }),
      combining(async () => combinerFor(owner, make)),
    ]);
    expect(a).toBeInstanceOf(Combiner);
    expect(b).toBeInstanceOf(Combiner);
    expect(a).not.toBe(b);
  });
});
