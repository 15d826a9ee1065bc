// Shared helpers for the benchmark scripts (plain Node 22, no dependencies).
export const API = process.env.BENCH_API ?? "http://127.0.0.1:8787";

export function percentiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) =>
    s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : null;
  const r = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return { n: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s.at(-1) ?? null) };
}

export async function signIn(email, password = "lifetrek-dev-password") {
  const res = await fetch(`${API}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: API },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export function client(cookie) {
  return async (path, init = {}) => {
    const headers = {
      cookie,
      origin: API,
      ...(init.json ? { "content-type": "application/json" } : {}),
      ...init.headers,
    };
    const res = await fetch(`${API}${path}`, {
      ...init,
      headers,
      body: init.json ? JSON.stringify(init.json) : init.body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export async function waitUntil(fn, timeoutMs = 120_000, intervalMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
