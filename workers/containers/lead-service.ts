import { Container } from "@cloudflare/containers";

/**
 * The Python lead service as a Cloudflare Container in production. The Worker reaches it through
 * the `LEAD_SERVICE` binding when `PYTHON_SERVICE_URL` is unset; locally (no Docker) it runs as a
 * plain uvicorn process and the URL is used instead.
 */
export class LeadServiceContainer extends Container<Env> {
  override defaultPort = 8000;
  override sleepAfter = "10m";

  constructor(ctx: DurableObjectState<Record<string, never>>, env: Env) {
    super(ctx, env);
    const e = env as unknown as Record<string, string | undefined>;
    this.envVars = Object.fromEntries(
      Object.entries({
        ENVIRONMENT: e.ENVIRONMENT === "development" ? "development" : "production",
        SERVICE_TOKEN_SECRET: e.PYTHON_SERVICE_SECRET,
        UNIPILE_DSN: e.UNIPILE_DSN,
        UNIPILE_API_KEY: e.UNIPILE_API_KEY,
      }).filter((kv): kv is [string, string] => typeof kv[1] === "string"),
    );
  }
}
