import { Card } from "../components/page";
import { useI18n } from "../i18n";
import type { GuardrailAlert, UserSummary } from "./types";

const KIND: Record<string, string> = {
  limit_exceeded: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  budget_exceeded: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  warning_80:
    "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  kill_switch: "bg-slate-800 text-white ring-slate-700 dark:bg-slate-200 dark:text-slate-900",
};

/** Recent guardrail alerts (admin): limit hits, 80 % warnings, kill switch, budget stops. */
export function AlertsList({ items, users }: { items: GuardrailAlert[]; users: UserSummary[] }) {
  const { t, fmt, locale } = useI18n();
  const s = t.settingsPage.alerts;
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : "—");
  /** In the admin's language from the alert's key and params; older alerts keep their text. */
  const alertText = (a: GuardrailAlert): string => {
    const d = (typeof a.data === "object" && a.data !== null ? a.data : {}) as {
      messageKey?: unknown;
      params?: Record<string, unknown>;
    };
    const p = d.params ?? {};
    const text = (v: unknown): string =>
      typeof v === "number"
        ? fmt.number(v, 0)
        : typeof v === "string"
          ? v
          : typeof v === "object" && v !== null
            ? String((v as Record<string, unknown>)[locale] ?? "")
            : "";
    const m = s.messages;
    switch (d.messageKey) {
      case "userDaily":
      case "globalDaily":
      case "globalMonthly":
      case "killSwitch":
        return m[d.messageKey]();
      case "jobsPerDay":
        return m.jobsPerDay(text(p.type), text(p.limit));
      case "warn":
        return m.warn(text(p.pct));
      default:
        return a.message;
    }
  };
  return (
    <Card labelledBy="alerts-title">
      <h2 id="alerts-title" className="text-base font-semibold">
        {s.title}
      </h2>
      {items.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {s.empty}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800" aria-labelledby="alerts-title">
          {items.map((a, i) => (
            <li key={a.id ?? `${a.at}-${i}`} className="py-3" data-kind={a.kind}>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <span
                  className={`rounded-full px-2 py-0.5 font-medium ring-1 ring-inset ${KIND[a.kind] ?? KIND.warning_80}`}
                >
                  {s.kind[a.kind] ?? a.kind}
                </span>
                <span className="text-slate-500 dark:text-slate-400">
                  {s.user}:{" "}
                  <span className="font-medium text-slate-700 dark:text-slate-200">{nameOf(a.userId)}</span>
                </span>
                {!a.scope.startsWith("user:") && (
                  <span className="text-slate-500 dark:text-slate-400">
                    {s.scope}: <code>{a.scope}</code>
                  </span>
                )}
                <time dateTime={a.at} className="ml-auto text-slate-500 tabular-nums dark:text-slate-400">
                  {fmt.dateTime(a.at)}
                </time>
              </div>
              <p className="mt-1 text-sm text-slate-800 dark:text-slate-100">{alertText(a)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
