import type { Hono } from "hono";
import { type Access, type AppEnv, accessOf } from "../../modules/core/http";

export interface RouteAccess {
  method: string;
  path: string;
  access: Access;
}

/**
 * Every endpoint of the app with the access rule its route declares (read from the `access()`
 * middleware on the route itself, so the table can never drift from the routes), and the
 * endpoints that declare none.
 */
export function routeAccessTable(app: Hono<AppEnv>): {
  declared: RouteAccess[];
  missing: Array<{ method: string; path: string }>;
} {
  const groups = new Map<string, { method: string; path: string; access?: Access }>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue; // app.use middleware, not an endpoint
    const key = `${r.method} ${r.path}`;
    const g = groups.get(key) ?? { method: r.method, path: r.path };
    g.access ??= accessOf(r.handler);
    groups.set(key, g);
  }
  const declared: RouteAccess[] = [];
  const missing: Array<{ method: string; path: string }> = [];
  for (const g of groups.values()) {
    if (g.access) declared.push({ method: g.method, path: g.path, access: g.access });
    else missing.push({ method: g.method, path: g.path });
  }
  return { declared, missing };
}

/** Deny by default: an API route that forgot to declare its access rule stops the Worker. */
export function assertEveryRouteDeclaresAccess(app: Hono<AppEnv>): void {
  const { missing } = routeAccessTable(app);
  if (missing.length) {
    throw new Error(
      `Routes without an access() rule: ${missing.map((m) => `${m.method} ${m.path}`).join(", ")}`,
    );
  }
}
