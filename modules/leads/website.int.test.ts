import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { as, waitFor } from "../../test/helpers";
import { type ChangesPage, LeadDetailEnvelope, LeadVersionList } from "../contracts/leads";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

const detail = async (id: string) =>
  LeadDetailEnvelope.parse(await (await as("sales", `/api/leads/${id}`)).json()).lead;

async function run(type: string, input: unknown): Promise<Job> {
  const res = await as("sales", "/api/jobs", { method: "POST", json: { type, input } });
  expect(res.status, await res.clone().text()).toBe(202);
  const id = ((await res.json()) as { job: Job }).job.id;
  return waitFor(
    async () => {
      const j = ((await (await as("sales", `/api/jobs/${id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 60_000 },
  );
}

describe("enrichment reads the company's website (Do site)", () => {
  it("stores each fact with its page and sentence, adds fit inputs in one revertible version", async () => {
    const site = `${env.FAKE_UNIPILE_URL}/site/precisa/`;
    // "fantasma": LinkedIn has no such company, so only the website adds anything.
    const imp = await run("leads.import", {
      rows: [{ company: `Fantasma Precisa ${tag}`, website: site, tier: 2, certifications: null }],
      source: "json",
    });
    expect(imp.status).toBe("succeeded");
    const page = (await (await as("sales", `/api/leads?q=${encodeURIComponent(tag)}`)).json()) as {
      items: Array<{ id: string }>;
    };
    const id = page.items[0]?.id ?? "";
    const before = await detail(id);
    // fit 4 + tier 2 (+2) = 6.0
    expect(before.fitScore).toBe(6);

    const job = await run("leads.enrich", { leadIds: [id] });
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const after = await detail(id);
    expect(after.enrichmentStatus).toBe("not_found");
    const site_ = after.sources.filter((s) => s.source === "website");
    const iso = site_.find((s) => s.value === "ISO 13485");
    expect(iso).toEqual({
      field: "site.certification",
      source: "website",
      url: `${site}qualidade`,
      value: "ISO 13485",
      quote: "Somos certificados ISO 13485:2016 e registrados na ANVISA.",
      jobId: job.id,
      fetchedAt: expect.any(String),
    });
    expect(site_.find((s) => s.field === "site.rnd")?.url).toBe(`${site}sobre`);
    expect(site_.map((s) => s.value)).toEqual(
      expect.arrayContaining(["ANVISA", "CE", "Tornos suíços", "Usinagem CNC", "Implantes", "P&D"]),
    );
    // Fit inputs the website added: certifications, R&D, products (the lead had none).
    expect(after.certifications).toEqual(["ISO 13485", "ANVISA", "CE"]);
    expect(after.hasRnd).toBe(true);
    expect(after.products).toBe("Implantes, Instrumentos cirúrgicos, Ortopédico");
    // 4 + 2 + 0.5·2 (implantes, cirúrgicos) = 7; ISO + CE +2.0; R&D +1.5 → 10.5, capped at 10.
    expect(after.fitScore).toBe(10);

    const versions = LeadVersionList.parse(await (await as("sales", `/api/leads/${id}/versions`)).json());
    const v = versions.items.find((x) => x.reason === "enrich (website)");
    expect(v && Object.keys(v.diff)).toEqual(
      expect.arrayContaining(["certifications", "hasRnd", "products", "fitScore"]),
    );

    // The weekly diff names the enrichment as the cause.
    const changes = (await (await as("sales", "/api/leads/changes?limit=100")).json()) as ChangesPage;
    const mine = changes.items.find((i) => i.lead.id === id);
    expect(mine?.fields.find((f) => f.field === "certifications")).toMatchObject({
      from: [],
      to: ["ISO 13485", "ANVISA", "CE"],
      causes: ["enrichment"],
    });

    // Reverting the website's version restores the inputs, the score and the earlier citations.
    const res = await as("sales", `/api/leads/${id}/versions/${v?.version}/revert`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    const reverted = await detail(id);
    expect(reverted.certifications).toEqual([]);
    expect(reverted.hasRnd).toBe(false);
    expect(reverted.products).toBeNull();
    expect(reverted.fitScore).toBe(6);
    expect(reverted.sources.filter((s) => s.source === "website")).toEqual([]);
  });

  it("a website that cannot be read leaves the lead as LinkedIn left it", async () => {
    const imp = await run("leads.import", {
      rows: [
        { company: `Fantasma Sumida ${tag}`, website: `${env.FAKE_UNIPILE_URL}/site/sumida/nada`, tier: 3 },
      ],
      source: "json",
    });
    expect(imp.status).toBe("succeeded");
    const page = (await (
      await as("sales", `/api/leads?q=${encodeURIComponent(`Sumida ${tag}`)}`)
    ).json()) as { items: Array<{ id: string }> };
    const id = page.items[0]?.id ?? "";
    const job = await run("leads.enrich", { leadIds: [id] });
    expect(job.status).toBe("succeeded");
    const lead = await detail(id);
    expect(lead.sources.filter((s) => s.source === "website")).toEqual([]);
    expect(lead.certifications).toEqual([]);
  });
});
