/**
 * The dashboard's security headers. Scripts run only with this response's nonce (React Router
 * puts it on its own inline and module scripts), so markup injected into a page cannot run even
 * if it slipped past the sanitiser. Styles stay 'unsafe-inline': React `style` props and the toast
 * library's injected stylesheet need it, and CSS cannot run script.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': modules imported by a nonce'd script may load; host lists are ignored.
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    // Blog bodies may show web images; slides, banners and product pictures are same-origin.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // The realtime socket is same-origin; Vite's hot-reload socket needs ws: in development.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh random nonce per response (128 bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Headers every dashboard response carries (pages, redirects, data requests). HSTS is left out
 * in development, where the dashboard is plain http on 127.0.0.1.
 */
export function applySecurityHeaders(headers: Headers, dev: boolean): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (!dev) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Responses that are not pages (redirects, loader data) still refuse to be framed.
  if (!headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
}
