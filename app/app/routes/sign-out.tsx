import { redirect } from "react-router";
import { apiFetch, forwardCookies } from "../lib/api.server";
import type { Route } from "./+types/sign-out";

export async function action({ request, context }: Route.ActionArgs) {
  const res = await apiFetch(context, request, "/api/auth/sign-out", { method: "POST", body: "{}" }).catch(
    () => null,
  );
  const headers = res ? forwardCookies(res) : new Headers();
  return redirect("/sign-in", { headers });
}

export function loader() {
  return redirect("/");
}
