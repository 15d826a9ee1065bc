// `xss` is CommonJS with a function as its export: only the default import works everywhere.
import xss from "xss";
import { cleanBlogHtml } from "../../../modules/contracts/blog-html-values";

/**
 * Blog HTML as it may be shown: the filter the API stored it with (`blog-html-values.ts`),
 * applied again before every render of stored HTML and of the editor's preview.
 *
 * @example sanitizeBlogHtml('<p onclick="x()">a</p><script>b</script>') // '<p>a</p>'
 */
export function sanitizeBlogHtml(html: string): string {
  return cleanBlogHtml(html, xss);
}
