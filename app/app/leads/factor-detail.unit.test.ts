import { describe, expect, it } from "vitest";
import { formattersFor } from "../i18n";
import { leadsEn, leadsPt } from "../i18n/leads";
import { factorDetail } from "./factor-detail";

/** What the ranking service writes (python-service/app/scoring/rank_leads.py), factor by factor. */
const SERVICE = [
  ["base", "Base score", "Pontuação inicial do modelo"],
  ["tier", "Tier 1", "Tier 1"],
  ["segment", "Segment: Implantes ortopédicos", "Segmento: Implantes ortopédicos"],
  ["products", "Products: implantes, -luvas", "Produtos: implantes, -luvas"],
  ["brand", "Global brand match: Stryker", "Marca global reconhecida: Stryker"],
  ["certifications", "2 of FDA/CE/ISO", "2 de FDA/CE/ISO"],
  ["rnd", "Has R&D", "Tem P&D"],
  ["years", "25 years in business", "25 anos de mercado"],
  ["countries", "Serves 12 countries", "Atende 12 países"],
  ["employees", "1200 employees", "1.200 funcionários"],
  ["manufacturer", "Manufacturer", "Fabricante"],
  ["engagement", "Engagement 12.5/100", "Engajamento 12,5/100"],
  ["cap", "Score limited to 0–10", "Pontuação limitada a 0–10"],
] as const;

describe("score breakdown details in the reader's language (#17.6)", () => {
  it.each(SERVICE)("%s: %s → %s", (factor, detail, pt) => {
    expect(factorDetail(leadsPt, formattersFor("pt-BR"), { factor, detail })).toBe(pt);
  });

  it("reads back the same English in en, numbers in en-US", () => {
    for (const [factor, detail] of SERVICE) {
      const out = factorDetail(leadsEn, formattersFor("en"), { factor, detail });
      expect(out).toBe(factor === "employees" ? "1,200 employees" : detail);
    }
  });

  it("shows a detail in an unknown form as it came", () => {
    expect(factorDetail(leadsPt, formattersFor("pt-BR"), { factor: "tier", detail: "Nível A" })).toBe(
      "Nível A",
    );
    expect(factorDetail(leadsPt, formattersFor("pt-BR"), { factor: "new", detail: "x" })).toBe("x");
  });
});
