import { describe, expect, it } from "vitest";
import { contactTarget, needsProfileVisit, personProfileUrl } from "./target";

describe("who an invitation goes to", () => {
  it("canonicalises member profile URLs in the forms people paste", () => {
    for (const u of [
      "https://www.linkedin.com/in/Helena-Prado/",
      "http://linkedin.com/in/helena-prado",
      "br.linkedin.com/in/helena-prado?trk=profile",
      "  https://www.linkedin.com/in/helena-prado#about ",
    ]) {
      expect(personProfileUrl(u)).toBe("https://www.linkedin.com/in/helena-prado");
    }
    expect(personProfileUrl("https://www.linkedin.com/in/jos%C3%A9-silva")).toBe(
      "https://www.linkedin.com/in/jos%C3%A9-silva",
    );
  });

  it("a company page, another site or a broken escape is nobody", () => {
    for (const u of [
      "https://www.linkedin.com/company/acme-implantes",
      "https://www.linkedin.com/in/",
      "https://evil.example/linkedin.com/in/x",
      "https://www.linkedin.com/in/%E0%A4%A",
      "",
      null,
      undefined,
    ]) {
      expect(personProfileUrl(u)).toBeNull();
    }
  });

  it("prefers a provider id, then the maker's profile, then the lead's own member URL", () => {
    const company = "https://www.linkedin.com/company/acme";
    expect(contactTarget({ providerId: "ACoAA1", profileUrl: "https://linkedin.com/in/a" }, company)).toBe(
      "ACoAA1",
    );
    expect(contactTarget({ providerId: null, profileUrl: "https://linkedin.com/in/a" }, company)).toBe(
      "https://www.linkedin.com/in/a",
    );
    expect(contactTarget(undefined, "https://linkedin.com/in/b")).toBe("https://www.linkedin.com/in/b");
    expect(contactTarget(undefined, company)).toBeNull();
    expect(contactTarget({ providerId: null, profileUrl: company }, null)).toBeNull();
    expect(needsProfileVisit("ACoAA1")).toBe(false);
    expect(needsProfileVisit("https://www.linkedin.com/in/a")).toBe(true);
    expect(needsProfileVisit(null)).toBe(false);
  });
});
