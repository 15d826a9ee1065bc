import { toast } from "sonner";
import type { Dictionary } from "../i18n/pt-BR";
import type { Job } from "../lib/types";
import { describeError } from "./job-text";
import type { JobChange } from "./store";

type Phase = "active" | "succeeded" | "failed" | "cancelled";
const phaseOf = (s: Job["status"]): Phase => (s === "queued" || s === "running" ? "active" : s);

const GROUP_WINDOW_MS = 900;
const FRESH_MS = 30_000;

type Options = {
  userId: string;
  dictionary: () => Dictionary;
  /** The job's human label in the current language. */
  label: (job: Job) => string;
  retry: (ids: string[]) => void;
  open: (id: string) => void;
};

/**
 * Turns job changes into toasts: started, completed, failed. Changes inside one ~1 s window are
 * grouped ("3 jobs concluídos") so a burst never becomes a toast storm; a job that starts and
 * finishes inside the same window only reports how it ended.
 */
export class JobNotifier {
  #phase = new Map<string, Phase>();
  #pending = new Map<string, { job: Job; phase: Phase; started: boolean }>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly opts: Options,
    known: Job[],
  ) {
    for (const j of known) this.#phase.set(j.id, phaseOf(j.status));
  }

  handle({ next, source }: JobChange) {
    if (next.userId !== this.opts.userId) return;
    const phase = phaseOf(next.status);
    const last = this.#phase.get(next.id);
    if (last === phase) return;
    this.#phase.set(next.id, phase);
    // A page loading a job is not news, except a job of ours that was just created (its page
    // load can beat the socket's first message).
    if (source === "snapshot") {
      const fresh =
        last === undefined && phase === "active" && Date.now() - Date.parse(next.createdAt) < FRESH_MS;
      if (!fresh) return;
    }
    if (phase === "cancelled") {
      this.#pending.delete(next.id);
      return;
    }
    const pending = this.#pending.get(next.id);
    this.#pending.set(next.id, {
      job: next,
      phase,
      started: phase === "active" || (pending?.started ?? false),
    });
    this.#timer ??= setTimeout(() => this.flush(), GROUP_WINDOW_MS);
  }

  flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const items = [...this.#pending.values()];
    this.#pending.clear();
    const t = this.opts.dictionary();
    const started = items.filter((i) => i.phase === "active").map((i) => i.job);
    const succeeded = items.filter((i) => i.phase === "succeeded").map((i) => i.job);
    const failed = items.filter((i) => i.phase === "failed").map((i) => i.job);

    if (started.length === 1 && started[0]) toast.info(t.toasts.started(this.opts.label(started[0])));
    else if (started.length > 1) toast.info(t.toasts.startedMany(started.length));

    if (succeeded.length === 1 && succeeded[0]) {
      const job = succeeded[0];
      toast.success(t.toasts.succeeded(this.opts.label(job)), {
        action: { label: t.toasts.view, onClick: () => this.opts.open(job.id) },
      });
    } else if (succeeded.length > 1) toast.success(t.toasts.succeededMany(succeeded.length));

    if (failed.length === 1 && failed[0]) {
      const job = failed[0];
      toast.error(t.toasts.failed(this.opts.label(job)), {
        id: `failed-${job.id}`,
        description: describeError(t, job.error),
        duration: 30_000,
        action: { label: t.toasts.retry, onClick: () => this.opts.retry([job.id]) },
      });
    } else if (failed.length > 1) {
      toast.error(t.toasts.failedMany(failed.length), {
        description: t.toasts.failedManyBody,
        duration: 30_000,
        action: { label: t.toasts.retry, onClick: () => this.opts.retry(failed.map((j) => j.id)) },
      });
    }
  }

  dispose() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
