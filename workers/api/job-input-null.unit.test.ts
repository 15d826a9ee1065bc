import { describe, expect, it } from "vitest";
import { shapeOf } from "../../modules/contracts/absent";
import { registry } from "../services";

describe("job inputs", () => {
  it("take null for every optional field, as request bodies do (POST /api/jobs passes input through)", () => {
    const types = registry.list();
    expect(types.length).toBeGreaterThan(5);
    const refused: string[] = [];
    for (const t of types) {
      for (const [key, field] of Object.entries(shapeOf(t.input) ?? {})) {
        if (!field.safeParse(undefined).success) continue;
        // Judged as the engine judges it, through the type's whole input: no issue at this field.
        const r = t.input.safeParse({ [key]: null });
        if (!r.success && r.error.issues.some((i) => i.path[0] === key)) refused.push(`${t.type} ${key}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
