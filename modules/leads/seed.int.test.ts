import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, leads } from "../../drizzle/schema";
import { as, db, waitFor } from "../../test/helpers";
import { services } from "../../workers/services";
import { seedLeadsDemo } from "./seed";

describe("demo seed (fresh database: storage is per test file)", () => {
  it("seeds 300 synthetic leads once, then ranks them into every heat", async () => {
    await as("admin", "/api/me"); // seeds the dev users
    await seedLeadsDemo(db(), env, services(env).engine);
    await seedLeadsDemo(db(), env, services(env).engine);
    const [count] = await db().select({ n: sql<number>`count(*)` }).from(leads);
    expect(count?.n).toBe(300);
    const rank = await waitFor(
      async () => {
        const [j] = await db().select().from(jobs).where(eq(jobs.type, "leads.rank"));
        return j?.status === "succeeded" ? j : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(rank.result).toMatchObject({ ranked: 300 });
    const heats = await db()
      .select({ heat: leads.heat, n: sql<number>`count(*)` })
      .from(leads)
      .groupBy(leads.heat);
    expect(heats.map((h) => h.heat).sort()).toEqual(["COLD", "HOT", "WARM"]);
    const n = Object.fromEntries(heats.map((h) => [h.heat, h.n]));
    // A useful demo: HOT is the exception, not the rule.
    expect(n.HOT).toBeLessThan(n.WARM ?? 0);
    expect(n.HOT).toBeLessThan(90);
    const engaged = await db()
      .select({ n: sql<number>`count(*)` })
      .from(leads)
      .where(sql`${leads.engagementScore} > 0`);
    expect(engaged[0]?.n).toBeGreaterThan(50);
    const owned = await db()
      .select({ n: sql<number>`count(*)` })
      .from(leads)
      .where(sql`${leads.ownerId} is not null`);
    expect(owned[0]?.n).toBeGreaterThan(100);
  });
});
