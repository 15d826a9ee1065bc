import { describe, expect, it } from "vitest";
import { BLOG_HTML_ALLOWED, blogHtmlFilter } from "./blog-html-values";
import { SLIDE_LIMITS, SlideType } from "./content";
import { Heat, LEAD_FIELDS, LeadInput } from "./leads";

/** The import-free value lists the dashboard bundles must say what the schemas say, in order. */
describe("contract values", () => {
  it("lists the lead fields in LeadInput's order (the import screen's choices follow it)", () => {
    expect(LEAD_FIELDS).toEqual(LeadInput.keyof().options);
  });

  it("has heats and slide limits for exactly the schemas' values", () => {
    expect(Heat.options).toEqual(["HOT", "WARM", "COLD"]);
    expect(Object.keys(SLIDE_LIMITS)).toEqual(SlideType.options);
  });
});

describe("blog HTML filter", () => {
  it("hands out copies: changing one user's options cannot widen the shared allow-list", () => {
    const mine = blogHtmlFilter().options;
    mine.whiteList.p?.push("onclick");
    mine.whiteList.script = [];
    const fresh = blogHtmlFilter().options;
    expect(fresh.whiteList.p).toEqual([]);
    expect(fresh.whiteList).not.toHaveProperty("script");
    expect(BLOG_HTML_ALLOWED.p).toEqual([]);
  });
});
