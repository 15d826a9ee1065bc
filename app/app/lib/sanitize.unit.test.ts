import { describe, expect, it } from "vitest";
import { sanitizeBlogHtml } from "./sanitize";

// The full hostile corpus runs against the API's copy (modules/content/sanitize.unit.test.ts);
// both apply the contract's one filter, and this proves the dashboard's copy does apply it.
describe("sanitizeBlogHtml (dashboard, before rendering)", () => {
  it("keeps a blog post's markup", () => {
    const html =
      '<h2>Título</h2><p>Texto <a href="https://example.com/x" title="t">link</a></p><ol start="3"><li>a</li></ol>';
    expect(sanitizeBlogHtml(html)).toBe(html);
  });

  it.each([
    ['<p onclick="x()">a</p><script>b</script>', "<p>a</p>"],
    ['<a href="javascript:alert(1)">x</a>', "<a href>x</a>"],
    ['<a href="&#106;avascript:alert(1)">x</a>', "<a href>x</a>"],
    ["<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>"],
    ['<img src="https://example.com/x.png" onerror="alert(1)">', '<img src="https://example.com/x.png">'],
    ["<iframe src=//evil></iframe><p>ok</p>", "<p>ok</p>"],
  ])("removes what could run code: %s", (dirty, clean) => {
    expect(sanitizeBlogHtml(dirty)).toBe(clean);
  });
});
