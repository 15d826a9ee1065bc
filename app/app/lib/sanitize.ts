// `xss` is CommonJS with a function as its export: only the default import works everywhere.
import xss, { type IFilterXSSOptions, type IWhiteList } from "xss";

/**
 * The tags and attributes a blog post may show; everything else is removed. The API cleans HTML
 * with the same list when it is stored (`modules/content/sanitize.ts`); the dashboard cleans it
 * again before rendering so a row written before that, or by a bug, still cannot run code. Keep
 * the two lists equal.
 */
const BLOG_ALLOWED: IWhiteList = {
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

const OPTIONS: IFilterXSSOptions = {
  whiteList: BLOG_ALLOWED,
  // Unknown tags vanish (their text stays), and these ones vanish with everything inside them.
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"],
  allowCommentTag: false,
  css: false,
  // The library's default `safeAttrValue` stays: it decodes entities first (`&#106;avascript:`)
  // and keeps only http(s), mailto, tel, relative and `data:image/` URLs in href/src.
};

/**
 * Blog HTML as it may be stored and shown: only `BLOG_ALLOWED` tags and attributes, safe URLs.
 * Runs before every render of stored HTML and of the editor's preview.
 *
 * @example sanitizeBlogHtml('<p onclick="x()">a</p><script>b</script>') // '<p>a</p>'
 */
export function sanitizeBlogHtml(html: string): string {
  return xss(html, OPTIONS);
}
