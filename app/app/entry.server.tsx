import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server";
import type { EntryContext } from "react-router";
import { ServerRouter } from "react-router";
import { contentSecurityPolicy, createNonce } from "./lib/security-headers";

/** Streams the HTML with Web Streams (Workers have no Node streams). */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
) {
  let shellRendered = false;
  const userAgent = request.headers.get("user-agent");
  // One nonce per page: React Router puts it on its scripts, preloads and inline hydration data.
  const nonce = createNonce();
  const body = await renderToReadableStream(
    <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
    {
      nonce,
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell are logged; before it they reject the promise above.
        if (shellRendered) console.error(error);
      },
    },
  );
  shellRendered = true;
  // Bots (and SPA-less clients) get the whole document at once.
  if ((userAgent && isbot(userAgent)) || routerContext.isSpaMode) await body.allReady;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, import.meta.env.DEV));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
