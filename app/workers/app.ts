import { createRequestHandler, RouterContextProvider } from "react-router";
import { cloudflareContext } from "../app/lib/context";
import { applySecurityHeaders } from "../app/lib/security-headers";

const handleRequest = createRequestHandler(
  () => import("virtual:react-router/server-build"),
  import.meta.env.MODE,
);

export default {
  async fetch(request: Request, env: AppEnv, ctx: WorkerContext): Promise<Response> {
    const url = new URL(request.url);
    // Same-origin API: pass the request (cookies, Origin, WebSocket upgrade) through untouched.
    if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
      return env.API.fetch(request);
    }
    const context = new RouterContextProvider();
    context.set(cloudflareContext, { env, ctx });
    const res = await handleRequest(request, context);
    // Responses may have immutable headers (redirects): copy before adding ours.
    const out = new Response(res.body, res);
    applySecurityHeaders(out.headers, import.meta.env.DEV);
    return out;
  },
};
