import { describe, expect, it } from "vitest";
import { lazy } from "./lazy";

describe("lazy", () => {
  it("loads once for every caller, and loads again after a failure instead of keeping it", async () => {
    let calls = 0;
    const load = lazy(async () => {
      calls++;
      if (calls === 1) throw new Error("wasm not fetched");
      return { ready: calls };
    });
    await expect(load()).rejects.toThrow("wasm not fetched");
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toEqual({ ready: 2 });
    expect(calls).toBe(2);
  });
});
