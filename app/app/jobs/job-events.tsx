import { Card } from "../components/page";
import { useI18n } from "../i18n";
import type { JobEvent } from "../lib/types";
import { eventText } from "./job-text";
import { useJobsApi } from "./provider";

const LEVEL: Record<JobEvent["level"], string> = {
  debug: "text-slate-400",
  info: "text-brand-blue dark:text-blue-300",
  warn: "text-amber-600 dark:text-amber-300",
  error: "text-red-600 dark:text-red-400",
};

/**
 * The audit trail, oldest first. Not a live region: every progress tick is an event, and a screen
 * reader would read each one; the job's end is announced once by the app's LiveAnnouncer.
 */
export function JobEvents({ events }: { events: JobEvent[] }) {
  const { t, fmt, locale } = useI18n();
  const { me } = useJobsApi();
  return (
    <Card className="mt-6">
      <h2 id="job-events" className="mb-3 text-sm font-semibold">
        {t.job.events} <span className="font-normal text-slate-500">({events.length})</span>
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">{t.job.noEvents}</p>
      ) : (
        <ol aria-labelledby="job-events" className="space-y-1.5 font-mono text-xs">
          {events.map((e) => (
            <li
              key={e.seq}
              className="grid grid-cols-[2.5rem_5.5rem_6rem_1fr] gap-2 border-b border-slate-100 pb-1.5 last:border-0 dark:border-slate-800"
            >
              <span className="text-slate-400">#{e.seq}</span>
              <span className="text-slate-500 dark:text-slate-400">{fmt.time(e.at)}</span>
              <span className={`font-semibold ${LEVEL[e.level]}`}>{t.job.eventKinds[e.kind]}</span>
              <span className="break-words text-slate-800 dark:text-slate-200">
                {eventText(t, locale, fmt, e, me.id)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
