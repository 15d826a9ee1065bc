import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { apiToken, user, userInvite } from "../../drizzle/schema";
import type { Actor, Role } from "../core/actor";
import type { Db } from "../core/db";
import { AppError, BadRequest, Conflict, NotFound } from "../core/errors";
import { newId } from "../core/ids";
import type { Mailer } from "../core/mail";
import type { Auth } from "./auth";
import { inviteEmail } from "./mail-text";
import { createUser } from "./seed";
import { randomSecret, sha256Hex } from "./tokens";

const INVITE_TTL_HOURS = 72;

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

const viewOf = (u: typeof user.$inferSelect): UserView => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  active: !u.banned,
  createdAt: u.createdAt.toISOString(),
});

class Gone extends AppError {
  constructor() {
    super(410, "Invitation unusable", "This invitation link was already used or has expired.");
  }
}

/**
 * Admin user management: invitations (one-time, expiring links sent by email), role changes and
 * deactivation through Better Auth's admin plugin. Users are never deleted, so their jobs, drafts
 * and leads stay attributed.
 */
export class UserAdminService {
  constructor(
    private readonly db: Db,
    private readonly auth: Auth,
    private readonly mailer: Mailer,
    private readonly appUrl: string,
    private readonly showLinks: boolean,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.db.select().from(user).orderBy(user.name)).map(viewOf);
  }

  async invites() {
    const rows = await this.db
      .select()
      .from(userInvite)
      .where(and(isNull(userInvite.acceptedAt), gt(userInvite.expiresAt, new Date())))
      .orderBy(desc(userInvite.createdAt))
      .limit(100);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      expiresAt: r.expiresAt.toISOString(),
    }));
  }

  async invite(admin: Actor, input: { email: string; role: Role; locale: "pt-BR" | "en" }) {
    const email = input.email.trim().toLowerCase();
    if (await this.db.query.user.findFirst({ where: eq(user.email, email) })) {
      throw new Conflict("A user with this email already exists.");
    }
    const token = randomSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_HOURS * 3_600_000);
    const id = newId();
    await this.db.insert(userInvite).values({
      id,
      email,
      role: input.role,
      tokenHash: await sha256Hex(token),
      invitedBy: admin.userId,
      createdAt: now,
      expiresAt,
    });
    const link = `${this.appUrl}/invite?token=${encodeURIComponent(token)}`;
    const { subject, text } = inviteEmail(link, input.role, INVITE_TTL_HOURS, input.locale);
    const delivery = await this.mailer.send(email, subject, text);
    return {
      invite: { id, email, role: input.role, expiresAt: expiresAt.toISOString() },
      delivery,
      // Development has no mailbox: the admin sees the link instead.
      link: this.showLinks ? link : null,
    };
  }

  private async findUsable(token: string) {
    const row = await this.db.query.userInvite.findFirst({
      where: eq(userInvite.tokenHash, await sha256Hex(token)),
    });
    if (!row || row.acceptedAt || row.expiresAt.getTime() < Date.now()) throw new Gone();
    return row;
  }

  async preview(token: string) {
    const row = await this.findUsable(token);
    return { email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString() };
  }

  /** Creates the invited user with the invited role; the link works exactly once. */
  async accept(input: { token: string; name: string; password: string }): Promise<UserView> {
    const row = await this.findUsable(input.token);
    const userId = newId();
    // Claim the invitation first: of two racing accepts, exactly one gets the row.
    const [claimed] = await this.db
      .update(userInvite)
      .set({ acceptedAt: new Date(), acceptedUserId: userId })
      .where(and(eq(userInvite.id, row.id), isNull(userInvite.acceptedAt)))
      .returning({ id: userInvite.id });
    if (!claimed) throw new Gone();
    try {
      await createUser(this.db, {
        id: userId,
        email: row.email,
        name: input.name,
        role: row.role,
        password: input.password,
      });
    } catch (err) {
      if (String(err).includes("UNIQUE")) throw new Conflict("A user with this email already exists.");
      throw err;
    }
    const created = await this.db.query.user.findFirst({ where: eq(user.id, userId) });
    if (!created) throw new NotFound("User");
    return viewOf(created);
  }

  /** Role and active flag; effective at once (the API reads both from D1 on every request). */
  async update(
    admin: Actor,
    headers: Headers,
    id: string,
    patch: { role?: Role | undefined; active?: boolean | undefined },
  ) {
    const target = await this.db.query.user.findFirst({ where: eq(user.id, id) });
    if (!target) throw new NotFound("User");
    if (id === admin.userId && (patch.role !== undefined || patch.active === false)) {
      // Nobody locks themselves (or the last admin) out by accident.
      throw new BadRequest("You cannot change your own role or deactivate yourself.");
    }
    if (patch.role !== undefined && patch.role !== target.role) {
      await this.auth.api.setRole({ headers, body: { userId: id, role: patch.role } });
    }
    if (patch.active === false && !target.banned) {
      await this.auth.api.banUser({ headers, body: { userId: id, banReason: "Deactivated by an admin" } });
      // Tokens stop at once (the check reads `banned`); revoking them too means reactivating the
      // user does not silently bring old secrets back.
      await this.db
        .update(apiToken)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiToken.userId, id), isNull(apiToken.revokedAt)));
    }
    if (patch.active === true && target.banned) {
      await this.auth.api.unbanUser({ headers, body: { userId: id } });
    }
    const after = await this.db.query.user.findFirst({ where: eq(user.id, id) });
    if (!after) throw new NotFound("User");
    return viewOf(after);
  }
}
