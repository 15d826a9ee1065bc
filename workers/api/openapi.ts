import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type AppEnv, access, createRouter } from "../../modules/core/http";
import { docsPage } from "./docs";

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

// The routes' own error answers name the `Problem` component; these do too.
const edgeProblem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const EDGE_STATUSES = {
  413: edgeProblem("Body larger than the route takes (256 KB, unless the route declares more)"),
  415: edgeProblem("Body sent with a content type this route does not take"),
} as const;

const METHODS = ["get", "put", "post", "delete", "patch"] as const;
type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };

/**
 * The document as served: every route's own declaration, plus what the edge middleware answers
 * before any route runs — 413 and 415 (`bodyChecks`, from the routes' `BodyRule`s) for every
 * operation with a body. A Hono pattern in a path (`{key}{.+}`: a key with slashes) is shown as `{key}`.
 */
function servedDocument(root: OpenAPIHono<AppEnv>): Document {
  const doc = root.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Lifetrek App API", version: "1.0.0", description: "See docs/architecture.md." },
  });
  const paths: NonNullable<Document["paths"]> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Partial<Record<(typeof METHODS)[number], Operation>>)[method];
      if (!op?.requestBody) continue;
      const responses = op.responses ?? {};
      responses[413] ??= EDGE_STATUSES[413];
      responses[415] ??= EDGE_STATUSES[415];
      op.responses = responses;
    }
    paths[path.replace(/(\{\w+\})\{[^/]*\}/g, "$1")] = item;
  }
  return { ...doc, paths };
}

/** `/api/openapi.json` and the browsable `/api/docs`, describing the app `root()` returns. */
export function documentRoutes(root: () => OpenAPIHono<AppEnv>) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/openapi.json",
      middleware: [access("public")],
      summary: "This document (OpenAPI 3.1)",
      // Its schema is OpenAPI's own (spec.openapis.org/oas/3.1/schema), not one of ours.
      responses: { 200: { description: "The OpenAPI 3.1 document (application/json)" } },
    }),
    (c) => c.json(servedDocument(root()), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/docs",
      middleware: [access("public")],
      summary: "A browsable reference of this document",
      responses: { 200: { content: { "text/html": { schema: z.string() } }, description: "The page" } },
    }),
    (c) => c.html(docsPage("/api/openapi.json", c.get("secureHeadersNonce") ?? "")),
  );
  return app;
}
