import { describe, expect, it } from "vitest";
import { leadJobTypes } from "./jobs";

const type = (name: string) => {
  const def = leadJobTypes.find((t) => t.type === name);
  if (!def?.label) throw new Error(`no label for ${name}`);
  return def.label as (input: unknown, locale: "pt-BR" | "en") => string;
};

describe("lead job labels read like the dashboard's numbers", () => {
  it("group thousands in each language and say '1 lead'", () => {
    const imp = type("leads.import");
    expect(imp({ rowsKey: "imports/u/x.json", rowCount: 10_000 }, "pt-BR")).toBe("Importar 10.000 leads");
    expect(imp({ rowsKey: "imports/u/x.json", rowCount: 10_000 }, "en")).toBe("Import 10,000 leads");
    expect(imp({ rows: [{}] }, "pt-BR")).toBe("Importar 1 lead");
    const ids = Array.from({ length: 1500 }, (_, i) => `l${i}`);
    expect(type("leads.enrich")({ leadIds: ids }, "pt-BR")).toBe("Enriquecer 1.500 leads");
    expect(type("leads.enrich")({ leadIds: ids }, "en")).toBe("Enrich 1,500 leads");
  });
});
