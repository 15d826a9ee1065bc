export const ROLES = ["admin", "marketing", "sales"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  "jobs:read",
  "jobs:write",
  "content:read",
  "content:write",
  "leads:read",
  "leads:write",
  "tokens:write",
  "outreach:read",
  "outreach:write",
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Who a request or a job acts for. Sessions carry every scope; API tokens carry only theirs.
 * Every data-layer call takes an Actor, so row scoping lives in one place.
 */
export interface Actor {
  userId: string;
  role: Role;
  scopes: ReadonlySet<Scope>;
  via: "session" | "token" | "job";
}

export function actorFor(userId: string, role: Role, via: Actor["via"]): Actor {
  return { userId, role, scopes: new Set(SCOPES), via };
}

export const isAdmin = (a: Actor): boolean => a.role === "admin";
