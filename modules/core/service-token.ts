// The Worker → Python service identity (decision 0010), shared by every feature that calls it.

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const b64json = (v: unknown) => b64url(new TextEncoder().encode(JSON.stringify(v)));

/**
 * A 5-minute HS256 token naming the acting user and scopes: the Python service trusts nothing
 * else, holds no database credentials and writes nothing.
 */
export async function serviceToken(secret: string, userId: string, scopes: string[], now = Date.now()) {
  const iat = Math.floor(now / 1000);
  const body = `${b64json({ alg: "HS256", typ: "JWT" })}.${b64json({
    iss: "lifetrek-worker",
    aud: "lifetrek-python",
    sub: userId,
    scopes,
    iat,
    exp: iat + 300,
  })}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `${body}.${b64url(sig)}`;
}
