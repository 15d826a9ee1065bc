import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import * as schema from "../../drizzle/schema";
import type { AppConfig } from "../core/config";
import type { Db } from "../core/db";
import { newId } from "../core/ids";

/**
 * Better Auth for email + password sessions. Sign-up is closed: accounts are created by an admin
 * (or the development seed), and `role` can never be set from a request.
 */
export function createAuth(db: Db, config: AppConfig) {
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
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
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
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
