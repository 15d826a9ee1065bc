import { Link } from "react-router";
import { cardClass, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { useJobsApi, useLiveJobs } from "../jobs/provider";
import { navFor } from "../lib/navigation";

export default function Home() {
  const { t } = useI18n();
  const { me } = useJobsApi();
  const mine = useLiveJobs().filter((j) => j.userId === me.id);
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
