import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { as, userId, waitFor } from "../../test/helpers";
import { type LeadDetail, LeadDetailEnvelope, LeadVersionList } from "../contracts/leads";
import { serviceToken } from "../core/service-token";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

async function finished(who: "sales" | "admin", job: Job): Promise<Job> {
  return waitFor(
    async () => {
      const j = ((await (await as(who, `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 30_000 },
  );
}

async function importCsv(csv: string): Promise<Job> {
  const res = await as("sales", "/api/leads/import", {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: csv,
  });
  expect(res.status).toBe(202);
  return finished("sales", ((await res.json()) as { job: Job }).job);
}

async function findLead(company: string): Promise<LeadDetail> {
  const page = (await (await as("sales", `/api/leads?q=${encodeURIComponent(company)}`)).json()) as {
    items: Array<{ id: string }>;
  };
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no lead ${company}`);
  // Parsed with the contract: the answer must be what the OpenAPI document says it is.
  return LeadDetailEnvelope.parse(await (await as("sales", `/api/leads/${id}`)).json()).lead;
}

describe("leads across Worker → Python service → fake Unipile", () => {
  let manufacturingOwner = "";
  beforeAll(async () => {
    manufacturingOwner = await userId("sales");
    const commercial = await userId("sales2");
    const res = await as("admin", "/api/admin/territories", {
      method: "PUT",
      json: { manufacturing: manufacturingOwner, commercial },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("imports a CSV with bad rows, merges duplicates and ranks the rest", async () => {
    const csv = [
      "company,website,segment,tier,products,city,state,certifications,hasRnd,isManufacturer,employees",
      `Alfa ${tag} Implantes,https://alfa-${tag}.example.com.br,Implantes Odontológicos,1,"implantes, prótese",Campinas,SP,ISO;CE,true,true,150`,
      `Beta ${tag} Distribuidora,https://beta-${tag}.example.com.br,Distribuidor,3,luvas e seringas,Curitiba,PR,,false,false,20`,
      `,https://nameless-${tag}.example.com.br,Distribuidor,2,,,,,,,`,
      `Gama ${tag},https://gama-${tag}.example.com.br,Distribuidor,7,,,,XYZ,,,`,
      `Alfa ${tag} Implantes SA,https://www.alfa-${tag}.example.com.br/contato,Implantes Odontológicos,1,"implantes, prótese",Indaiatuba,SP,ISO;CE,true,true,150`,
    ].join("\n");
    const job = await importCsv(csv);
    expect(job.status).toBe("succeeded");
    const result = job.result as {
      created: number;
      merged: number;
      invalid: number;
      ranked: number;
      rows: Array<{ row: number; errors: Array<{ path: string }> }>;
    };
    expect(result).toMatchObject({ created: 2, merged: 1, invalid: 2, ranked: 2 });
    expect(result.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(result.rows[0]?.errors.map((e) => e.path)).toEqual(["company"]);
    // Unknown certifications ("XYZ") are kept and score nothing; the tier is wrong.
    expect(result.rows[1]?.errors.map((e) => e.path)).toEqual(["tier"]);

    const alfa = await findLead(`Alfa ${tag}`);
    // 4 + tier 3 + 2·segment 1 + 0.5·products 2 = 10 (clamped), +bonuses, capped at 10.
    expect(alfa.fitScore).toBe(10);
    expect(alfa.heat).toBe("HOT");
    expect(alfa.heatLabel).toBe("HOT 🔥");
    expect(alfa.territory).toBe("manufacturing");
    expect(alfa.ownerId).toBe(manufacturingOwner);
    expect(alfa.company).toBe(`Alfa ${tag} Implantes SA`);
    expect(alfa.breakdown.some((f) => f.factor === "tier" && f.points === 3)).toBe(true);
    const beta = await findLead(`Beta ${tag}`);
    // 4 + tier 1 + 0 + 0.5·(−2) = 4 → COLD, commercial territory.
    expect(beta.fitScore).toBe(4);
    expect(beta.heat).toBe("COLD");
    expect(beta.territory).toBe("commercial");
  });

  it("moves a lead from WARM to HOT with an engagement, within the request", async () => {
    await importCsv(
      `company,segment,tier,products,certifications\nDelta ${tag} Implantes,Implantes Ortopédicos,3,implantes,ISO\n`,
    );
    const before = await findLead(`Delta ${tag}`);
    expect(before.fitScore).toBe(8.5);
    expect(before.heat).toBe("WARM");
    const res = await as("sales", `/api/leads/${before.id}/engagements`, {
      method: "POST",
      json: { kind: "rfq" },
    });
    expect(res.status).toBe(201);
    const after = await findLead(`Delta ${tag}`);
    expect(after.engagementScore).toBeCloseTo(50, 1);
    expect(after.leadScore).toBeCloseTo(9.5, 1);
    expect(after.heat).toBe("HOT");
    expect(after.engagements[0]).toMatchObject({ kind: "rfq" });
    const bad = await as("sales", `/api/leads/${before.id}/engagements`, {
      method: "POST",
      json: { kind: "hug" },
    });
    expect(bad.status).toBe(400);
  });

  it("enriches leads with citations and versions; a manual owner survives re-ranking; revert restores", async () => {
    await importCsv(
      `company,segment,linkedinUrl\nEpsilon ${tag} Implantes,Implantes Veterinários,https://www.linkedin.com/company/epsilon-${tag}\nFantasma ${tag} Ltda,Distribuidor,https://www.linkedin.com/company/fantasma-${tag}\n`,
    );
    const eps = await findLead(`Epsilon ${tag}`);
    const ghost = await findLead(`Fantasma ${tag}`);
    const res = await as("sales", "/api/jobs", {
      method: "POST",
      json: { type: "leads.enrich", input: { leadIds: [eps.id, ghost.id] } },
    });
    const job = await finished("sales", ((await res.json()) as { job: Job }).job);
    expect(job.status).toBe("succeeded");
    expect(job.result).toEqual({ enriched: 1, notFound: 1, failed: 0, total: 2 });
    const enriched = await findLead(`Epsilon ${tag}`);
    expect(enriched.enrichmentStatus).toBe("enriched");
    expect(enriched.decisionMakers.map((d) => d.name)).toEqual(["Helena Prado", "Rafael Moura"]);
    expect(enriched.sources.every((s) => s.source === "unipile" && s.url?.includes("/api/v1/"))).toBe(true);
    expect(enriched.sources.map((s) => s.field)).toContain("decisionMakers[0]");
    expect((await findLead(`Fantasma ${tag}`)).enrichmentStatus).toBe("not_found");

    // A human reassigns the owner; a re-rank must not overwrite it.
    const sales2 = await userId("sales2");
    expect(
      (await as("sales", `/api/leads/${eps.id}`, { method: "PATCH", json: { ownerId: sales2 } })).status,
    ).toBe(200);
    const rank = await as("sales", "/api/jobs", {
      method: "POST",
      json: { type: "leads.rank", input: { leadIds: [eps.id] } },
    });
    expect((await finished("sales", ((await rank.json()) as { job: Job }).job)).status).toBe("succeeded");
    expect((await findLead(`Epsilon ${tag}`)).ownerId).toBe(sales2);

    const versions = LeadVersionList.parse(await (await as("sales", `/api/leads/${eps.id}/versions`)).json());
    const enrichVersion = versions.items.find((v) => v.reason.startsWith("enrich"));
    expect(enrichVersion?.jobId).toBe(job.id);
    const reverted = await as("sales", `/api/leads/${eps.id}/versions/${enrichVersion?.version}/revert`, {
      method: "POST",
    });
    expect(reverted.status).toBe(200);
    const back = await findLead(`Epsilon ${tag}`);
    expect(back.enrichmentStatus).toBe("pending");
    // The people and citations that enrichment added go too; reverting the revert brings them back.
    expect(back.decisionMakers).toEqual([]);
    expect(back.sources).toEqual([]);
    const again = LeadVersionList.parse(await (await as("sales", `/api/leads/${eps.id}/versions`)).json());
    const revertVersion = again.items.find((v) => v.reason.startsWith("revert"));
    await as("sales", `/api/leads/${eps.id}/versions/${revertVersion?.version}/revert`, { method: "POST" });
    expect((await findLead(`Epsilon ${tag}`)).decisionMakers).toHaveLength(2);

    // A matrix cell: fit in [8, 10.01), engagement in [0, 20).
    const cell = (await (
      await as("sales", "/api/leads?fitMin=8&fitMax=10.01&engagementMin=0&engagementMax=20&limit=100")
    ).json()) as {
      items: Array<{ fitScore: number; engagementScore: number }>;
    };
    expect(cell.items.length).toBeGreaterThan(0);
    expect(cell.items.every((l) => l.fitScore >= 8 && l.engagementScore < 20)).toBe(true);
    expect(back.version).toBeGreaterThan(enriched.version);
  });

  it("takes null in a PATCH as unknown: the field stays, the others change", async () => {
    const lead = await findLead(`Beta ${tag}`);
    const set = await as("sales", `/api/leads/${lead.id}`, {
      method: "PATCH",
      json: { segment: "Ortopedia" },
    });
    expect(set.status).toBe(200);
    const res = await as("sales", `/api/leads/${lead.id}`, {
      method: "PATCH",
      json: { segment: null, products: null, tier: 2 },
    });
    expect(res.status).toBe(200);
    const after = await findLead(`Beta ${tag}`);
    expect(after.segment).toBe("Ortopedia");
    expect(after.tier).toBe(2);
    // A whole body of nulls is "nothing to change", refused like an empty one.
    const none = await as("sales", `/api/leads/${lead.id}`, { method: "PATCH", json: { segment: null } });
    expect(none.status).toBe(400);
  });

  it("lets marketing read leads but not change them", async () => {
    const list = await as("marketing", "/api/leads?limit=1");
    expect(list.status).toBe(200);
    const lead = await findLead(`Beta ${tag}`);
    expect(
      (await as("marketing", `/api/leads/${lead.id}/engagements`, { method: "POST", json: { kind: "rfq" } }))
        .status,
    ).toBe(403);
    expect(
      (await as("marketing", `/api/leads/${lead.id}`, { method: "PATCH", json: { tier: 1 } })).status,
    ).toBe(403);
    expect(
      (
        await as("marketing", "/api/leads/import", {
          method: "POST",
          headers: { "content-type": "text/csv" },
          body: "company\nX\n",
        })
      ).status,
    ).toBe(403);
    expect(
      (await as("marketing", "/api/jobs", { method: "POST", json: { type: "leads.rank", input: {} } }))
        .status,
    ).toBe(403);
    expect((await as("sales", "/api/leads/01NOTALEAD0000000000000000")).status).toBe(404);
  });

  it("the Python service rejects missing, wrongly signed, expired and under-scoped tokens", async () => {
    const url = `${env.PYTHON_SERVICE_URL}/v1/rank`;
    const body = JSON.stringify({ leads: [{ id: "x", company: "X" }] });
    const call = (auth?: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body,
      });
    expect((await call()).status).toBe(401);
    expect((await call(await serviceToken("wrong-secret", "u1", ["leads:rank"]))).status).toBe(401);
    expect(
      (await call(await serviceToken("dev-python-secret", "u1", ["leads:rank"], Date.now() - 600_000)))
        .status,
    ).toBe(401);
    expect((await call(await serviceToken("dev-python-secret", "u1", ["leads:enrich"]))).status).toBe(403);
    expect((await call(await serviceToken("dev-python-secret", "u1", ["leads:rank"]))).status).toBe(200);
  });
});
