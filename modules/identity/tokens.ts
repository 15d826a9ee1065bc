import { and, desc, eq, isNull } from "drizzle-orm";
import { apiToken, user } from "../../drizzle/schema";
import { type Actor, isAdmin, type Role, type Scope } from "../core/actor";
import type { Db } from "../core/db";
import { NotFound } from "../core/errors";
import { newId } from "../core/ids";

const TOKEN_PREFIX = "ltk_";

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
function view(r: typeof apiToken.$inferSelect): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}

/** Scoped API tokens: stored as SHA-256, shown in plaintext once, revocable by owner or admin. */
export class TokenService {
  constructor(private readonly db: Db) {}

  async create(
    owner: Actor,
    input: { name: string; scopes: Scope[]; expiresInDays?: number | undefined },
  ): Promise<{ token: string; info: TokenView }> {
    const secret = `${TOKEN_PREFIX}${randomSecret()}`;
    const now = new Date();
    const [row] = await this.db
      .insert(apiToken)
      .values({
        id: newId(),
        userId: owner.userId,
        name: input.name,
        prefix: secret.slice(0, 10),
        tokenHash: await sha256Hex(secret),
        scopes: input.scopes,
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    if (!row) throw new Error("token insert returned nothing");
    return { token: secret, info: view(row) };
  }

  async list(owner: Actor): Promise<TokenView[]> {
    const rows = await this.db
      .select()
      .from(apiToken)
      .where(eq(apiToken.userId, owner.userId))
      .orderBy(desc(apiToken.createdAt));
    return rows.map(view);
  }

  async revoke(actor: Actor, id: string): Promise<TokenView> {
    const [row] = await this.db
      .update(apiToken)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiToken.id, id),
          isAdmin(actor) ? undefined : eq(apiToken.userId, actor.userId),
          isNull(apiToken.revokedAt),
        ),
      )
      .returning();
    if (!row) throw new NotFound("Token");
    return view(row);
  }

  /** Resolves a bearer secret to the actor it acts for, or null if unknown/revoked/expired. */
  async authenticate(secret: string): Promise<Actor | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const hash = await sha256Hex(secret);
    const [found] = await this.db
      .select({ token: apiToken, role: user.role })
      .from(apiToken)
      .innerJoin(user, eq(user.id, apiToken.userId))
      // A deactivated user's tokens stop at once.
      .where(and(eq(apiToken.tokenHash, hash), isNull(apiToken.revokedAt), eq(user.banned, false)))
      .limit(1);
    if (!found) return null;
    if (found.token.expiresAt && found.token.expiresAt.getTime() < Date.now()) return null;
    return {
      userId: found.token.userId,
      role: found.role as Role,
      scopes: new Set(found.token.scopes as Scope[]),
      via: "token",
    };
  }

  /** Best effort; never on the request's critical path. */
  async touch(secret: string): Promise<void> {
    await this.db
      .update(apiToken)
      .set({ lastUsedAt: new Date() })
      .where(eq(apiToken.tokenHash, await sha256Hex(secret)));
  }
}
