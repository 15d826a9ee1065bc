import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { isDevEnvironment } from "../../modules/core/config";
import type { AppEnv } from "../../modules/core/http";

/** Paths that serve HTML; everything else the API answers is data and may load nothing at all. */
const DOCS_PATH = "/api/docs";

const common = {
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  // Same-site, not same-origin: in development the dashboard (port 5173) shows product images
  // served by this Worker (port 8787), which is the same site.
  crossOriginResourcePolicy: "same-site",
} as const;

const dataCsp = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};
// `/api/docs` is one inline module script and one inline style (workers/api/docs.ts), both
// carrying this response's nonce, and fetches the OpenAPI document from this origin.
const docsCsp = {
  ...dataCsp,
  scriptSrc: [NONCE],
  styleSrc: [NONCE],
  connectSrc: ["'self'"],
};

const variants = (hsts: boolean) => ({
  data: secureHeaders({ ...common, strictTransportSecurity: hsts, contentSecurityPolicy: dataCsp }),
  docs: secureHeaders({ ...common, strictTransportSecurity: hsts, contentSecurityPolicy: docsCsp }),
});
const deployed = variants(true);
// Development serves plain http on 127.0.0.1: HSTS there would pin the browser to https.
const development = variants(false);

/**
 * Security headers on every response this Worker answers, errors included (hono/secure-headers
 * sets them after the handler and after onError have produced the response).
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) => {
  const set = isDevEnvironment(c.env.ENVIRONMENT as string) ? development : deployed;
  return (c.req.path === DOCS_PATH ? set.docs : set.data)(c, next);
};
