import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { account, user } from "../../drizzle/schema";
import type { Role } from "../core/actor";
import type { Db } from "../core/db";
import { newId } from "../core/ids";

export const DEV_PASSWORD = "lifetrek-dev-password";

export const DEV_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@lifetrek.local", name: "Ana Admin", role: "admin" },
  { email: "marketing@lifetrek.local", name: "Marina Marketing", role: "marketing" },
  { email: "sales@lifetrek.local", name: "Márcio Vendas", role: "sales" },
  { email: "sales2@lifetrek.local", name: "Vanessa Comercial", role: "sales" },
];

/** Creates a user with a password credential, as Better Auth's sign-up would. */
export async function createUser(
  db: Db,
  u: { id?: string; email: string; name: string; role: Role; password: string },
): Promise<string> {
  const now = new Date();
  const id = u.id ?? newId();
  await db.batch([
    db.insert(user).values({
      id,
      email: u.email,
      name: u.name,
      role: u.role,
      emailVerified: true,
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(account).values({
      id: newId(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: await hashPassword(u.password),
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  return id;
}

/** Development only (the caller checks): idempotent, cheap when the users already exist. */
export async function seedDevUsers(db: Db): Promise<void> {
  for (const u of DEV_USERS) {
    const existing = await db.query.user.findFirst({ where: eq(user.email, u.email) });
    if (existing) continue;
    try {
      await createUser(db, { ...u, password: DEV_PASSWORD });
    } catch (err) {
      // Two isolates seeding at once: the unique email index lets exactly one win.
      if (!String(err).includes("UNIQUE")) throw err;
    }
  }
}
