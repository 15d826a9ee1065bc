import { env } from "cloudflare:workers";
import { eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appSettings } from "../../drizzle/schema";
import { combining } from "./combine";
import { countingD1 } from "./d1-count";
import { createDb } from "./db";
import { groupCommit } from "./db-combine";
import { built, Prebuilt, rowsOf } from "./statements";

describe("D1 group commit", () => {
  it("runs concurrent groups in fewer round trips, each group whole, each caller its own rows", async () => {
    const meter = countingD1(env.DB);
    const db = createDb(meter.d1);
    const write = groupCommit(meter.d1);
    const rows = rowsOf(appSettings);
    // One statement prebuilt (placeholders, encoded by their column), one built per call.
    const insert = new Prebuilt(
      meter.d1,
      db
        .insert(appSettings)
        .values({
          key: sql.placeholder("key"),
          value: sql.placeholder("value"),
          updatedAt: sql.placeholder("at"),
        })
        .returning(),
      rows,
    );
    const keys = Array.from({ length: 30 }, (_, i) => `gc-a-${i}`);
    const results = await combining(() =>
      Promise.all(
        keys.map((key, i) =>
          write([
            insert.bind({ key, value: { i }, at: i }),
            built(
              meter.d1,
              db
                .update(appSettings)
                .set({ updatedBy: `by-${i}` })
                .where(eq(appSettings.key, key))
                .returning(),
              rows,
            ),
          ]),
        ),
      ),
    );
    results.forEach(([inserted, updated], i) => {
      expect(inserted).toMatchObject([{ key: `gc-a-${i}`, value: { i } }]);
      expect(updated).toMatchObject([{ key: `gc-a-${i}`, updatedBy: `by-${i}` }]);
    });
    expect(meter.statements()).toBe(60);
    // 30 callers in one turn: 50 statements per batch at most, so two round trips.
    expect(meter.calls()).toBe(2);
    // Outside `combining` (one request's own writes) every call is its own round trip.
    await Promise.all(
      keys.map((key) =>
        write([built(meter.d1, db.delete(appSettings).where(eq(appSettings.key, key)), () => null)]),
      ),
    );
    expect(meter.calls()).toBe(32);
  });

  it("fails only the group that failed: its neighbours in the batch still commit", async () => {
    const db = createDb(env.DB);
    const write = groupCommit(env.DB);
    await db.insert(appSettings).values({ key: "gc-b-taken", value: 1, updatedAt: 0 });
    const outcomes = await combining(() =>
      Promise.allSettled(
        ["gc-b-1", "gc-b-taken", "gc-b-2"].map((key) =>
          write([
            built(
              env.DB,
              db.insert(appSettings).values({ key, value: 2, updatedAt: 1 }).returning(),
              rowsOf(appSettings),
            ),
          ]),
        ),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await db.select().from(appSettings).where(like(appSettings.key, "gc-b-%"));
    expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual({
      "gc-b-1": 2,
      "gc-b-2": 2,
      "gc-b-taken": 1,
    });
  });
});
