import { Link } from "react-router";
import { Card } from "../components/page";
import { useI18n } from "../i18n";
import type { OutboxItem } from "./types";

const STATUS: Record<string, string> = {
  pending:
    "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  sent: "bg-green-50 text-brand-green ring-green-200 dark:bg-green-950 dark:text-green-300 dark:ring-green-800",
  failed: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-800",
  undeliverable:
    "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
};

/** "Caixa de saída": the user's notification deliveries (in development, the email sink). */
export function OutboxList({ items }: { items: OutboxItem[] }) {
  const { t, fmt } = useI18n();
  const s = t.settingsPage.outbox;
  return (
    <Card labelledBy="outbox-title">
      <h2 id="outbox-title" className="text-base font-semibold">
        {s.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{s.body}</p>
      {items.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          {s.empty}
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 dark:divide-slate-800" aria-labelledby="outbox-title">
          {items.map((m) => (
            <li key={m.id ?? `${m.jobId}-${m.channel}`} className="py-3" data-status={m.status}>
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <span className="rounded bg-brand-blue/10 px-1.5 py-0.5 font-medium text-brand-blue dark:bg-blue-950 dark:text-blue-200">
                  {s.channel[m.channel] ?? m.channel}
                </span>
                <span
                  className={`rounded-full px-2 py-0.5 font-medium ring-1 ring-inset ${STATUS[m.status] ?? STATUS.pending}`}
                >
                  {s.status[m.status] ?? m.status}
                </span>
                <span className="text-slate-500 dark:text-slate-400">{s.attempts(m.attempts)}</span>
                <span className="ml-auto text-slate-500 tabular-nums dark:text-slate-400">
                  {fmt.dateTime(m.sentAt ?? m.createdAt)}
                </span>
              </div>
              <p className="mt-1.5 line-clamp-2 text-sm text-slate-800 dark:text-slate-100">
                {m.payload?.subject ?? m.payload?.text ?? "—"}
              </p>
              {m.lastError && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{m.lastError}</p>}
              <Link
                to={`/jobs/${m.jobId}`}
                className="mt-1 inline-block text-xs font-medium text-brand-blue hover:underline dark:text-blue-300"
              >
                {s.job}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
