import type { RouterContextProvider } from "react-router";
import { apiJson } from "./api.server";
import type { Job } from "./types";

export type JobActionResult =
  | { ok: true; intent: "retry" | "cancel"; job: Job }
  | { ok: false; intent: string; status: number; detail: string };

/** Retry or cancel one job on the caller's behalf (the API enforces who may). */
export async function runJobAction(
  context: Readonly<RouterContextProvider>,
  request: Request,
  id: string,
  intent: string,
): Promise<JobActionResult> {
  if (intent !== "retry" && intent !== "cancel")
    return { ok: false, intent, status: 400, detail: "unknown intent" };
  const res = await apiJson<{ job: Job }>(context, request, `/api/jobs/${encodeURIComponent(id)}/${intent}`, {
    method: "POST",
  });
  if (res.ok) return { ok: true, intent, job: res.data.job };
  return { ok: false, intent, status: res.status, detail: res.problem.detail ?? res.problem.title };
}
