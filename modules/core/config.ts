import { z } from "zod";

/** The only secret the code knows; accepted in development alone. */
export const DEV_AUTH_SECRET = "lifetrek-dev-only-secret-never-use-in-production-0001";
export const DEV_SERVICE_SECRET = "dev-python-secret";
export const DEV_WEBHOOK_SECRET = "dev-unipile-webhook-secret";

const Csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const RawConfig = z.object({
  ENVIRONMENT: z.enum(["development", "test", "staging", "production"]).default("production"),
  PUBLIC_ORIGIN: z.url(),
  TRUSTED_ORIGINS: Csv,
  BETTER_AUTH_SECRET: z.string().optional(),
  /** Empty or unset: reach the Python service through the Container binding. */
  PYTHON_SERVICE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  PYTHON_SERVICE_SECRET: z.string().optional(),
  UNIPILE_WEBHOOK_SECRET: z.string().optional(),
  UNIPILE_API_KEY: z.string().optional(),
  PUBLIC_APP_URL: z.url().optional(),
  EMAIL_API_URL: z.url().optional(),
  EMAIL_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default("Lifetrek App <noreply@lifetrek.local>"),
});

export type AppConfig = {
  environment: "development" | "test" | "staging" | "production";
  isDev: boolean;
  publicOrigin: string;
  trustedOrigins: string[];
  authSecret: string;
  pythonServiceUrl: string | undefined;
  pythonServiceSecret: string;
  /** Unset outside development means webhooks are refused (no signature can match ""). */
  unipileWebhookSecret: string;
  /** A real Unipile key is set: outreach connects accounts through hosted auth (else demo, dev only). */
  unipileConfigured: boolean;
  appUrl: string;
  email: { apiUrl: string | undefined; apiKey: string | undefined; from: string };
};

export class ConfigError extends Error {}

/**
 * Parses env once. Outside development a missing, short or dev-default secret refuses to start
 * (Better Auth would otherwise silently use its own built-in default).
 */
export function loadConfig(env: Record<string, unknown>): AppConfig {
  const parsed = RawConfig.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const raw = parsed.data;
  const isDev = raw.ENVIRONMENT === "development" || raw.ENVIRONMENT === "test";
  const host = new URL(raw.PUBLIC_ORIGIN).hostname;
  if (isDev && !["127.0.0.1", "localhost"].includes(host)) {
    // A deploy that forgot to set ENVIRONMENT would otherwise seed dev users on a public host.
    throw new ConfigError(`ENVIRONMENT=${raw.ENVIRONMENT} is only allowed on a local origin, not ${host}.`);
  }
  const authSecret = raw.BETTER_AUTH_SECRET || (isDev ? DEV_AUTH_SECRET : "");
  const serviceSecret = raw.PYTHON_SERVICE_SECRET || (isDev ? DEV_SERVICE_SECRET : "");
  if (!isDev) {
    for (const [name, value, dev] of [
      ["BETTER_AUTH_SECRET", authSecret, DEV_AUTH_SECRET],
      ["PYTHON_SERVICE_SECRET", serviceSecret, DEV_SERVICE_SECRET],
    ] as const) {
      if (value.length < 32 || value === dev) {
        throw new ConfigError(
          `${name} must be set to a random secret of at least 32 characters in ${raw.ENVIRONMENT}.`,
        );
      }
    }
  }
  return {
    environment: raw.ENVIRONMENT,
    isDev,
    publicOrigin: raw.PUBLIC_ORIGIN,
    trustedOrigins: raw.TRUSTED_ORIGINS,
    authSecret,
    pythonServiceUrl: raw.PYTHON_SERVICE_URL,
    pythonServiceSecret: serviceSecret,
    unipileWebhookSecret: raw.UNIPILE_WEBHOOK_SECRET || (isDev ? DEV_WEBHOOK_SECRET : ""),
    unipileConfigured: Boolean(raw.UNIPILE_API_KEY),
    appUrl: (raw.PUBLIC_APP_URL ?? raw.PUBLIC_ORIGIN).replace(/\/$/, ""),
    email: { apiUrl: raw.EMAIL_API_URL, apiKey: raw.EMAIL_API_KEY, from: raw.EMAIL_FROM },
  };
}
