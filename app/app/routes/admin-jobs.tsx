import { data } from "react-router";
import { Forbidden, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { Job } from "../lib/types";
import { DiagnosticForm } from "../monitor/diagnostic-form";
import { FilterBar } from "../monitor/filter-bar";
import { apiQuery, filtersFrom } from "../monitor/filters";
import { JobTable } from "../monitor/job-table";
import type { Route } from "./+types/admin-jobs";

export async function loader({ request, context }: Route.LoaderArgs) {
  if (context.get(userContext).role !== "admin") return data({ allowed: false as const }, { status: 403 });
  const filters = filtersFrom(new URL(request.url).searchParams);
  const [list, types, users] = await Promise.all([
    apiJson<{ items: Job[]; nextCursor: string | null }>(context, request, `/api/jobs?${apiQuery(filters)}`),
    apiJson<{ items: Array<{ type: string; description: string; name?: Record<string, string> }> }>(
      context,
      request,
      "/api/jobs/types",
    ),
    apiJson<{ items: Array<{ id: string; name: string }> }>(context, request, "/api/users"),
  ]);
  if (!list.ok) throw data(list.problem, { status: list.status });
  return {
    allowed: true as const,
    filters,
    items: list.data.items,
    nextCursor: list.data.nextCursor,
    types: types.ok ? types.data.items.map((t) => ({ type: t.type, name: t.name ?? null })) : [],
    users: users.ok ? users.data.items.map((u) => ({ id: u.id, name: u.name })) : [],
  };
}

export type MonitorActionResult =
  | { intent: "diagnostic"; ok: boolean; job?: Job; detail?: string }
  | { intent: "bulk-retry"; ok: boolean; retried: number; total: number }
  | { intent: "bulk-stalled"; ok: boolean; retried: number; total: number };

export async function action({ request, context }: Route.ActionArgs): Promise<MonitorActionResult> {
  if (context.get(userContext).role !== "admin") throw data({ detail: "forbidden" }, { status: 403 });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "diagnostic") {
    const clamp = (v: FormDataEntryValue | null, max: number) =>
      Math.max(0, Math.min(max, Math.trunc(Number(v) || 0)));
    const input = {
      sleepMs: clamp(form.get("sleepMs"), 10_000),
      failTimes: clamp(form.get("failTimes"), 10),
    };
    const res = await apiJson<{ job: Job }>(context, request, "/api/jobs", {
      method: "POST",
      body: JSON.stringify({ type: "system.ping", input }),
    });
    return res.ok
      ? { intent, ok: true, job: res.data.job }
      : { intent, ok: false, detail: res.problem.detail ?? res.problem.title };
  }
  if (intent === "bulk-retry") {
    const ids = form.getAll("id").map(String).slice(0, 100);
    const results = await Promise.all(
      ids.map((id) =>
        apiJson(context, request, `/api/jobs/${encodeURIComponent(id)}/retry`, { method: "POST" }),
      ),
    );
    const retried = results.filter((r) => r.ok).length;
    return { intent, ok: retried === ids.length, retried, total: ids.length };
  }
  if (intent === "bulk-stalled") {
    // Requeue = cancel, then retry with the persisted input (resuming from its checkpoint): the
    // engine's own transitions, so a zombie worker of the old attempt cannot write any more.
    const requeue = form.get("mode") === "requeue";
    const ids = form.getAll("id").map(String).slice(0, 100);
    const call = (id: string, op: "cancel" | "retry") =>
      apiJson(context, request, `/api/jobs/${encodeURIComponent(id)}/${op}`, { method: "POST" });
    const results = await Promise.all(
      ids.map(async (id) => {
        const cancelled = await call(id, "cancel");
        return cancelled.ok && requeue ? (await call(id, "retry")).ok : cancelled.ok;
      }),
    );
    const retried = results.filter(Boolean).length;
    return { intent, ok: retried === ids.length, retried, total: ids.length };
  }
  throw data({ detail: "unknown intent" }, { status: 400 });
}

export function meta() {
  return [{ title: "Lifetrek — Job Monitor" }];
}

export default function AdminJobs({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  if (!loaderData.allowed) return <Forbidden />;
  return (
    <>
      <PageHeader title={t.monitor.title} subtitle={t.monitor.subtitle} />
      <div className="space-y-4">
        <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
          <FilterBar filters={loaderData.filters} types={loaderData.types} users={loaderData.users} />
          <DiagnosticForm />
        </div>
        <JobTable
          items={loaderData.items}
          nextCursor={loaderData.nextCursor}
          filters={loaderData.filters}
          users={loaderData.users}
        />
      </div>
    </>
  );
}
