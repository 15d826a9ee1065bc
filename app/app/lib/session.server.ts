import { createContext, type MiddlewareFunction, redirect } from "react-router";
import { getMe } from "./api.server";
import type { Me } from "./types";

/** The signed-in user, set by `requireUser` for every route under the app layout. */
export const userContext = createContext<Me>();

/** Sends anonymous visitors to the sign-in page (remembering where they were going). */
export const requireUser: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const me = await getMe(context, request);
  if (!me) {
    const url = new URL(request.url);
    const target = url.pathname + url.search;
    throw redirect(target === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(target)}`);
  }
  context.set(userContext, me);
  return next();
};

/** Only same-site paths may be redirect targets (see `safe-next.ts`). */
export { safeNext } from "./safe-next";
