import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import { toast } from "sonner";
import { ConfirmDialog } from "../components/confirm-dialog";
import { buttonClass } from "../components/page";
import { useI18n } from "../i18n";
import type { JobActionResult } from "../lib/job-actions.server";
import type { Job } from "../lib/types";
import { useJobsApi } from "./provider";

/** Retry (failed/cancelled) or Cancel (queued/running), each behind a confirmation dialog. */
export function JobActions({ job, size = "sm" }: { job: Job; size?: "sm" | "md" }) {
  const { t } = useI18n();
  const { store } = useJobsApi();
  const fetcher = useFetcher<JobActionResult>();
  const [confirm, setConfirm] = useState<"retry" | "cancel" | null>(null);
  const canRetry = job.status === "failed" || job.status === "cancelled";
  const canCancel = job.status === "queued" || job.status === "running";

  useEffect(() => {
    const r = fetcher.data;
    if (!r || fetcher.state !== "idle") return;
    if (r.ok) {
      store.upsert([r.job], "snapshot");
      toast.success(r.intent === "retry" ? t.monitor.retried : t.monitor.cancelled, {
        id: `action-${r.job.id}`,
      });
    } else {
      toast.error(r.status === 409 ? t.errors.conflict : r.detail, { id: `action-error-${job.id}` });
    }
  }, [fetcher.data, fetcher.state, store, t, job.id]);

  const submit = (intent: "retry" | "cancel") =>
    fetcher.submit({ intent }, { method: "post", action: `/jobs/${encodeURIComponent(job.id)}` });
  const cls = size === "sm" ? "!px-2 !py-1 !text-xs" : "";

  if (!canRetry && !canCancel) return null;
  return (
    <>
      {canRetry && (
        <button
          type="button"
          className={`${buttonClass.secondary} ${cls}`}
          disabled={fetcher.state !== "idle"}
          onClick={() => setConfirm("retry")}
        >
          {t.monitor.retry}
        </button>
      )}
      {canCancel && (
        <button
          type="button"
          className={`${buttonClass.danger} ${cls}`}
          disabled={fetcher.state !== "idle"}
          onClick={() => setConfirm("cancel")}
        >
          {t.monitor.cancel}
        </button>
      )}
      <ConfirmDialog
        open={confirm !== null}
        danger={confirm === "cancel"}
        title={confirm === "cancel" ? t.monitor.confirmCancelTitle : t.monitor.confirmRetryTitle}
        body={confirm === "cancel" ? t.monitor.confirmCancelBody(job.id) : t.monitor.confirmRetryBody(job.id)}
        onConfirm={() => confirm && submit(confirm)}
        onClose={() => setConfirm(null)}
      />
    </>
  );
}
