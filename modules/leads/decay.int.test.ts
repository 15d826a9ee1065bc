import { describe, expect, it } from "vitest";
import { as, db, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";
import { decayEngagement, saoPauloDay } from "./decay";

const tag = crypto.randomUUID().slice(0, 8);
const DAY = 86_400_000;

type Detail = { id: string; heat: string; leadScore: number; engagementScore: number; version: number };
const detail = async (id: string) =>
  ((await (await as("sales", `/api/leads/${id}`)).json()) as { lead: Detail }).lead;

describe("engagement decays with time (fake clock, 120 days)", () => {
  it("São Paulo days start at 03:00 UTC", () => {
    expect(saoPauloDay(Date.parse("2026-12-02T02:59:59Z"))).toBe("2026-12-01");
    expect(saoPauloDay(Date.parse("2026-12-02T03:00:00Z"))).toBe("2026-12-02");
  });

  it("an RFQ's lead goes HOT → WARM on day 91 and a WARM one → COLD on day 91, with versions; a second run the same day changes nothing", async () => {
    const res = await as("sales", "/api/leads/import", {
      method: "POST",
      json: [
        // fit 4 + 1 + 2 + 0.5 + 1 = 8.5: with an RFQ (+1.0) 9.5 HOT.
        {
          company: `Decai Quente ${tag}`,
          segment: "Implantes Ortopédicos",
          tier: 3,
          products: "implantes",
          certifications: "ISO 13485",
        },
        // fit 4 + 2 + 0.5 = 6.5: with an RFQ 7.5 WARM.
        { company: `Decai Morno ${tag}`, tier: 2, products: "implantes" },
      ],
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { job: Job }).job.id;
    await waitFor(async () => {
      const j = ((await (await as("sales", `/api/jobs/${id}`)).json()) as { job: Job }).job;
      return j.status === "succeeded" ? j : undefined;
    });
    const page = (await (
      await as("sales", `/api/leads?q=${encodeURIComponent(`Decai`)}&limit=50`)
    ).json()) as {
      items: Array<{ id: string; company: string }>;
    };
    const hot = page.items.find((l) => l.company === `Decai Quente ${tag}`)?.id ?? "";
    const warm = page.items.find((l) => l.company === `Decai Morno ${tag}`)?.id ?? "";
    for (const leadId of [hot, warm])
      expect(
        (await as("sales", `/api/leads/${leadId}/engagements`, { method: "POST", json: { kind: "rfq" } }))
          .status,
      ).toBe(201);
    expect((await detail(hot)).heat).toBe("HOT");
    expect((await detail(warm)).heat).toBe("WARM");

    const t0 = Date.now();
    const heats: Record<string, string[]> = { hot: [], warm: [] };
    for (let d = 1; d <= 120; d++) {
      const now = t0 + d * DAY;
      const first = await decayEngagement(db(), now);
      expect(first.ran).toBe(true);
      const before = [await detail(hot), await detail(warm)];
      // Idempotent: the same São Paulo day again changes nothing.
      expect((await decayEngagement(db(), now + 60_000)).ran).toBe(false);
      expect([await detail(hot), await detail(warm)]).toEqual(before);
      heats.hot?.push(before[0]?.heat ?? "");
      heats.warm?.push(before[1]?.heat ?? "");
    }
    // 50 × 0.5^(d/90): on day 90 exactly 25 → +0.5 (9.0 HOT / 7.0 WARM); below after.
    expect(heats.hot?.lastIndexOf("HOT")).toBe(89);
    expect(heats.hot?.slice(90).every((h) => h === "WARM")).toBe(true);
    expect(heats.warm?.lastIndexOf("WARM")).toBe(89);
    expect(heats.warm?.slice(90).every((h) => h === "COLD")).toBe(true);
    const end = await detail(hot);
    expect(end.engagementScore).toBeCloseTo(50 * 0.5 ** (120 / 90), 1);

    const versions = async (leadId: string) =>
      (
        (await (await as("sales", `/api/leads/${leadId}/versions`)).json()) as {
          items: Array<{ reason: string }>;
        }
      ).items
        .map((v) => v.reason)
        .filter((r) => r.startsWith("engagement decayed"));
    expect(await versions(hot)).toEqual(["engagement decayed: HOT → WARM"]);
    expect(await versions(warm)).toEqual(["engagement decayed: WARM → COLD"]);
  }, 240_000);
});
