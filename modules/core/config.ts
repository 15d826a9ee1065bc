import { z } from "zod";

/** The only secret the code knows; accepted in development alone. */
export const DEV_AUTH_SECRET = "lifetrek-dev-only-secret-never-use-in-production-0001";
const DEV_SERVICE_SECRET = "dev-python-secret";
const DEV_WEBHOOK_SECRET = "dev-unipile-webhook-secret";

/**
 * THE list of what is a secret (set with `wrangler secret put`, never in wrangler.toml). The
 * `required` ones are also declared in `[env.staging.secrets]` / `[env.production.secrets]` of
 * wrangler.toml, so `wrangler deploy` refuses to ship without them; `npm run deploy:check` fails
 * when the two lists differ. Everything else in the Worker's env is a plain var.
 */
export const SECRETS = {
  required: [
    "BETTER_AUTH_SECRET",
    "PYTHON_SERVICE_SECRET",
    "UNIPILE_WEBHOOK_SECRET",
    "UNIPILE_API_KEY",
    "UNIPILE_DSN",
  ],
  /** Optional: GEMINI_API_KEY unless AI_PROVIDER=offline; email/Slack channels report `undeliverable` without theirs. */
  optional: ["GEMINI_API_KEY", "EMAIL_API_KEY", "ADMIN_SLACK_WEBHOOK_URL", "BOOTSTRAP_TOKEN"],
} as const;

const Csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );
const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const optionalUrl = z.preprocess(blankIsUnset, z.url().optional());
const optionalString = z.preprocess(blankIsUnset, z.string().optional());

const Environment = z.enum(["development", "test", "staging", "production"]);
type Environment = z.infer<typeof Environment>;

/** Every var and secret the Worker reads at startup (the content module parses its own tuning vars). */
const RawConfig = z.object({
  ENVIRONMENT: Environment.default("production"),
  PUBLIC_ORIGIN: z.url(),
  TRUSTED_ORIGINS: Csv,
  PYTHON_SERVICE_URL: optionalUrl,
  PUBLIC_APP_URL: optionalUrl,
  EMAIL_API_URL: optionalUrl,
  EMAIL_FROM: z.string().default("Lifetrek App <noreply@lifetrek.local>"),
  /** Unset: Gemini (required outside development). `offline` only when an operator chose it. */
  AI_PROVIDER: z.preprocess(blankIsUnset, z.enum(["gemini", "offline"]).optional()),
  BETTER_AUTH_SECRET: optionalString,
  PYTHON_SERVICE_SECRET: optionalString,
  UNIPILE_WEBHOOK_SECRET: optionalString,
  UNIPILE_API_KEY: optionalString,
  UNIPILE_DSN: optionalString,
  GEMINI_API_KEY: optionalString,
  EMAIL_API_KEY: optionalString,
  ADMIN_SLACK_WEBHOOK_URL: optionalUrl,
  BOOTSTRAP_TOKEN: optionalString,
  /** Development only: the outreach governor's time-lapse, `<real anchor ms>x<speed>`. */
  OUTREACH_DEV_CLOCK: optionalString,
});

export type AppConfig = {
  environment: Environment;
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
  aiProvider: "gemini" | "offline";
  /** `apiUrl` unset: the email channel is not configured and reports `undeliverable`. */
  email: { apiUrl: string | undefined; apiKey: string | undefined; from: string };
  adminSlackWebhookUrl: string | undefined;
  /** One-time admin bootstrap; unset disables the endpoint. */
  bootstrapToken: string | undefined;
  /** Development only: the outreach governor runs on a time-lapse (modules/outreach/clock.ts). */
  outreachDevClock: string | undefined;
};

export class ConfigError extends Error {}

export const isDevEnvironment = (e: string | undefined): boolean => e === "development" || e === "test";

/**
 * Which AI provider runs. Outside development the offline provider is never a silent fallback:
 * only `AI_PROVIDER=offline` selects it (drafts are then labelled offline in the UI).
 */
export function resolveAiProvider(env: {
  ENVIRONMENT?: string | undefined;
  AI_PROVIDER?: string | undefined;
  GEMINI_API_KEY?: string | undefined;
}): "gemini" | "offline" {
  if (env.AI_PROVIDER === "offline") return "offline";
  if (env.AI_PROVIDER === "gemini") return "gemini";
  return env.GEMINI_API_KEY || !isDevEnvironment(env.ENVIRONMENT ?? "production") ? "gemini" : "offline";
}

function requireSecret(name: string, value: string, environment: string, dev?: string): void {
  if (value.length < 32 || value === dev) {
    throw new ConfigError(
      `${name} must be set to a random secret of at least 32 characters in ${environment}.`,
    );
  }
}

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
  const isDev = isDevEnvironment(raw.ENVIRONMENT);
  const host = new URL(raw.PUBLIC_ORIGIN).hostname;
  if (isDev && !["127.0.0.1", "localhost"].includes(host)) {
    // A deploy that forgot to set ENVIRONMENT would otherwise seed dev users on a public host.
    throw new ConfigError(`ENVIRONMENT=${raw.ENVIRONMENT} is only allowed on a local origin, not ${host}.`);
  }
  const authSecret = raw.BETTER_AUTH_SECRET || (isDev ? DEV_AUTH_SECRET : "");
  const serviceSecret = raw.PYTHON_SERVICE_SECRET || (isDev ? DEV_SERVICE_SECRET : "");
  const webhookSecret = raw.UNIPILE_WEBHOOK_SECRET || (isDev ? DEV_WEBHOOK_SECRET : "");
  const aiProvider = resolveAiProvider(raw);
  if (!isDev) {
    if (new URL(raw.PUBLIC_ORIGIN).protocol !== "https:") {
      throw new ConfigError(`PUBLIC_ORIGIN must be https in ${raw.ENVIRONMENT}.`);
    }
    requireSecret("BETTER_AUTH_SECRET", authSecret, raw.ENVIRONMENT, DEV_AUTH_SECRET);
    requireSecret("PYTHON_SERVICE_SECRET", serviceSecret, raw.ENVIRONMENT, DEV_SERVICE_SECRET);
    requireSecret("UNIPILE_WEBHOOK_SECRET", webhookSecret, raw.ENVIRONMENT, DEV_WEBHOOK_SECRET);
    // Read by the Python Container; refusing here surfaces a forgotten `secret put` at once.
    for (const name of ["UNIPILE_API_KEY", "UNIPILE_DSN"] as const) {
      if (!raw[name]) throw new ConfigError(`${name} must be set in ${raw.ENVIRONMENT}.`);
    }
    if (raw.OUTREACH_DEV_CLOCK) {
      throw new ConfigError(`OUTREACH_DEV_CLOCK is a development aid; unset it in ${raw.ENVIRONMENT}.`);
    }
    if (aiProvider === "gemini" && !raw.GEMINI_API_KEY) {
      throw new ConfigError(
        `GEMINI_API_KEY must be set in ${raw.ENVIRONMENT} (or set AI_PROVIDER=offline on purpose).`,
      );
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
    unipileWebhookSecret: webhookSecret,
    unipileConfigured: Boolean(raw.UNIPILE_API_KEY),
    appUrl: (raw.PUBLIC_APP_URL ?? raw.PUBLIC_ORIGIN).replace(/\/$/, ""),
    aiProvider,
    email: { apiUrl: raw.EMAIL_API_URL, apiKey: raw.EMAIL_API_KEY, from: raw.EMAIL_FROM },
    adminSlackWebhookUrl: raw.ADMIN_SLACK_WEBHOOK_URL,
    bootstrapToken: raw.BOOTSTRAP_TOKEN,
    outreachDevClock: raw.OUTREACH_DEV_CLOCK,
  };
}
