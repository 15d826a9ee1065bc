import { describe, expect, it } from "vitest";
import { controlCharPaths } from "./control-chars";

describe("controlCharPaths", () => {
  it("names each string and key holding a control character, at any depth", () => {
    const text = JSON.stringify({
      name: "Pino\u0000",
      ok: "tab\tand\nlines\r\n, a pasted\u000bline break and a form feed\f: fine",
      rows: [{ company: "A" }, { company: "B\u001b[31m" }],
      "bad\u0007key": 1,
      del: "x\u007f",
    });
    expect(controlCharPaths(text)).toEqual(["name", "rows.1.company", "bad\u0007key", "del"]);
  });

  it("finds nothing in ordinary text, escaped backslashes or a top-level string", () => {
    expect(controlCharPaths(JSON.stringify({ a: "Olá — ±5 µm 🦷", b: "\\u0000 as text" }))).toEqual([]);
    expect(controlCharPaths(JSON.stringify("x\u0001"))).toEqual([""]);
    expect(controlCharPaths("{not json \\u0000")).toEqual([]);
    // Escaped letters (clients that send ASCII-only JSON) are not controls.
    expect(controlCharPaths('{"city":"S\\u00e3o Paulo","n":"\\u0070"}')).toEqual([]);
  });

  it("finds a DEL, which JSON may carry unescaped", () => {
    expect(controlCharPaths('{"note":"x\u007f"}')).toEqual(["note"]);
    expect(controlCharPaths('{"note":"x\\u007F"}')).toEqual(["note"]);
  });

  it("stops after max paths", () => {
    const text = JSON.stringify(Array.from({ length: 100 }, () => "\u0000"));
    expect(controlCharPaths(text, 5)).toHaveLength(5);
  });
});
