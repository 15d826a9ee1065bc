import type { RouterContextProvider } from "react-router";
import { cloudflareContext } from "./context";
import { preferencesFrom } from "./preferences";
import type { Me, Problem } from "./types";

type Ctx = Readonly<RouterContextProvider>;

/**
 * Calls the API Worker through the `API` service binding on behalf of the browser: the incoming
 * session cookie is forwarded and `Origin` is the dashboard's own (a trusted origin), so the API
 * sees the same request the browser would have made.
 */
export function apiFetch(
  context: Ctx,
  request: Request,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const { env } = context.get(cloudflareContext);
  const headers = new Headers(init.headers);
  const cookie = request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  headers.set("origin", new URL(request.url).origin);
  headers.set("accept", "application/json");
  // The API answers human texts (job labels) in this language: the one the user picked here.
  headers.set("accept-language", preferencesFrom(cookie).locale);
  if (init.body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  return env.API.fetch(new Request(new URL(path, request.url), { ...init, headers }));
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem: Problem };

/** `apiFetch` + JSON decoding into a result that never throws for HTTP errors. */
export async function apiJson<T>(
  context: Ctx,
  request: Request,
  path: string,
  init?: RequestInit,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await apiFetch(context, request, path, init);
  } catch {
    return { ok: false, status: 503, problem: { title: "Service unavailable", status: 503 } };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const problem = (body && typeof body === "object" ? body : { title: res.statusText }) as Problem;
  return { ok: false, status: res.status, problem: { ...problem, status: res.status } };
}

/** The signed-in user, or null when the session is missing or expired. */
export async function getMe(context: Ctx, request: Request): Promise<Me | null> {
  if (!request.headers.get("cookie")) return null;
  const res = await apiJson<{ user: Me }>(context, request, "/api/me");
  return res.ok ? res.data.user : null;
}

/** Copies every Set-Cookie of an API response onto headers we answer the browser with. */
export function forwardCookies(from: Response, to: Headers = new Headers()): Headers {
  for (const c of from.headers.getSetCookie()) to.append("set-cookie", c);
  return to;
}
