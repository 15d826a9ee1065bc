import { useEffect } from "react";
import { Link, useRevalidator } from "react-router";
import { Card } from "../components/page";
import { useI18n } from "../i18n";
import { progressText } from "../jobs/job-text";
import { ProgressBar } from "../jobs/progress-bar";
import { useLiveJob } from "../jobs/provider";

/**
 * The re-render job started by a slide edit: live progress while it runs, then the page reloads
 * its data so the new slide images (same URLs, new version) are shown.
 */
export function RenderStatus({ jobId }: { jobId: string }) {
  const { t, locale, fmt } = useI18n();
  const d = t.studio.detail;
  const job = useLiveJob(jobId);
  const { revalidate } = useRevalidator();
  const status = job?.status ?? "queued";
  useEffect(() => {
    if (status === "succeeded") void revalidate();
  }, [status, revalidate]);
  if (status === "succeeded") return null;
  return (
    <Card>
      <div
        role="status"
        aria-live="polite"
        className="space-y-2"
        data-render-job={jobId}
        data-status={status}
      >
        <p className="text-sm font-medium">
          {status === "failed" || status === "cancelled" ? d.renderFailed : d.rendering}
          {job?.progress?.total !== undefined ? ` · ${progressText(t, locale, fmt, job.progress)}` : ""}
        </p>
        {status !== "failed" && status !== "cancelled" && (
          <ProgressBar progress={job?.progress ?? null} label={d.rendering} />
        )}
        <Link to={`/jobs/${jobId}`} className="text-xs text-brand-blue hover:underline dark:text-blue-300">
          {d.renderJob} →
        </Link>
      </div>
    </Card>
  );
}
