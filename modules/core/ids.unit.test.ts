import { describe, expect, it } from "vitest";
import { newId } from "./ids";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("newId", () => {
  it("makes unique, well-formed ids that sort in the order they were made", () => {
    // More than one pool of random bytes (256), within one millisecond and across several.
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(ULID);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("draws fresh randomness in a new millisecond, spread over the whole alphabet", async () => {
    const randoms: string[] = [];
    for (let i = 0; i < 40; i++) {
      // workerd's clock moves only across I/O: wait for a new millisecond.
      await new Promise((r) => setTimeout(r, 2));
      randoms.push(newId().slice(10));
    }
    expect(new Set(randoms).size).toBe(randoms.length);
    // 640 characters over 32 symbols: each shows up (a constant or narrow source would not).
    const seen = new Set(randoms.join(""));
    expect(seen.size).toBe(32);
  });
});
