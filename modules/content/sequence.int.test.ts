import { beforeAll, describe, expect, it } from "vitest";
import { as } from "../../test/helpers";
import type { ContentWire } from "./schema";
import { jobOf, relaxGuardrails, settle, startJob } from "./testing";

beforeAll(async () => {
  await relaxGuardrails();
});

describe("content.sequence (First 3 Posts)", () => {
  it("creates three linked carousel drafts and finishes when they do", async () => {
    const parent = await startJob("marketing", "content.sequence", {
      template: "first-3-posts",
      profile: "salesperson",
      theme: "implantes dentários de precisão",
    });
    const done = await settle("marketing", parent.id, 60_000);
    expect(done.status, JSON.stringify(done.error)).toBe("succeeded");
    const result = done.result as { sequenceId: string; contentIds: string[] };
    expect(result.sequenceId).toBe(parent.id);
    expect(result.contentIds).toHaveLength(3);
    const list = (await (await as("marketing", `/api/content?sequenceId=${parent.id}`)).json()) as {
      items: ContentWire[];
    };
    const items = list.items.sort((a, b) => (a.sequenceIndex ?? 0) - (b.sequenceIndex ?? 0));
    expect(items.map((i) => i.sequenceIndex)).toEqual([1, 2, 3]);
    expect(items.every((i) => i.profile === "salesperson" && i.status === "draft")).toBe(true);
    expect(items.map((i) => i.id).sort()).toEqual([...result.contentIds].sort());
    for (const i of items) {
      const child = await jobOf("marketing", i.jobId ?? "");
      expect(child.parentId).toBe(parent.id);
    }
    // "Série" filter (#17.10): series drafts only, or standalone ones only.
    const series = (await (await as("marketing", "/api/content?series=true&limit=100")).json()) as {
      items: ContentWire[];
    };
    expect(series.items.length).toBeGreaterThanOrEqual(3);
    expect(series.items.every((i) => i.sequenceId !== null)).toBe(true);
    const single = (await (await as("marketing", "/api/content?series=false&limit=100")).json()) as {
      items: ContentWire[];
    };
    expect(single.items.every((i) => i.sequenceId === null)).toBe(true);
    expect((await as("marketing", "/api/content?series=maybe")).status).toBe(400);
    // The parent slept between looks at its children (Workflow sleep steps), and wrote an event
    // only when they moved: its trail is a few dozen events at most, not one per look.
    const events = (await (await as("marketing", `/api/jobs/${parent.id}/events?limit=200`)).json()) as {
      items: { type: string }[];
    };
    expect(events.items.length).toBeGreaterThan(3);
    expect(events.items.length).toBeLessThanOrEqual(40);
  }, 90_000);
});
