/**
 * What blog HTML may contain, as plain data: the API cleans HTML with it when it is stored
 * (`modules/content/sanitize.ts`) and the dashboard cleans it again before rendering
 * (`app/app/lib/sanitize.ts`), so a row written before a change to this list, or by a bug, still
 * cannot run code. One list for both, free of imports so the dashboard bundles it without zod;
 * each side hands it to the `xss` library itself.
 */

/**
 * The tags and attributes a blog post may use; everything else is removed. An allow-list (not a
 * block-list) so a tag or attribute nobody thought of is dropped rather than passed.
 */
export const BLOG_HTML_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  h2: [],
  h3: [],
  h4: [],
  p: [],
  br: [],
  hr: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  sup: [],
  sub: [],
  small: [],
  mark: [],
  blockquote: [],
  cite: [],
  code: [],
  pre: [],
  ul: [],
  ol: ["start"],
  li: [],
  a: ["href", "title"],
  img: ["src", "alt", "title", "width", "height"],
  figure: [],
  figcaption: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["scope"],
  td: [],
};

/** Removed together with everything inside them: their body is code or markup, not text. */
const STRIP_WITH_BODY = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "svg",
  "math",
]);

/** The options `xss` cleans blog HTML with: its `IFilterXSSOptions`, spelled out so this file imports nothing. */
export interface BlogHtmlOptions {
  whiteList: Record<string, string[]>;
  onIgnoreTag(tag: string, html: string, info: { isClosing?: boolean; position?: number }): string;
  allowCommentTag: boolean;
  css: boolean;
}

/**
 * One cleaning: hand `options` to `xss`, then its output to `finish`. Fresh for every cleaning,
 * because it remembers where the removed bodies were.
 *
 * Unknown tags vanish (their text stays); `STRIP_WITH_BODY` tags vanish with their body. The
 * library's own `stripIgnoreTagBody` is not used: a body tag inside another (an inline `<svg>` with
 * a `<style>`, as pasted from a design tool) left its "[removed]" marker in the post. Here bodies
 * nest. A tag left open loses only itself: what follows stays, as text that cannot run, so a
 * stray tag cannot swallow the rest of a post. The library's default `safeAttrValue` stays: it
 * decodes entities first (`&#106;avascript:`) and keeps only http(s), mailto, tel, relative and
 * `data:image/` URLs in href/src.
 */
export function blogHtmlFilter(): { options: BlogHtmlOptions; finish(cleaned: string): string } {
  let depth = 0;
  let start = 0;
  const cuts: Array<[number, number]> = [];
  const options: BlogHtmlOptions = {
    // Copies: the library's option types are mutable, and nobody may change the shared list.
    whiteList: Object.fromEntries(Object.entries(BLOG_HTML_ALLOWED).map(([tag, attrs]) => [tag, [...attrs]])),
    // `position` is where the tag would go in the output: the cuts are made there.
    onIgnoreTag(tag, html, { isClosing, position = 0 }) {
      if (!STRIP_WITH_BODY.has(tag)) return "";
      if (isClosing) {
        if (depth > 0 && --depth === 0) cuts.push([start, position]);
      } else if (!/\/\s*>$/.test(html)) {
        if (depth++ === 0) start = position;
      }
      return "";
    },
    allowCommentTag: false,
    css: false,
  };
  const finish = (cleaned: string): string => {
    let out = "";
    let from = 0;
    for (const [a, b] of cuts) {
      out += cleaned.slice(from, a);
      from = b;
    }
    return out + cleaned.slice(from);
  };
  return { options, finish };
}

/**
 * Blog HTML cleaned with the filter above: `xss` is the library's function, handed in by each side
 * so this file imports nothing.
 */
export function cleanBlogHtml(html: string, xss: (html: string, options: BlogHtmlOptions) => string): string {
  const filter = blogHtmlFilter();
  return filter.finish(xss(html, filter.options));
}
