import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ptBR } from "./pt-BR";

/** Every path to a leaf ("job › ev › retrying"), with what it is (a text or a function of N values). */
function leaves(value: unknown, path = "", texts: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") out.set(path, `function/${value.length}`);
  else if (typeof value === "string") {
    out.set(path, "string");
    if (value.trim() === "") texts.push(path);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      for (const [p, kind] of leaves(v, path ? `${path} › ${k}` : k, texts)) out.set(p, kind);
    }
  } else out.set(path, typeof value);
  return out;
}

/**
 * The types make `en` the same shape as pt-BR, but not the open maps (error codes, stage names,
 * kinds…) nor how many values a text takes: a key in one language only shows its code (#17.6).
 */
describe("the pt-BR and en dictionaries", () => {
  const pt = leaves(ptBR);
  const english = leaves(en);

  it("have the same keys", () => {
    const onlyPt = [...pt.keys()].filter((k) => !english.has(k));
    const onlyEn = [...english.keys()].filter((k) => !pt.has(k));
    expect({ onlyPt, onlyEn }).toEqual({ onlyPt: [], onlyEn: [] });
  });

  it("take the same values in each text", () => {
    const differ = [...pt].filter(([k, kind]) => english.has(k) && english.get(k) !== kind).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it("have no empty text", () => {
    const empty = (d: unknown) => {
      const found: string[] = [];
      leaves(d, "", found);
      return found;
    };
    expect(empty(ptBR)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
