import { describe, expect, it } from "vitest";
import { registry } from "./services";

/**
 * Screens name jobs, their stages and their limits in the reader's language (#17.6): every
 * registered type says what it is called, and every stage it declares, in both languages.
 */
describe("job types speak both languages", () => {
  const types = registry.list();

  it("every type has a name in pt-BR and en (limit messages use it, not the key)", () => {
    const missing = types.filter((t) => !t.name?.["pt-BR"].trim() || !t.name?.en.trim()).map((t) => t.type);
    expect(missing).toEqual([]);
    expect(registry.nameOf("content.carousel", "pt-BR")).toBe("Carrossel");
    expect(registry.nameOf("content.carousel", "en")).toBe("Carousel");
  });

  it("every declared stage and workflow step is labelled in both languages", () => {
    const bad: string[] = [];
    for (const t of types) {
      const labels = {
        ...t.stages,
        ...(t.runner === "workflow" ? Object.fromEntries(t.steps.map((s) => [s.name, s.label])) : {}),
      };
      for (const [stage, l] of Object.entries(labels)) {
        if (!l["pt-BR"].trim() || !l.en.trim()) bad.push(`${t.type}:${stage}`);
        // A label that is only the key is the code showing through.
        if (l["pt-BR"] === stage || l.en === stage) bad.push(`${t.type}:${stage} (key as label)`);
      }
    }
    expect(bad).toEqual([]);
    expect(registry.stageLabel("content.sequence", "children")).toEqual({
      "pt-BR": "Gerando os posts",
      en: "Generating the posts",
    });
    expect(registry.stageLabel("leads.enrich", "enrich")?.["pt-BR"]).toBe("Enriquecendo leads");
    expect(registry.stageLabel("system.ping", "nope")).toBeUndefined();
  });
});
