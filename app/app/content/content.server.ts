import type { RouterContextProvider } from "react-router";
import { apiJson } from "../lib/api.server";
import type { KindFilter } from "./list-query";
import type { Content, ContentStatus, FieldError } from "./types";

type Ctx = Readonly<RouterContextProvider>;

export type ReviewActionResult =
  | { ok: true; intent: string; content: Content; renderJobId: string | null }
  | { ok: false; intent: string; status: number; detail: string; errors: FieldError[] };

const KINDS: KindFilter[] = ["carousel", "blog", "sequence"];
const STATUSES: ContentStatus[] = ["draft", "approved", "rejected"];

/** The Studio list filters from the URL (anything unknown is ignored). */
export function listFilters(params: URLSearchParams) {
  const kind = params.get("kind");
  const status = params.get("status");
  const cursor = params.get("cursor");
  return {
    kind: KINDS.includes(kind as KindFilter) ? (kind as KindFilter) : null,
    status: STATUSES.includes(status as ContentStatus) ? (status as ContentStatus) : null,
    cursor: cursor && cursor.length <= 200 ? cursor : null,
  };
}

/** Runs one review intent (edit / approve / reject) against the API on the caller's behalf. */
export async function runReviewAction(
  context: Ctx,
  request: Request,
  id: string,
  form: FormData,
): Promise<ReviewActionResult> {
  const intent = String(form.get("intent"));
  const base = `/api/content/${encodeURIComponent(id)}`;
  let path: string;
  let init: RequestInit;
  if (intent === "approve") {
    path = `${base}/approve`;
    init = { method: "POST" };
  } else if (intent === "reject") {
    path = `${base}/reject`;
    init = { method: "POST", body: JSON.stringify({ reason: String(form.get("reason") ?? "") }) };
  } else if (intent === "edit") {
    path = base;
    init = { method: "PATCH", body: String(form.get("patch") ?? "{}") };
  } else {
    return { ok: false, intent, status: 400, detail: "unknown intent", errors: [] };
  }
  const res = await apiJson<{ content: Content; renderJob?: { id: string } | null }>(
    context,
    request,
    path,
    init,
  );
  if (res.ok)
    return { ok: true, intent, content: res.data.content, renderJobId: res.data.renderJob?.id ?? null };
  const problem = res.problem as typeof res.problem & { errors?: FieldError[] };
  return {
    ok: false,
    intent,
    status: res.status,
    detail: problem.detail ?? problem.title,
    errors: Array.isArray(problem.errors) ? problem.errors : [],
  };
}
