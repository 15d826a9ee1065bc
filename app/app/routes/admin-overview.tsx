import { data, Link } from "react-router";
import { Card, Forbidden, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { apiJson } from "../lib/api.server";
import { userContext } from "../lib/session.server";
import type { JobStatus } from "../lib/types";
import { BarList, Ring } from "../settings/bars";
import type { Usage } from "../settings/usage";
import type { Route } from "./+types/admin-overview";

export type Metrics = {
  windowHours?: number;
  byStatus: Partial<Record<JobStatus, number>>;
  byType: Array<{ type: string; total: number; failed: number; costUsd: number }>;
  failureRate: number;
  queueWaitMs: { p50: number | null; p95: number | null };
  /** Jobs waiting well past their run time or lease right now (modules/jobs/stalled.ts). */
  stalled?: number;
  runMs: { p50: number | null; p95: number | null };
  spendUsd: number;
};

const WINDOWS = [24, 168] as const;
const STATUSES: JobStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];
const STATUS_BAR: Record<JobStatus, string> = {
  queued: "bg-slate-400",
  running: "bg-brand-blue dark:bg-blue-400",
  succeeded: "bg-brand-green dark:bg-green-400",
  failed: "bg-red-600",
  cancelled: "bg-amber-500",
};

export async function loader({ request, context }: Route.LoaderArgs) {
  if (context.get(userContext).role !== "admin") return data({ allowed: false as const }, { status: 403 });
  const asked = Number(new URL(request.url).searchParams.get("hours"));
  const hours = (WINDOWS as readonly number[]).includes(asked) ? asked : 24;
  const [metrics, usage, types] = await Promise.all([
    apiJson<Metrics>(context, request, `/api/admin/metrics?hours=${hours}`),
    apiJson<Usage>(context, request, "/api/usage"),
    apiJson<{ items: Array<{ type: string; name?: Record<string, string> }> }>(
      context,
      request,
      "/api/jobs/types",
    ),
  ]);
  if (!metrics.ok) throw data(metrics.problem, { status: metrics.status });
  // Each type as a person calls it, per language (#17.6); the key when it has no name.
  const typeNames = Object.fromEntries(types.ok ? types.data.items.map((t) => [t.type, t.name ?? null]) : []);
  return {
    allowed: true as const,
    hours,
    metrics: metrics.data,
    usage: usage.ok ? usage.data : null,
    typeNames: typeNames as Record<string, Record<string, string> | null>,
  };
}

export function meta() {
  return [{ title: "Lifetrek — Visão geral" }];
}

export default function AdminOverview({ loaderData }: Route.ComponentProps) {
  const { t, fmt, locale } = useI18n();
  if (!loaderData.allowed) return <Forbidden />;
  const s = t.settingsPage.overview;
  const { metrics: m, hours, usage } = loaderData;
  const total = STATUSES.reduce((a, st) => a + (m.byStatus[st] ?? 0), 0);
  const ms = (v: number | null) => (v === null ? "—" : v < 1000 ? `${fmt.number(v, 0)} ms` : fmt.seconds(v));
  const timings = [
    { key: "wait-p50", label: `${s.queueWait} · ${s.p50}`, v: m.queueWaitMs.p50, color: "bg-sky-400" },
    { key: "wait-p95", label: `${s.queueWait} · ${s.p95}`, v: m.queueWaitMs.p95, color: "bg-sky-700" },
    { key: "run-p50", label: `${s.runTime} · ${s.p50}`, v: m.runMs.p50, color: "bg-brand-orange" },
    { key: "run-p95", label: `${s.runTime} · ${s.p95}`, v: m.runMs.p95, color: "bg-orange-700" },
  ];
  const types = [...m.byType].sort((a, b) => b.total - a.total);
  const failColor = m.failureRate >= 0.2 ? "#dc2626" : m.failureRate >= 0.05 ? "#f59e0b" : "#1a7a3e";
  const today = usage?.global;

  return (
    <>
      <PageHeader
        title={s.title}
        subtitle={s.subtitle(hours)}
        actions={
          <nav aria-label={s.window} className="flex items-center gap-2">
            {WINDOWS.map((h) => (
              <Link
                key={h}
                to={`?hours=${h}`}
                aria-current={h === hours ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-xs font-medium ring-1 ${
                  h === hours
                    ? "bg-brand-blue text-white ring-brand-blue"
                    : "text-slate-700 ring-slate-300 hover:bg-slate-100 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800"
                }`}
              >
                {s.hours(h)}
              </Link>
            ))}
            <Link
              to="/admin/jobs"
              className="ml-2 text-xs font-medium text-brand-blue hover:underline dark:text-blue-300"
            >
              {s.openMonitor} →
            </Link>
          </nav>
        }
      />
      <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-4">
        <Card labelledBy="ov-total">
          <h2 id="ov-total" className="text-sm font-semibold text-slate-600 dark:text-slate-300">
            {s.total}
          </h2>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{total}</p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{s.hours(hours)}</p>
          {(m.stalled ?? 0) > 0 && (
            <Link
              to="/admin/jobs?status=stalled"
              data-stalled-count={m.stalled}
              className="mt-2 inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset hover:underline dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800"
            >
              <span aria-hidden="true">⚠</span> {t.monitor.stalledFilter}: {m.stalled}
            </Link>
          )}
        </Card>
        <Card labelledBy="ov-failure">
          <div className="flex items-center justify-between gap-3">
            <div>
              <h2 id="ov-failure" className="text-sm font-semibold text-slate-600 dark:text-slate-300">
                {s.failureRate}
              </h2>
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{s.failureRateHint}</p>
            </div>
            <Ring
              value={m.failureRate}
              color={failColor}
              label={`${s.failureRate}: ${fmt.percent(m.failureRate)}`}
            />
          </div>
        </Card>
        <Card labelledBy="ov-spend" className="md:col-span-2">
          <h2 id="ov-spend" className="text-sm font-semibold text-slate-600 dark:text-slate-300">
            {s.spend}
          </h2>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{fmt.usd(m.spendUsd)}</p>
          {today && (
            <div className="mt-3">
              <BarList
                labelledBy="ov-spend"
                max={1}
                bars={[
                  {
                    key: "today",
                    label: `${t.settingsPage.usage.globalToday} · ${s.spendToday(fmt.usd(today.limitUsdDay))}`,
                    value: today.limitUsdDay > 0 ? today.usdToday / today.limitUsdDay : 0,
                    display: fmt.usd(today.usdToday),
                    color:
                      today.usdToday >= today.limitUsdDay ? "bg-red-600" : "bg-brand-blue dark:bg-blue-400",
                  },
                  {
                    key: "month",
                    label: `${t.settingsPage.usage.globalMonth} (${fmt.usd(today.limitUsdMonth)})`,
                    value: today.limitUsdMonth > 0 ? today.usdMonth / today.limitUsdMonth : 0,
                    display: fmt.usd(today.usdMonth),
                    color: "bg-navy-800 dark:bg-blue-300",
                  },
                ]}
              />
            </div>
          )}
        </Card>
      </div>

      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <Card labelledBy="ov-status">
          <h2 id="ov-status" className="mb-4 text-base font-semibold">
            {s.byStatus}
          </h2>
          {total === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">{s.noData}</p>
          ) : (
            <BarList
              labelledBy="ov-status"
              bars={STATUSES.map((st) => ({
                key: st,
                label: t.status[st],
                value: m.byStatus[st] ?? 0,
                display: String(m.byStatus[st] ?? 0),
                color: STATUS_BAR[st],
              }))}
            />
          )}
        </Card>
        <Card labelledBy="ov-timing">
          <h2 id="ov-timing" className="mb-4 text-base font-semibold">
            {s.queueWait} / {s.runTime}
          </h2>
          <BarList
            labelledBy="ov-timing"
            bars={timings.map((x) => ({
              key: x.key,
              label: x.label,
              value: x.v ?? 0,
              display: ms(x.v),
              color: x.color,
            }))}
          />
        </Card>
        <Card labelledBy="ov-type" className="xl:col-span-2">
          <h2 id="ov-type" className="mb-4 text-base font-semibold">
            {s.byType}
          </h2>
          {types.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">{s.noData}</p>
          ) : (
            <BarList
              labelledBy="ov-type"
              bars={types.map((x) => ({
                key: x.type,
                label: loaderData.typeNames[x.type]?.[locale] ?? <code>{x.type}</code>,
                value: x.total,
                display: `${x.total} · ${s.failed}: ${x.failed} · ${s.cost}: ${fmt.usd(x.costUsd)}`,
                color: "bg-brand-blue dark:bg-blue-400",
                extra:
                  x.failed > 0 ? (
                    <div
                      className="mt-0.5 h-1 overflow-hidden rounded-full bg-transparent"
                      aria-hidden="true"
                    >
                      <div
                        className="h-full rounded-full bg-red-600"
                        style={{ width: `${(x.failed / Math.max(1, types[0]?.total ?? 1)) * 100}%` }}
                      />
                    </div>
                  ) : null,
              }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
