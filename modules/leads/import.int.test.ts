import { describe, expect, it } from "vitest";
import { as, waitFor } from "../../test/helpers";
import type { Job } from "../jobs/schema";

const tag = crypto.randomUUID().slice(0, 8);

type Detail = {
  id: string;
  company: string;
  certifications: string[];
  employees: number | null;
  yearsInBusiness: number | null;
  tier: number | null;
  city: string | null;
  fitScore: number;
  leadScore: number;
  priority: number;
  heat: string;
  breakdown: Array<{ factor: string; points: number }>;
};

async function finished(job: Job): Promise<Job> {
  return waitFor(
    async () => {
      const j = ((await (await as("sales", `/api/jobs/${job.id}`)).json()) as { job: Job }).job;
      return ["succeeded", "failed"].includes(j.status) ? j : undefined;
    },
    { timeoutMs: 60_000 },
  );
}

async function importBody(body: string, type: string): Promise<Response> {
  return as("sales", "/api/leads/import", { method: "POST", headers: { "content-type": type }, body });
}

async function leadsMatching(q: string): Promise<Detail[]> {
  const page = (await (await as("sales", `/api/leads?q=${encodeURIComponent(q)}&limit=100`)).json()) as {
    items: Array<{ id: string }>;
  };
  return Promise.all(
    page.items.map(
      async (l) => ((await (await as("sales", `/api/leads/${l.id}`)).json()) as { lead: Detail }).lead,
    ),
  );
}

describe("import accepts what real exports contain", () => {
  it("a Brazilian medical-device CSV (Excel pt-BR: `;`, BOM, accents, empty cells) creates every valid lead", async () => {
    const csv = `\ufeff${[
      "company;website;segment;tier;products;city;state;employees;yearsInBusiness;countriesServed;certifications;hasRnd;isManufacturer",
      `Ortoimplantes São José ${tag};;Implantes Ortopédicos;1;"implantes; próteses de quadril";São José dos Campos;SP;1.200;25,5;12;"ISO 13485; ANVISA";Sim;Sim`,
      `Odonto Prótese Ribeirão ${tag};;Implantes Odontológicos;Tier 2;implantes;Ribeirão Preto;SP;;;;ANVISA;não;sim`,
      `Cirúrgica Paraná ${tag};;Instrumentos Cirúrgicos;;instrumentos cirúrgicos;Curitiba;PR;85;;;"FDA 510(k); CE/MDR";;`,
      `Hospitalar Nordeste ${tag};;Equipamentos Hospitalares;3;luvas, seringas;Recife;PE;;;;;;`,
      `Dental Açaí ${tag};;;;;Belém;PA;;;;;;`,
      `;;Distribuidor;2;;;;;;;;;`,
      `Aspas Abertas ${tag};;Distribuidor;"2;;;;;;;;;;`,
      `Depois das Aspas ${tag};;Distribuidor;2;;Manaus;AM;;;;;;`,
    ].join("\r\n")}\r\n`;
    const res = await importBody(csv, "text/csv");
    expect(res.status, await res.clone().text()).toBe(202);
    const job = await finished(((await res.json()) as { job: Job }).job);
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const result = job.result as {
      created: number;
      invalid: number;
      rows: Array<{ row: number; errors: Array<{ path: string; code: string; message: string }> }>;
    };
    expect(result).toMatchObject({ created: 6, invalid: 2 });
    expect(result.rows.map((r) => [r.row, r.errors.map((e) => e.code)])).toEqual([
      [6, ["required"]],
      [7, ["unterminated_quote"]],
    ]);
    // In the user's language (dev users default to pt-BR), never zod's English.
    expect(result.rows[0]?.errors[0]?.message).toBe("Empresa é obrigatório.");
    expect(result.rows[1]?.errors[0]?.message).toMatch(/^Aspas abertas/);

    const leads = await leadsMatching(tag);
    const by = (name: string) => leads.find((l) => l.company.startsWith(name));
    expect(leads.map((l) => l.company).sort()).toHaveLength(6);
    const orto = by("Ortoimplantes São José");
    expect(orto).toMatchObject({
      employees: 1200,
      yearsInBusiness: 25.5,
      tier: 1,
      city: "São José dos Campos",
    });
    expect(orto?.certifications).toEqual(["ISO 13485", "ANVISA"]);
    // ISO 13485 counts once (ANVISA scores nothing).
    expect(orto?.breakdown.find((f) => f.factor === "certifications")?.points).toBe(1);
    const odonto = by("Odonto Prótese");
    expect(odonto?.certifications).toEqual(["ANVISA"]);
    expect(odonto?.breakdown.some((f) => f.factor === "certifications")).toBe(false);
    expect(odonto?.tier).toBe(2);
    const cir = by("Cirúrgica Paraná");
    expect(cir?.breakdown.find((f) => f.factor === "certifications")?.points).toBe(2);
    expect(by("Dental Açaí")?.fitScore).toBe(4);
    expect(by("Depois das Aspas")).toBeDefined();
  });

  it("JSON null = unknown for every optional field, with the same result as leaving it out", async () => {
    const nulls = {
      website: null,
      segment: null,
      tier: null,
      products: null,
      city: null,
      state: null,
      country: null,
      linkedinUrl: null,
      employees: null,
      yearsInBusiness: null,
      countriesServed: null,
      certifications: null,
      hasRnd: null,
      isManufacturer: null,
    };
    const res = await importBody(
      JSON.stringify([{ company: `Nulo ${tag} A`, ...nulls }, { company: `Nulo ${tag} B` }]),
      "application/json",
    );
    expect(res.status).toBe(202);
    const job = await finished(((await res.json()) as { job: Job }).job);
    expect(job.result).toMatchObject({ created: 2, invalid: 0 });
    const [a, b] = (await leadsMatching(`Nulo ${tag}`)).sort((x, y) => x.company.localeCompare(y.company));
    const strip = (l: Detail | undefined) => l && { ...l, id: "", company: "" };
    expect(JSON.stringify(strip(a)).replace(/"(createdAt|updatedAt)":"[^"]+"/g, "")).toBe(
      JSON.stringify(strip(b)).replace(/"(createdAt|updatedAt)":"[^"]+"/g, ""),
    );
  });

  it("an import with no valid row is refused with each row's problems, and stores nothing", async () => {
    const res = await importBody(`company;tier\n;2\nX ${tag};9\n`, "text/csv");
    expect(res.status).toBe(400);
    const problem = (await res.json()) as {
      detail: string;
      errors: Array<{ path: string; message: string }>;
    };
    expect(problem.detail).toBe("Nenhuma linha pode ser importada.");
    expect(problem.errors.map((e) => [e.path, e.message])).toEqual([
      ["rows.1.company", "Empresa é obrigatório."],
      ["rows.2.tier", "Tier deve ser 1, 2 ou 3."],
    ]);
    expect(await leadsMatching(`X ${tag}`)).toEqual([]);
    // The same rows through the generic jobs API: the job fails and says why, not "succeeded, 0 leads".
    const viaJobs = await as("sales", "/api/jobs", {
      method: "POST",
      json: {
        type: "leads.import",
        input: { rows: [{ company: "" }, { company: `Y ${tag}`, tier: 9 }], source: "json" },
      },
    });
    expect(viaJobs.status).toBe(202);
    const job = await finished(((await viaJobs.json()) as { job: Job }).job);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "no_valid_rows" });
    expect(JSON.stringify(job.error)).toContain("Nenhuma das 2 linhas pode ser importada");
  });

  it("orders by the uncapped priority: an RFQ moves a capped lead above its equals", async () => {
    const rows = [1, 2, 3].map((i) => ({
      company: `Stryker Top ${tag} ${i}`,
      tier: 1,
      segment: "Implantes Ortopédicos",
      isManufacturer: true,
    }));
    const job = await finished(
      ((await (await importBody(JSON.stringify(rows), "application/json")).json()) as { job: Job }).job,
    );
    expect(job.status).toBe("succeeded");
    const list = async () =>
      (
        (await (await as("sales", `/api/leads?q=${encodeURIComponent(`Stryker Top ${tag}`)}`)).json()) as {
          items: Array<{ id: string; company: string; leadScore: number; priority: number; heat: string }>;
        }
      ).items;
    const before = await list();
    // 4 + 3 + 2 + 3 (brand) + 1 = 13 uncapped; fit, lead score and heat stay capped and exact.
    expect(before.map((l) => [l.leadScore, l.priority, l.heat])).toEqual([
      [10, 13, "HOT"],
      [10, 13, "HOT"],
      [10, 13, "HOT"],
    ]);
    const last = before.at(-1);
    await as("sales", `/api/leads/${last?.id}/engagements`, { method: "POST", json: { kind: "rfq" } });
    const after = await list();
    expect(after[0]).toMatchObject({ id: last?.id, leadScore: 10, priority: 14 });
    // The capped order still exists for whoever asks for it.
    const byScore = await as("sales", `/api/leads?q=${encodeURIComponent(`Stryker Top ${tag}`)}&sort=-score`);
    expect(byScore.status).toBe(200);
  });
});
