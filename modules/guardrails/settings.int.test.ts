import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countingD1 } from "../core/d1-count";
import { createDb } from "../core/db";
import { loadGuardrails, saveGuardrails } from "./settings";

/** A D1 binding whose reads can be held (a read still under way, or one that never finishes). */
function holdableD1() {
  const meter = countingD1(env.DB);
  let holding = false;
  const held = new Proxy(meter.d1, {
    get(target, prop) {
      if (prop !== "prepare") return Reflect.get(target, prop);
      return (sqlText: string) => {
        const stmt = target.prepare(sqlText);
        const hold = (s: D1PreparedStatement): D1PreparedStatement =>
          new Proxy(s, {
            get(t, p) {
              const v = Reflect.get(t, p);
              if (p === "bind") return (...a: unknown[]) => hold(v.apply(t, a));
              if ((p === "raw" || p === "first" || p === "all") && holding) {
                return (...a: unknown[]) => {
                  v.apply(t, a);
                  return new Promise(() => undefined);
                };
              }
              return typeof v === "function" ? v.bind(t) : v;
            },
          });
        return hold(stmt);
      };
    },
  });
  return { db: createDb(held), reads: () => meter.calls(), hold: (on: boolean) => (holding = on) };
}

/** Another isolate's change: written to D1 without passing through this isolate's cache. */
async function writtenElsewhere(value: object) {
  await env.DB.prepare(
    "insert into app_settings (key, value, updated_at, updated_by) values ('guardrails', ?, ?, 'elsewhere') on conflict(key) do update set value = excluded.value",
  )
    .bind(JSON.stringify(value), Date.now())
    .run();
}

describe("guardrail settings cache", () => {
  afterEach(async () => {
    vi.useRealTimers();
    await env.DB.prepare("delete from app_settings where key = 'guardrails'").run();
  });

  it("reads the settings once for a burst arriving after the kept copy expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { db, reads } = holdableD1();
    await loadGuardrails(db);
    expect(reads()).toBe(1);
    await writtenElsewhere({ killSwitch: true });
    vi.setSystemTime(Date.now() + 2_500);
    const burst = await Promise.all(Array.from({ length: 20 }, () => loadGuardrails(db)));
    expect(reads()).toBe(2);
    // The request that read sees the change; the others went on with the copy they had.
    expect(burst[0]?.killSwitch).toBe(true);
    expect(burst.slice(1).every((g) => g.killSwitch === false)).toBe(true);
    expect((await loadGuardrails(db)).killSwitch).toBe(true);
    expect(reads()).toBe(2);
  });

  it("does not wait out a read that never finishes beyond the grace period", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { db, reads, hold } = holdableD1();
    await loadGuardrails(db);
    vi.setSystemTime(Date.now() + 2_500);
    hold(true);
    void loadGuardrails(db); // stands for a request cancelled mid-read: its finally never runs
    await new Promise((r) => setTimeout(r, 5));
    hold(false);
    await loadGuardrails(db);
    expect(reads()).toBe(2);
    await writtenElsewhere({ killSwitch: true });
    vi.setSystemTime(Date.now() + 1_100);
    expect((await loadGuardrails(db)).killSwitch).toBe(true);
    expect(reads()).toBe(3);
  });

  it("applies a change saved through this isolate at once, and another isolate's within 3 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { db } = holdableD1();
    expect((await loadGuardrails(db)).killSwitch).toBe(false);
    await saveGuardrails(db, { ...(await loadGuardrails(db)), killSwitch: true }, "admin");
    expect((await loadGuardrails(db)).killSwitch).toBe(true);
    await writtenElsewhere({ killSwitch: false });
    expect((await loadGuardrails(db)).killSwitch).toBe(true);
    vi.setSystemTime(Date.now() + 3_000);
    expect((await loadGuardrails(db)).killSwitch).toBe(false);
  });
});
