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

/**
 * The options `xss` cleans blog HTML with (its `IFilterXSSOptions`, spelled out here so this file
 * imports nothing). The library's default `safeAttrValue` stays: it decodes entities first
 * (`&#106;avascript:`) and keeps only http(s), mailto, tel, relative and `data:image/` URLs in
 * href/src.
 */
export function blogHtmlFilter(): {
  whiteList: Record<string, string[]>;
  stripIgnoreTag: boolean;
  stripIgnoreTagBody: string[];
  allowCommentTag: boolean;
  css: boolean;
} {
  return {
    // Copies: the library's option types are mutable, and nobody may change the shared list.
    whiteList: Object.fromEntries(Object.entries(BLOG_HTML_ALLOWED).map(([tag, attrs]) => [tag, [...attrs]])),
    // Unknown tags vanish (their text stays), and these ones vanish with everything inside them.
    stripIgnoreTag: true,
    stripIgnoreTagBody: [
      "script",
      "style",
      "iframe",
      "object",
      "embed",
      "noscript",
      "template",
      "svg",
      "math",
    ],
    allowCommentTag: false,
    css: false,
  };
}
