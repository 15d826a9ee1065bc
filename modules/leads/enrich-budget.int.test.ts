import { describe, expect, it } from "vitest";
import { as, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

async function finished(id: string): Promise<Job> {
  return waitFor(
    async () => {
      const j = ((await (await as("sales2", `/api/jobs/${id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}

describe("enrichment draws from the account's LinkedIn budget (#9)", () => {
  it("stops at the day's limit shared with outreach, and Retry goes on from where it stopped", async () => {
    // sales2's own LinkedIn account, with a day of exactly 3.
    const created = await as("sales2", "/api/outreach/accounts", {
      method: "POST",
      json: { tier: "growth" },
    });
    expect(created.status).toBe(201);
    const acc = ((await created.json()) as { account: { id: string } }).account;
    const rulesUrl = `/api/outreach/accounts/${acc.id}/rules`;
    const rules = (await (await as("sales2", rulesUrl)).json()) as Record<string, unknown>;
    const put = await as("sales2", rulesUrl, {
      method: "PUT",
      json: { ...rules, dailyMin: 3, dailyMax: 3, warmupDays: 0 },
    });
    expect(put.status, await put.clone().text()).toBe(200);

    const csv = [
      "company,website",
      ...[1, 2, 3, 4, 5].map((i) => `Orçada ${tag} ${i},https://b${i}-${tag}.example.com.br`),
    ];
    const imp = await as("sales2", "/api/leads/import", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csv.join("\n"),
    });
    expect(imp.status).toBe(202);
    expect((await finished(((await imp.json()) as { job: Job }).job.id)).status).toBe("succeeded");
    const page = (await (
      await as("sales2", `/api/leads?q=${encodeURIComponent(`orcada ${tag}`)}`)
    ).json()) as {
      items: Array<{ id: string }>;
    };
    const leadIds = page.items.map((l) => l.id);
    expect(leadIds).toHaveLength(5);

    const res = await as("sales2", "/api/jobs", {
      method: "POST",
      json: { type: "leads.enrich", input: { leadIds } },
    });
    expect(res.status).toBe(202);
    const jobId = ((await res.json()) as { job: Job }).job.id;
    const job = await finished(jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "linkedin_budget" });
    expect(job.error?.message).toMatch(/3 (of|de) 5/);

    const usage = (await (await as("sales2", `/api/outreach/accounts/${acc.id}/usage`)).json()) as {
      today: number;
      drawnLimit: number;
    };
    expect(usage).toMatchObject({ today: 3, drawnLimit: 3 });
    const enriched = await Promise.all(
      leadIds.map(async (id) => {
        const lead = (
          (await (await as("sales2", `/api/leads/${id}`)).json()) as { lead: { enrichmentStatus: string } }
        ).lead;
        return lead.enrichmentStatus;
      }),
    );
    expect(enriched.filter((s) => s === "enriched")).toHaveLength(3);

    // Retry the same day: it goes on from lead 4 (the checkpoint), finds the budget still used
    // up, and spends nothing more.
    const retry = await as("sales2", `/api/jobs/${jobId}/retry`, { method: "POST" });
    expect(retry.status).toBe(202);
    const again = await waitFor(
      async () => {
        const j = await finished(jobId);
        return j.attempts > job.attempts ? j : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(again.status).toBe("failed");
    expect(again.error?.message).toMatch(/3 (of|de) 5/);
    const after = (await (await as("sales2", `/api/outreach/accounts/${acc.id}/usage`)).json()) as {
      today: number;
    };
    expect(after.today).toBe(3);
  }, 120_000);
});
