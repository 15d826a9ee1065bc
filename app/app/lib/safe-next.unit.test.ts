import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext (sign-in ?next=)", () => {
  it.each(["/", "/content", "/content/01J?kind=blog#x", "/leads?q=a%2Fb"])(
    "keeps the same-site path %s",
    (v) => {
      expect(safeNext(v)).toBe(v);
    },
  );

  it.each([
    // What URLSearchParams hands over after decoding `/%5C…`, `/%09/…` and friends.
    "/\\evil.com",
    "/\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r//evil.com",
    "//evil.com",
    "///evil.com",
    "https://evil.com",
    "http://evil.com/path",
    "javascript:alert(1)",
    "evil.com",
    "",
    " /content",
    "/\u0000/evil.com",
    null,
    undefined,
    42,
  ])("refuses %j and goes home", (v) => {
    expect(safeNext(v)).toBe("/");
  });

  it("treats still-encoded separators as part of a path on this site", () => {
    expect(safeNext("/%5Cevil.com")).toBe("/%5Cevil.com");
    expect(safeNext("/%2F%2Fevil.com")).toBe("/%2F%2Fevil.com");
  });
});
