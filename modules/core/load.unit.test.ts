import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countServing, servingAlone } from "./load";

/** An app whose `/hold` request stays in flight until the test lets it go. */
function app() {
  const seen: Record<string, boolean> = {};
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  const a = new Hono();
  a.use("*", countServing);
  a.get("/hold", async (c) => {
    seen.hold = servingAlone();
    await held;
    return c.text("held");
  });
  a.get("/now", (c) => {
    seen.now = servingAlone();
    return c.text("now");
  });
  a.get("/throws", () => {
    throw new Error("boom");
  });
  a.onError((_err, c) => c.text("error", 500));
  return { a, seen, release };
}

describe("requests in flight (decision 0029)", () => {
  it("a request is alone only while no other is being served, and errors do not leak a count", async () => {
    const { a, seen, release } = app();
    expect((await a.request("/now")).status).toBe(200);
    expect(seen.now).toBe(true);

    const holding = a.request("/hold");
    await new Promise((r) => setTimeout(r, 5));
    expect(seen.hold).toBe(true);
    await a.request("/now");
    expect(seen.now).toBe(false);

    release();
    expect(await (await holding).text()).toBe("held");
    expect((await a.request("/throws")).status).toBe(500);
    await a.request("/now");
    expect(seen.now).toBe(true);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("forgets a request that never finished (cancelled by the runtime) after 30 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { a, seen } = app();
    void a.request("/hold"); // never released: stands for a request whose finally never ran
    await new Promise((r) => setTimeout(r, 5));
    await a.request("/now");
    expect(seen.now).toBe(false);
    vi.setSystemTime(Date.now() + 31_000);
    await a.request("/now");
    expect(seen.now).toBe(true);
  });
});
