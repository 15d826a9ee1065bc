import { Card } from "../components/page";
import { useI18n } from "../i18n";
import type { Job } from "../lib/types";
import { durationMs } from "./job-text";
import { useJobsApi, useNow } from "./provider";

/** The job's identity, timestamps, attempts and cost as a description list. */
export function JobFacts({ job, ownerName = null }: { job: Job; ownerName?: string | null }) {
  const { t, fmt } = useI18n();
  const { me } = useJobsApi();
  const now = useNow(job.status === "running");
  const duration = durationMs(job, now);
  const rows: Array<[string, string]> = [
    [t.job.id, job.id],
    // The name a person uses, with the key API clients use beside it.
    [t.job.type, job.typeName && job.typeName !== job.type ? `${job.typeName} (${job.type})` : job.type],
    [t.job.status, t.status[job.status]],
    // Another person's job (admins): their name, with the id beside it for support.
    [t.job.user, job.userId === me.id ? t.job.you : ownerName ? `${ownerName} (${job.userId})` : job.userId],
    [t.job.createdAt, fmt.dateTime(job.createdAt)],
    [t.job.startedAt, fmt.dateTime(job.startedAt)],
    [t.job.finishedAt, fmt.dateTime(job.finishedAt)],
    [t.job.updatedAt, fmt.dateTime(job.updatedAt)],
    [t.job.runAt, fmt.dateTime(job.runAt)],
    [t.job.duration, duration === null ? t.job.none : fmt.duration(duration)],
    [t.job.attempts, `${job.attempts} / ${job.maxAttempts}`],
    [t.job.cost, fmt.usd(job.costUsd)],
  ];
  return (
    <Card>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="break-all font-medium text-slate-900 dark:text-slate-100">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
