import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin } from "better-auth/plugins";
import { defaultAc } from "better-auth/plugins/admin/access";
import * as schema from "../../drizzle/schema";
import type { AppConfig } from "../core/config";
import type { Db } from "../core/db";
import { newId } from "../core/ids";
import type { Mailer } from "../core/mail";
import { resetEmail } from "./mail-text";

// Admins manage users and sessions; impersonation and deletion are not features here (a user's
// jobs, drafts and leads stay attributed to them), so no role has them.
const adminRole = defaultAc.newRole({
  user: ["create", "list", "set-role", "ban", "get", "update", "set-password"],
  session: ["list", "revoke", "delete"],
});
const memberRole = defaultAc.newRole({ user: [], session: [] });

/** Reset links live one hour; invitations are handled by `invites.ts`. */
const RESET_TTL_S = 60 * 60;

/**
 * Better Auth for email + password sessions. Sign-up is closed: accounts are created by an admin
 * (or the development seed), and `role` can never be set from a request. The admin plugin gives
 * roles and bans (a banned user cannot sign in; banning deletes their sessions).
 */
export function createAuth(db: Db, config: AppConfig, mailer: Mailer) {
  return betterAuth({
    secret: config.authSecret,
    baseURL: config.publicOrigin,
    basePath: "/api/auth",
    trustedOrigins: config.trustedOrigins,
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      resetPasswordTokenExpiresIn: RESET_TTL_S,
      // A reset ends every other session: whoever had the old password is out.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        // The link opens the dashboard's reset screen, which posts to /api/auth/reset-password.
        const link = `${config.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
        const u = user as { email: string; locale?: string };
        const { subject, text } = resetEmail(link, u.locale === "en" ? "en" : "pt-BR");
        const out = await mailer.send(u.email, subject, text);
        if (out === "undeliverable" && config.isDev)
          console.log(JSON.stringify({ msg: "dev reset link", link }));
      },
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "marketing" },
        locale: { type: "string", input: false, defaultValue: "pt-BR" },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      // A signed copy of the session in a cookie spares a D1 read on every request; a revoked
      // session or a role change reaches other devices within this many seconds.
      cookieCache: { enabled: true, maxAge: 30 },
    },
    advanced: {
      database: { generateId: () => newId() },
      useSecureCookies: !config.isDev,
    },
    plugins: [
      admin({
        defaultRole: "marketing",
        adminRoles: ["admin"],
        roles: { admin: adminRole, marketing: memberRole, sales: memberRole },
      }),
    ],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
