import { beforeAll, describe, expect, it } from "vitest";
import { leadVersions } from "../../drizzle/schema";
import { api, as, db, userId, waitFor } from "../../test/helpers";
import type { ChangesPage } from "../contracts/leads";
import { newId } from "../core/ids";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);
const DAY = 86_400_000;
type Item = ChangesPage["items"][number];

async function changes(who: "sales" | "sales2" | "marketing", qs = ""): Promise<ChangesPage> {
  const res = await as(who, `/api/leads/changes?limit=100${qs}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ChangesPage;
}
const find = (p: ChangesPage, id: string): Item | undefined => p.items.find((i) => i.lead.id === id);

async function importJson(rows: unknown[]): Promise<void> {
  const res = await as("sales", "/api/leads/import", { method: "POST", json: rows });
  expect(res.status).toBe(202);
  const id = ((await res.json()) as { job: Job }).job.id;
  await waitFor(async () => {
    const j = ((await (await as("sales", `/api/jobs/${id}`)).json()) as { job: Job }).job;
    return j.status === "succeeded" ? j : undefined;
  });
}

describe("what changed this week (GET /api/leads/changes)", () => {
  let a = "";
  let b = "";
  let sales = "";
  let sales2 = "";

  beforeAll(async () => {
    sales = await userId("sales");
    sales2 = await userId("sales2");
    await importJson([
      { company: `Mudou A ${tag}`, tier: 2, products: "implantes", city: "Campinas" },
      { company: `Mudou B ${tag}`, tier: null, city: "Curitiba" },
    ]);
    const page = (await (await as("sales", `/api/leads?q=${encodeURIComponent(tag)}&limit=10`)).json()) as {
      items: Array<{ id: string; company: string }>;
    };
    a = page.items.find((l) => l.company === `Mudou A ${tag}`)?.id ?? "";
    b = page.items.find((l) => l.company === `Mudou B ${tag}`)?.id ?? "";
    expect(a && b).toBeTruthy();
    // A person hands A to sales2, then to sales: the owner changed twice this week.
    for (const ownerId of [sales2, sales]) {
      const res = await as("sales2", `/api/leads/${a}`, { method: "PATCH", json: { ownerId } });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    // Two RFQs: engagement moves twice.
    for (let i = 0; i < 2; i++) {
      const res = await as("sales", `/api/leads/${a}/engagements`, { method: "POST", json: { kind: "rfq" } });
      expect(res.status).toBe(201);
    }
    // A re-import changes A's city (an import merge).
    await importJson([{ company: `Mudou A ${tag}`, city: "Indaiatuba" }]);
    // B's only human change is older than the window.
    await db()
      .insert(leadVersions)
      .values({
        id: newId(),
        leadId: b,
        version: 1000,
        snapshot: {},
        diff: { segment: { from: null, to: "Distribuidor" } },
        reason: `edited by ${sales}`,
        changedBy: sales,
        jobId: null,
        createdAt: Date.now() - 10 * DAY,
      });
  });

  it("shows each field first-before → last-after with what caused it", async () => {
    const item = find(await changes("sales"), a);
    expect(item).toBeDefined();
    if (!item) return;
    expect(item.created).toBe(true);
    const field = (f: string) => item.fields.find((x) => x.field === f);
    // Owner: null → sales2 → sales shows as null → sales, two changes by a person.
    expect(field("ownerId")).toMatchObject({
      from: null,
      to: sales,
      causes: ["person"],
      people: [sales2],
      changes: 2,
    });
    // Engagement: 0 → one RFQ → two RFQs shows 0 → the last value, caused by engagement.
    const eng = field("engagementScore");
    expect(eng?.from).toBe(0);
    expect(eng?.to).toBeGreaterThan(50);
    expect(eng?.causes).toEqual(["engagement"]);
    expect(eng?.changes).toBe(2);
    expect(field("city")).toMatchObject({ from: "Campinas", to: "Indaiatuba", causes: ["import"] });
    // fit 4 + 2 (tier 2) + 0.5 (implantes) = 6.5, set by the rank after the import.
    expect(field("fitScore")).toMatchObject({ from: 0, to: 6.5, causes: ["rank"] });
    expect(item.versions.map((v) => v.cause)).toEqual([
      "rank",
      "person",
      "person",
      "engagement",
      "engagement",
      "import",
    ]);
    const person = item.versions.find((v) => v.cause === "person");
    expect(person?.changedBy).toBe(sales2);
    expect(person?.changedByName).toBeTruthy();
    expect(item.versions.find((v) => v.cause === "engagement")?.reason).toBe("engagement: rfq (manual)");
  });

  it("leaves out changes older than the window, and shows them when the window includes them", async () => {
    const week = find(await changes("sales"), b);
    expect(week?.fields.find((f) => f.field === "segment")).toBeUndefined();
    const since = new Date(Date.now() - 11 * DAY).toISOString();
    const wider = find(await changes("sales", `&since=${since}`), b);
    expect(wider?.fields.find((f) => f.field === "segment")).toMatchObject({
      from: null,
      to: "Distribuidor",
      causes: ["person"],
    });
  });

  it("filters by owner (me, another user's id, unassigned) and heat", async () => {
    // Leads are shared by the sales team (as in the list): sales2 may filter on sales's id.
    expect(find(await changes("sales2", `&owner=${sales}`), a)).toBeDefined();
    expect(find(await changes("sales2", "&owner=me"), a)).toBeUndefined();
    expect(find(await changes("sales", "&owner=me"), a)).toBeDefined();
    expect(find(await changes("sales", "&owner=unassigned"), a)).toBeUndefined();
    expect(find(await changes("sales", "&owner=unassigned"), b)).toBeDefined();
    expect(find(await changes("sales", "&owner=01NOSUCHUSER00000000000000"), a)).toBeUndefined();
    const heat = find(await changes("sales"), a)?.lead.heat;
    expect(heat).toBeDefined();
    expect(find(await changes("sales", `&heat=${heat}`), a)).toBeDefined();
    const other = heat === "COLD" ? "HOT" : "COLD";
    expect(find(await changes("sales", `&heat=${other}`), a)).toBeUndefined();
    for (const p of (await changes("sales", `&heat=${other}&owner=${sales}`)).items) {
      expect(p.lead.heat).toBe(other);
      expect(p.lead.ownerId).toBe(sales);
    }
  });

  it("pages with a cursor, latest change first", async () => {
    const first = await as("sales", "/api/leads/changes?limit=1");
    const p1 = (await first.json()) as ChangesPage;
    expect(p1.items).toHaveLength(1);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await (
      await as("sales", `/api/leads/changes?limit=1&cursor=${p1.nextCursor}`)
    ).json()) as ChangesPage;
    expect(p2.items[0]?.lead.id).not.toBe(p1.items[0]?.lead.id);
    expect(Date.parse(p2.items[0]?.lastChangedAt ?? "")).toBeLessThanOrEqual(
      Date.parse(p1.items[0]?.lastChangedAt ?? ""),
    );
  });

  it("refuses bad filters with a problem, and callers without leads:read", async () => {
    for (const qs of [
      "heat=LUKEWARM",
      "since=yesterday",
      "limit=0",
      "cursor=nope",
      `since=${new Date(Date.now() + 2 * DAY).toISOString()}`,
    ]) {
      const res = await as("sales", `/api/leads/changes?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const token = await as("sales", "/api/tokens", {
      method: "POST",
      json: { name: `no-leads ${tag}`, scopes: ["jobs:read"] },
    });
    expect(token.status, await token.clone().text()).toBe(201);
    const { token: secret } = (await token.json()) as { token: string };
    const res = await api("/api/leads/changes", { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(403);
    expect((await api("/api/leads/changes")).status).toBe(401);
  });

  it("is readable by marketing like the list (read-only role)", async () => {
    expect(find(await changes("marketing"), a)).toBeDefined();
  });
});
