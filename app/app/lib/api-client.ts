import { preferencesFrom } from "./preferences";
import type { Problem } from "./types";

export type ClientResult<T> = { ok: true; data: T } | { ok: false; status: number; problem: Problem | null };

/** Same-origin call to the API from the browser (the app Worker forwards `/api/*`). */
export async function clientApi<T>(path: string, init: RequestInit = {}): Promise<ClientResult<T>> {
  try {
    const res = await fetch(path, {
      credentials: "same-origin",
      ...init,
      // Job labels come back in the language picked in the dashboard, not the browser's.
      headers: {
        accept: "application/json",
        "accept-language": preferencesFrom(document.cookie).locale,
        ...init.headers,
      },
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: body as T };
    return { ok: false, status: res.status, problem: (body as Problem | null) ?? null };
  } catch {
    return { ok: false, status: 0, problem: null };
  }
}
