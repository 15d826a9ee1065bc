import { describe, expect, it } from "vitest";
import { XSS_CORPUS } from "../../test/fixtures/xss-vectors";
import { BLOG_HTML_ALLOWED } from "../contracts/blog-html-values";
import { sanitizeBlogHtml } from "./sanitize";

interface Seen {
  tags: string[];
  attrs: Array<{ tag: string; name: string; value: string }>;
}

/** Parses HTML with workerd's own HTML parser (lol-html), independent of the sanitiser's. */
async function parse(html: string): Promise<Seen> {
  const seen: Seen = { tags: [], attrs: [] };
  await new HTMLRewriter()
    .on("*", {
      element(el) {
        seen.tags.push(el.tagName);
        for (const [name, value] of el.attributes)
          seen.attrs.push({ tag: el.tagName, name: String(name), value: String(value) });
      },
    })
    .transform(new Response(html))
    .text();
  return seen;
}

describe("sanitizeBlogHtml (workerd)", () => {
  it("keeps the HTML a blog post uses", () => {
    const html =
      '<h2>Título</h2><p>Texto <strong>forte</strong> e <a href="https://example.com/x" title="t">link</a>.</p><ul><li>um</li></ul>';
    expect(sanitizeBlogHtml(html)).toBe(html);
  });

  it.each(XSS_CORPUS)("leaves no element, handler or URL that can run code: %s", async (payload) => {
    const out = sanitizeBlogHtml(`<p>antes</p>${payload}<p>depois</p>`);
    const { tags, attrs } = await parse(out);
    for (const tag of tags) expect(Object.keys(BLOG_HTML_ALLOWED), out).toContain(tag);
    for (const a of attrs) {
      expect(BLOG_HTML_ALLOWED[a.tag] ?? [], out).toContain(a.name);
      if (a.name === "href" || a.name === "src")
        expect(a.value, out).toMatch(/^(https?:\/\/|mailto:|\/|#|$)/i);
    }
    expect(out).not.toMatch(/<\s*script/i);
    expect(out).toContain("<p>depois</p>");
  });

  it.each([
    // An inline SVG as a design tool pastes it: gone with its <style>, no marker text left.
    [
      '<p>a</p><svg viewBox="0 0 1 1"><style>.x{fill:red}</style><path d="M0"/></svg><p>b</p>',
      "<p>a</p><p>b</p>",
    ],
    ["<math><mi>x</mi><script>1</script></math><p>b</p>", "<p>b</p>"],
    ["<svg><svg><title>t</title></svg></svg><p>b</p>", "<p>b</p>"],
    // Self-closing: no body, so what follows stays.
    ["<p>a</p><svg/><p>b</p>", "<p>a</p><p>b</p>"],
    // Left open: only the tag goes; what follows stays, as text.
    ["<p>a</p><script>alert(1)<p>b</p>", "<p>a</p>alert(1)<p>b</p>"],
    // A stray closing tag changes nothing.
    ["<p>a</p></script><p>b</p>", "<p>a</p><p>b</p>"],
    // A person's own text that looks like the library's marker is theirs.
    ["<p>see [removed] in the log</p>", "<p>see [removed] in the log</p>"],
  ])("removes a code tag with its body, nested or not: %s", (dirty, clean) => {
    expect(sanitizeBlogHtml(dirty)).toBe(clean);
  });
});
