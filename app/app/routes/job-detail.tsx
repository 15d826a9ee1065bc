import { useEffect, useState } from "react";
import { data, useNavigate } from "react-router";
import { Card, HomeLink, Notice, PageHeader } from "../components/page";
import { useI18n } from "../i18n";
import { mergeEvents } from "../jobs/event-bus";
import { JobActions } from "../jobs/job-actions";
import { JobEvents } from "../jobs/job-events";
import { JobFacts } from "../jobs/job-facts";
import { describeError, jobLabel, progressText } from "../jobs/job-text";
import { JsonBlock } from "../jobs/json-block";
import { ProgressBar } from "../jobs/progress-bar";
import { useJobsApi, useLiveJob } from "../jobs/provider";
import { StatusBadge } from "../jobs/status-badge";
import { apiJson } from "../lib/api.server";
import { clientApi } from "../lib/api-client";
import { runJobAction } from "../lib/job-actions.server";
import { userContext } from "../lib/session.server";
import type { Job, JobEvent } from "../lib/types";
import type { Route } from "./+types/job-detail";

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const path = `/api/jobs/${encodeURIComponent(params.id)}`;
  const [job, events] = await Promise.all([
    apiJson<{ job: Job }>(context, request, path),
    apiJson<{ items: JobEvent[] }>(context, request, `${path}/events`),
  ]);
  // 404 means "missing or not yours": the page says so and shows nothing else.
  if (!job.ok) return data({ found: false as const }, { status: job.status === 404 ? 404 : job.status });
  // Someone else's job (an admin looking): say whose by name, not by id.
  const me = context.get(userContext);
  let ownerName: string | null = null;
  if (job.data.job.userId !== me.id) {
    const users = await apiJson<{ items: Array<{ id: string; name: string }> }>(
      context,
      request,
      "/api/users",
    );
    ownerName = users.ok ? (users.data.items.find((u) => u.id === job.data.job.userId)?.name ?? null) : null;
  }
  return { found: true as const, job: job.data.job, events: events.ok ? events.data.items : [], ownerName };
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const form = await request.formData();
  return runJobAction(context, request, params.id, String(form.get("intent")));
}

export function meta({ params }: Route.MetaArgs) {
  return [{ title: `Lifetrek — Job ${params.id}` }];
}

export default function JobDetail({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  if (!loaderData.found) {
    return (
      <Notice icon="?" title={t.job.notFoundTitle} body={t.job.notFoundBody}>
        <HomeLink />
      </Notice>
    );
  }
  return (
    <JobView initialJob={loaderData.job} initialEvents={loaderData.events} ownerName={loaderData.ownerName} />
  );
}

function JobView({
  initialJob,
  initialEvents,
  ownerName,
}: {
  initialJob: Job;
  initialEvents: JobEvent[];
  ownerName: string | null;
}) {
  const { t, locale, fmt } = useI18n();
  const { store, events: pushed } = useJobsApi();
  const navigate = useNavigate();
  const [events, setEvents] = useState(initialEvents);
  const live = useLiveJob(initialJob.id);
  const job = live && live.version >= initialJob.version ? live : initialJob;

  useEffect(() => {
    store.upsert([initialJob], "snapshot");
    setEvents(initialEvents);
  }, [store, initialJob, initialEvents]);

  // Events arrive over the socket as they are written; only after a reconnection (when some
  // may have been missed) is the trail read again.
  useEffect(
    () =>
      pushed.on(
        (jobId, event) => {
          if (jobId === initialJob.id) setEvents((prev) => mergeEvents(prev, [event]));
        },
        () => {
          void clientApi<{ items: JobEvent[] }>(`/api/jobs/${encodeURIComponent(initialJob.id)}/events`).then(
            (r) => {
              if (r.ok) setEvents((prev) => mergeEvents(prev, r.data.items));
            },
          );
        },
      ),
    [pushed, initialJob.id],
  );

  return (
    <>
      <button
        type="button"
        onClick={() => (window.history.length > 1 ? navigate(-1) : navigate("/"))}
        className="mb-4 inline-block text-sm text-brand-blue hover:underline dark:text-blue-300"
      >
        ← {t.job.back}
      </button>
      <PageHeader
        title={jobLabel(job, locale)}
        subtitle={job.id}
        actions={
          <div className="flex items-center gap-2">
            <StatusBadge status={job.status} />
            <JobActions job={job} size="md" />
          </div>
        }
      />
      {job.status === "running" && (
        <Card className="mb-6">
          <ProgressBar progress={job.progress} label={t.job.progress} />
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            {job.progress ? progressText(t, locale, fmt, job.progress) : `${fmt.number(0, 0)}%`}
          </p>
        </Card>
      )}
      {job.error && (
        <div
          role="alert"
          className="mb-6 rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-semibold">
            {t.job.error}: {job.error.code}
          </p>
          <p className="mt-1">{describeError(t, job.error)}</p>
          <p className="mt-1 text-xs opacity-80">
            {job.error.retryable ? t.job.retryable : t.job.notRetryable}
          </p>
        </div>
      )}
      <div className="grid gap-6 xl:grid-cols-2">
        <JobFacts job={job} ownerName={ownerName} />
        <div className="space-y-6">
          <JsonBlock title={t.job.input} value={job.input} />
          <JsonBlock title={t.job.result} value={job.result} />
          <JsonBlock title={t.job.checkpoint} value={job.checkpoint} />
        </div>
      </div>
      <JobEvents events={events} />
    </>
  );
}
