const HERE = "http://dashboard.invalid";

/**
 * Where sign-in may send the user afterwards: a path on this site, nothing else. Browsers read
 * `/\evil.com` and `/<tab>/evil.com` as `//evil.com` (another site), so the value is resolved the
 * way a browser would and refused unless it stays on this origin; backslashes and control
 * characters are refused outright. Anything refused goes home.
 *
 * @example safeNext("/content?kind=blog") // "/content?kind=blog"
 * @example safeNext("/%5Cevil.com")        // "/" (after URL decoding it is "/\evil.com")
 */
export function safeNext(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value))
    return "/";
  if (value.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return "/";
  }
  return url.origin === HERE ? `${url.pathname}${url.search}${url.hash}` : "/";
}
