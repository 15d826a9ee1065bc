import { z } from "@hono/zod-openapi";
import { type createRouter, problemResponses } from "../../modules/core/http";

type Router = ReturnType<typeof createRouter>;

const ok = (description: string) => ({ 200: { description } });
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } }, required: true });

/**
 * Documents the routes that are not zod-openapi routes (Better Auth, the WebSocket, raw-body and
 * simple GET endpoints), so `/api/openapi.json` lists the whole public surface.
 */
export function documentExtraRoutes(api: Router): void {
  const r = api.openAPIRegistry;
  const Credentials = z.object({ email: z.email(), password: z.string() });
  const add = (method: "get" | "post" | "put", path: string, summary: string, extra: object = {}) =>
    r.registerPath({ method, path, summary, responses: { ...ok(summary), ...problemResponses }, ...extra });

  add("post", "/auth/sign-in/email", "Sign in with email and password (sets the session cookie)", {
    request: { body: json(Credentials) },
  });
  add("post", "/auth/sign-out", "Sign out (send content-type: application/json)");
  add("get", "/realtime", "WebSocket: hello, then a `job` message on every change you may see");
  // `mapping`: column header → lead field (null ignores the column), laid over the suggestion.
  const Mapping = z.record(z.string(), z.string().nullable());
  const importRequest = {
    query: z.object({ mapping: z.string().optional().describe('JSON object, e.g. {"Porte":"tier"}') }),
    body: {
      content: {
        "text/csv": { schema: z.string() },
        "application/json": {
          schema: z.union([
            z.array(z.unknown()),
            z.object({ rows: z.array(z.unknown()), mapping: Mapping.optional() }),
          ]),
        },
      },
      required: true,
    },
  };
  add(
    "post",
    "/leads/import",
    "Import leads from text/csv (header row) or a JSON array, with an optional column mapping → 202 {job}; invalid rows are skipped and reported",
    { request: importRequest },
  );
  add(
    "post",
    "/leads/import/preview",
    "What an import would do, storing nothing: columns with the suggested and applied mapping, counts, each invalid row's problems in your language, the first 20 rows as stored",
    { request: importRequest },
  );
  add(
    "get",
    "/leads/import/template.csv",
    "The import template: header in your language (or ?lang=pt-BR|en) and an example row, `;`-separated with a UTF-8 BOM",
    { request: { query: z.object({ lang: z.enum(["pt-BR", "en"]).optional() }) } },
  );
  add(
    "get",
    "/leads/summary",
    "Counts by heat, the fit × engagement matrix, segments, what changed this week",
  );
  add("get", "/usage", "Your and the company's spend today/this month against the limits");
  add("get", "/admin/guardrails", "The guardrail settings (admin)");
  add("get", "/admin/alerts", "Recent guardrail alerts (admin)");
  add("get", "/admin/prices", "The AI price table (admin)");
  add("get", "/admin/territories", "Which user owns each lead territory");
  add("get", "/me/notifications", "Your notification settings");
  add("get", "/me/notifications/outbox", "Your notifications and their delivery attempts");
  add("get", "/users", "Colleagues' names and roles (e-mail for admins)");
  add("get", "/health", "Liveness");
}

/**
 * Operations that can answer 429: sign-in and token creation are throttled (`RateLimiter`); the
 * others start a job, and a guardrail (spend limit, kill switch, daily count) may refuse it.
 */
const MAY_ANSWER_429: ReadonlySet<string> = new Set([
  "post /auth/sign-in/email",
  "post /tokens",
  "post /jobs",
  "post /jobs/{id}/retry",
  "post /leads/import",
  "patch /content/{id}",
  "post /outreach/actions",
]);

const LIMIT_STATUSES = {
  413: { description: "Body larger than 256 KB (problem+json)" },
  415: { description: "Body sent with a content type this route does not take (problem+json)" },
  429: { description: "Too many attempts, or a guardrail refused; see Retry-After (problem+json)" },
} as const;

const METHODS = ["get", "put", "post", "delete", "patch"] as const;
type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };

/**
 * The edge middleware's answers, added to the served document in one place: every operation
 * with a body may get 413 (`limitBody`) and 415 (`requireContentType`); the listed ones 429.
 */
export function documentLimitStatuses<D extends { paths?: Record<string, object> }>(doc: D): D {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Partial<Record<(typeof METHODS)[number], Operation>>)[method];
      if (!op) continue;
      const responses = op.responses ?? {};
      if (op.requestBody) Object.assign(responses, { 413: LIMIT_STATUSES[413], 415: LIMIT_STATUSES[415] });
      if (MAY_ANSWER_429.has(`${method} ${path.replace(/^\/api(?=\/)/, "")}`))
        responses[429] ??= LIMIT_STATUSES[429];
      op.responses = responses;
    }
  }
  return doc;
}
