import { useCallback, useRef } from "react";
import { toast } from "sonner";
import { useI18n } from "../i18n";
import { useJobsApi } from "../jobs/provider";
import { clientApi } from "../lib/api-client";
import type { Job, Problem } from "../lib/types";
import { useUsage } from "./usage";

/**
 * What to tell the user about a failed API call: the API's own `detail` verbatim (a refused
 * enqueue's 429 carries a localized "Limite diário…" text), else its title, else `fallback`.
 */
function problemMessage(problem: Partial<Problem> | null | undefined, fallback: string): string {
  return problem?.detail?.trim() || problem?.title?.trim() || fallback;
}

export type EnqueueResult = { ok: true; job: Job } | { ok: false; status: number; message: string };

/**
 * Enqueues a job from the browser: on success the job goes straight into the live store; on any
 * refusal the API's message is shown as an error toast (one at a time) and, for a 429, the usage
 * indicator is refreshed so it shows the limit that was hit.
 */
export function useEnqueue() {
  const { t } = useI18n();
  const { store } = useJobsApi();
  const { refresh } = useUsage();
  const tRef = useRef(t);
  tRef.current = t;
  return useCallback(
    async (type: string, input: unknown): Promise<EnqueueResult> => {
      const res = await clientApi<{ job: Job }>("/api/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type, input }),
      });
      if (res.ok) {
        store.upsert([res.data.job], "snapshot");
        refresh();
        return { ok: true, job: res.data.job };
      }
      const fallback = res.status === 0 ? tRef.current.errors.network : tRef.current.errors.generic;
      const message = problemMessage(res.problem, fallback);
      toast.error(message, { id: res.status === 429 ? "limit-reached" : undefined });
      if (res.status === 429) refresh();
      return { ok: false, status: res.status, message };
    },
    [store, refresh],
  );
}
