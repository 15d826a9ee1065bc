// `xss` is CommonJS with a function as its export: only the default import works everywhere.
import xss from "xss";
import { blogHtmlFilter } from "../../../modules/contracts/blog-html-values";

// The API's list (`BLOG_HTML_ALLOWED`), applied again here: see `blog-html-values.ts` for why.
const OPTIONS = blogHtmlFilter();

/**
 * Blog HTML as it may be shown. Runs before every render of stored HTML and of the editor's
 * preview.
 *
 * @example sanitizeBlogHtml('<p onclick="x()">a</p><script>b</script>') // '<p>a</p>'
 */
export function sanitizeBlogHtml(html: string): string {
  return xss(html, OPTIONS);
}
