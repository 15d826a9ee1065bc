import { useEffect, useRef } from "react";
import { Link, useRevalidator } from "react-router";
import { cardClass, PageHeader } from "../components/page";
import { type Waiting, WaitingForYou } from "../home/waiting";
import { loadWaiting } from "../home/waiting-load";
import { useI18n } from "../i18n";
import { useJobsApi, useLiveJobs } from "../jobs/provider";
import { apiJson } from "../lib/api.server";
import { navFor } from "../lib/navigation";
import { userContext } from "../lib/session.server";
import type { Route } from "./+types/home";

export async function loader({ request, context }: Route.LoaderArgs): Promise<{ waiting: Waiting }> {
  const { role } = context.get(userContext);
  return { waiting: await loadWaiting(role, (path) => apiJson(context, request, path)) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  const { me } = useJobsApi();
  const mine = useLiveJobs().filter((j) => j.userId === me.id);
  // A job of mine that finishes may have made a draft or rescored leads: the lists follow it live.
  // By id, not by count: the live list keeps the latest jobs only, so a new one can push out an
  // old success and leave the count unchanged when it succeeds itself.
  const finished = mine
    .filter((j) => j.status === "succeeded")
    .map((j) => j.id)
    .join(" ");
  const seen = useRef(new Set(finished.split(" ")));
  const revalidator = useRevalidator();
  useEffect(() => {
    const ids = finished ? finished.split(" ") : [];
    const fresh = ids.some((id) => !seen.current.has(id));
    for (const id of ids) seen.current.add(id);
    if (fresh) void revalidator.revalidate();
  }, [finished, revalidator]);
  const stats = [
    {
      label: t.home.running,
      value: mine.filter((j) => j.status === "running" || j.status === "queued").length,
      color: "text-brand-blue dark:text-blue-300",
    },
    {
      label: t.home.succeeded,
      value: mine.filter((j) => j.status === "succeeded").length,
      color: "text-brand-green dark:text-green-400",
    },
    {
      label: t.home.failed,
      value: mine.filter((j) => j.status === "failed").length,
      color: "text-red-600 dark:text-red-400",
    },
  ];
  const shortcuts = navFor(me.role).filter((i) => i.to !== "/");

  return (
    <>
      <PageHeader title={t.home.greeting(me.name)} subtitle={t.home.intro} />
      {/* A dl may only hold dt/dd groups in divs, so each stat card is a div, not a Card section. */}
      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <div key={s.label} className={cardClass}>
            <dt className="text-sm text-slate-600 dark:text-slate-300">{s.label}</dt>
            <dd className={`mt-1 text-3xl font-semibold ${s.color}`}>{s.value}</dd>
          </div>
        ))}
      </dl>
      <WaitingForYou waiting={loaderData.waiting} />
      <h2 className="mt-10 mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {t.home.shortcuts}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {shortcuts.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className="group flex h-full items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-[var(--accent)] dark:border-slate-800 dark:bg-navy-900"
            >
              <span
                aria-hidden="true"
                className="grid size-10 place-items-center rounded-lg text-lg text-white"
                style={{ backgroundColor: "var(--accent)" }}
              >
                {item.icon}
              </span>
              <span className="font-medium text-slate-800 group-hover:text-slate-950 dark:text-slate-100">
                {t.nav[item.label]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
