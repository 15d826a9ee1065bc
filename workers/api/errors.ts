import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../../modules/core/errors";
import type { AppEnv } from "../../modules/core/http";

const PROBLEM = "application/problem+json";

export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const type = `https://lifetrek.app/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return new Response(JSON.stringify({ type, title, status, detail, ...extra }), {
    status,
    headers: { "content-type": PROBLEM, ...headers },
  });
}

/** The single place errors become responses. Unknown errors are logged, never leaked. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId");
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.extra.retryAfterSeconds !== undefined)
      headers["retry-after"] = String(err.extra.retryAfterSeconds);
    const extra: Record<string, unknown> = { requestId };
    if (err.extra.errors) extra.errors = err.extra.errors;
    if (err.extra.code) extra.code = err.extra.code;
    return problem(err.status, err.title, err.message, extra, headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const title = status === 413 ? "Payload too large" : status === 400 ? "Invalid request" : "Request error";
    return problem(status, title, err.message || title, { requestId });
  }
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled",
      requestId,
      path: c.req.path,
      err: String(err),
      stack: err.stack,
    }),
  );
  return problem(500, "Internal error", "Something went wrong on our side. It has been logged.", {
    requestId,
  });
}
