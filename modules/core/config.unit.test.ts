import { describe, expect, it } from "vitest";
import { ConfigError, DEV_AUTH_SECRET, loadConfig, resolveAiProvider } from "./config";

const base = {
  PUBLIC_ORIGIN: "https://app.lifetrek.example",
  TRUSTED_ORIGINS: "https://app.lifetrek.example",
};
const strong = "s".repeat(24) + crypto.randomUUID();

describe("configuration", () => {
  it("falls back to dev secrets only in development", () => {
    const local = { PUBLIC_ORIGIN: "http://127.0.0.1:8787", ENVIRONMENT: "development" };
    expect(loadConfig(local).authSecret).toBe(DEV_AUTH_SECRET);
  });

  it.each([
    ["missing", {}],
    ["dev default", { BETTER_AUTH_SECRET: DEV_AUTH_SECRET, PYTHON_SERVICE_SECRET: strong }],
    ["too short", { BETTER_AUTH_SECRET: "short", PYTHON_SERVICE_SECRET: strong }],
    ["python secret missing", { BETTER_AUTH_SECRET: strong }],
  ])("production refuses a %s secret", (_n, secrets) => {
    expect(() => loadConfig({ ...base, ENVIRONMENT: "production", ...secrets })).toThrow(ConfigError);
  });

  it("refuses development settings on a public origin", () => {
    expect(() => loadConfig({ ...base, ENVIRONMENT: "development" })).toThrow(
      /only allowed on a local origin/,
    );
  });

  it("an unset ENVIRONMENT is treated as production", () => {
    expect(() => loadConfig(base)).toThrow(ConfigError);
  });

  const full = {
    ...base,
    ENVIRONMENT: "production",
    BETTER_AUTH_SECRET: strong,
    PYTHON_SERVICE_SECRET: strong,
    UNIPILE_WEBHOOK_SECRET: strong,
    UNIPILE_API_KEY: "k",
    UNIPILE_DSN: "api1.unipile.com:1",
    GEMINI_API_KEY: "g",
  };

  it("production accepts real secrets", () => {
    const c = loadConfig(full);
    expect(c.isDev).toBe(false);
    expect(c.aiProvider).toBe("gemini");
    expect(c.trustedOrigins).toEqual(["https://app.lifetrek.example"]);
  });

  it("production never falls back to the offline AI provider silently", () => {
    expect(() => loadConfig({ ...full, GEMINI_API_KEY: "" })).toThrow(/GEMINI_API_KEY/);
    expect(loadConfig({ ...full, GEMINI_API_KEY: "", AI_PROVIDER: "offline" }).aiProvider).toBe("offline");
    expect(resolveAiProvider({ ENVIRONMENT: "production" })).toBe("gemini");
    expect(resolveAiProvider({ ENVIRONMENT: "development" })).toBe("offline");
  });

  it("production refuses a plain-http origin", () => {
    expect(() => loadConfig({ ...full, PUBLIC_ORIGIN: "http://app.lifetrek.example" })).toThrow(/https/);
  });
});
