import { useState } from "react";
import { toast } from "sonner";
import { buttonClass, Card } from "../components/page";
import { useI18n } from "../i18n";
import { useEnqueue } from "./enqueue";

/** "Job de teste": a quick system.ping any role may start (checks history and daily limits). */
export function TestJobCard() {
  const { t } = useI18n();
  const s = t.settingsPage.test;
  const enqueue = useEnqueue();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      const r = await enqueue("system.ping", { sleepMs: 500 });
      if (r.ok) {
        setRefusal(null);
        toast.success(s.enqueued);
      } else setRefusal(r.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card labelledBy="test-job-title">
      <h2 id="test-job-title" className="text-base font-semibold">
        {s.title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{s.body}</p>
      <button type="button" className={`${buttonClass.cta} mt-3`} disabled={busy} onClick={() => void run()}>
        {s.submit}
      </button>
      {refusal && (
        <p
          role="alert"
          className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {refusal}
        </p>
      )}
    </Card>
  );
}
