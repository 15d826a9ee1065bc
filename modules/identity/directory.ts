import { eq, inArray, sql } from "drizzle-orm";
import { user } from "../../drizzle/schema";
import type { Role } from "../core/actor";
import { type Db, perDb } from "../core/db";
import type { Locale } from "../core/locale";

/** What other modules may know about a person: never the auth columns behind it. */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** False once an admin deactivated them (Better Auth's `banned`). */
  active: boolean;
  locale: Locale;
}

/** D1 refuses statements with more than 100 bound parameters. */
const IDS_PER_QUERY = 90;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The one door to the `user` table for every module but identity: the engine loads a job's
 * owner, guardrails and notifications pick the owner's language, leads check that an owner
 * exists. Reads the live row each time, so a role change or deactivation counts at once.
 *
 * @example
 * const who = await new UserDirectory(db).find(job.userId);
 * if (!who?.active) throw new Forbidden("Deactivated.");
 */
export class UserDirectory {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<DirectoryUser | null> {
    const u = await byId(this.db).get({ id });
    return u ? viewOf(u) : null;
  }

  /** Development seeds know their demo people by address. */
  async findByEmail(email: string): Promise<DirectoryUser | null> {
    const u = await this.db.query.user.findFirst({ where: eq(user.email, email) });
    return u ? viewOf(u) : null;
  }

  /** The person's language for texts sent to them; Portuguese for an unknown id. */
  async locale(id: string): Promise<Locale> {
    const u = await this.db.query.user.findFirst({ columns: { locale: true }, where: eq(user.id, id) });
    return u?.locale === "en" ? "en" : "pt-BR";
  }

  /** Which of `ids` are people (deactivated ones included: their rows stay attributed). */
  async existing(ids: Iterable<string>): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks([...new Set(ids)], IDS_PER_QUERY)) {
      const rows = await this.db.select({ id: user.id }).from(user).where(inArray(user.id, part));
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  /** Display names by id; ids that are nobody are left out. */
  async names(ids: Iterable<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const part of chunks([...new Set(ids)], IDS_PER_QUERY)) {
      const rows = await this.db
        .select({ id: user.id, name: user.name })
        .from(user)
        .where(inArray(user.id, part));
      for (const r of rows) names.set(r.id, r.name);
    }
    return names;
  }
}

/**
 * `find` runs on every signed-in request and for every job's owner: its SQL is built once per
 * database handle instead of on each call (issue #10's profile).
 */
const byId = perDb((db) =>
  db
    .select()
    .from(user)
    .where(eq(user.id, sql.placeholder("id")))
    .limit(1)
    .prepare(),
);

const viewOf = (u: typeof user.$inferSelect): DirectoryUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  active: !u.banned,
  locale: u.locale,
});
