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
  "account:read",
  "account:write",
  "admin:read",
  "admin:write",
  "outreach:read",
  "outreach:write",
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What each role may put on a token it mints (a token itself may mint only a subset of its own
 * scopes). Row rules still apply on top: a marketing user's `leads:read` sees what they see.
 */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: SCOPES,
  marketing: SCOPES.filter((s) => s !== "leads:write" && !s.startsWith("admin:")),
  sales: SCOPES.filter((s) => !s.startsWith("admin:")),
};

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
