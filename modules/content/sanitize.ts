// `xss` is CommonJS with a function as its export: only the default import works everywhere.
import xss from "xss";
import { cleanBlogHtml } from "../contracts/blog-html-values";

/**
 * Blog HTML as it may be stored: only the contract's allowed tags and attributes
 * (`BLOG_HTML_ALLOWED`), safe URLs. Runs on every write (a person's edit, a job's draft).
 *
 * @example sanitizeBlogHtml('<p onclick="x()">a</p><script>b</script>') // '<p>a</p>'
 */
export function sanitizeBlogHtml(html: string): string {
  return cleanBlogHtml(html, xss);
}
