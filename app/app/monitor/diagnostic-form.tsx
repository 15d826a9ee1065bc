import { useEffect } from "react";
import { useFetcher } from "react-router";
import { toast } from "sonner";
import { buttonClass, Card, Field, inputClass } from "../components/page";
import { useI18n } from "../i18n";
import { useJobsApi } from "../jobs/provider";
import type { MonitorActionResult } from "../routes/admin-jobs";

/** "Job de diagnóstico": enqueue a system.ping, optionally failing its first attempts. */
export function DiagnosticForm() {
  const { t } = useI18n();
  const { store } = useJobsApi();
  const fetcher = useFetcher<MonitorActionResult>();
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    const r = fetcher.data;
    if (!r || fetcher.state !== "idle" || r.intent !== "diagnostic") return;
    if (r.ok && r.job) store.upsert([r.job], "snapshot");
    else toast.error(r.detail ?? t.errors.generic);
  }, [fetcher.data, fetcher.state, store, t]);

  return (
    <Card labelledBy="diagnostic-title">
      <h2 id="diagnostic-title" className="text-sm font-semibold">
        {t.monitor.diagnostic.title}
      </h2>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{t.monitor.diagnostic.body}</p>
      <fetcher.Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="diagnostic" />
        <div className="grid grid-cols-2 gap-3">
          <Field label={t.monitor.diagnostic.sleepMs}>
            <input
              name="sleepMs"
              type="number"
              min={0}
              max={10000}
              step={500}
              defaultValue={3000}
              className={inputClass}
            />
          </Field>
          <Field label={t.monitor.diagnostic.failTimes}>
            <input name="failTimes" type="number" min={0} max={10} defaultValue={0} className={inputClass} />
          </Field>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={buttonClass.cta} disabled={busy}>
            {t.monitor.diagnostic.submit}
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={busy}
            onClick={(e) => {
              // The fields apply here too; with "Falhas simuladas" at 0, every attempt fails.
              const form = new FormData(e.currentTarget.form ?? undefined);
              const failTimes = Number(form.get("failTimes") ?? 0) > 0 ? String(form.get("failTimes")) : "10";
              fetcher.submit(
                { intent: "diagnostic", sleepMs: String(form.get("sleepMs") ?? "0"), failTimes },
                { method: "post" },
              );
            }}
          >
            {t.monitor.diagnostic.submitFailing}
          </button>
        </div>
      </fetcher.Form>
    </Card>
  );
}
