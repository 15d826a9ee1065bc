import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { useI18n } from "../i18n";
import { clientApi } from "../lib/api-client";
import type { Job, Me } from "../lib/types";
import { JobEventBus } from "./event-bus";
import { jobLabel } from "./job-text";
import { JobNotifier } from "./notifier";
import { type ConnectionState, connectRealtime } from "./realtime";
import { type JobChange, JobStore } from "./store";

type JobsApi = {
  me: Me;
  store: JobStore;
  events: JobEventBus;
  connection: ConnectionState;
  retry: (ids: string[]) => Promise<void>;
};

const JobsContext = createContext<JobsApi | null>(null);

/**
 * Live jobs for the signed-in user: seeds from the layout loader, listens on the realtime socket,
 * catches up with `updatedSince` after every (re)connection and raises grouped toasts.
 */
export function JobsProvider({
  me,
  initialJobs,
  children,
}: {
  me: Me;
  initialJobs: Job[];
  children: ReactNode;
}) {
  const [store] = useState(() => new JobStore(initialJobs));
  const [events] = useState(() => new JobEventBus());
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const { t, locale } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const navigate = useNavigate();

  useEffect(() => {
    store.upsert(initialJobs, "snapshot");
  }, [store, initialJobs]);

  const retry = useCallback(
    async (ids: string[]) => {
      const results = await Promise.all(
        ids.map((id) =>
          clientApi<{ job: Job }>(`/api/jobs/${encodeURIComponent(id)}/retry`, { method: "POST" }),
        ),
      );
      const ok = results.flatMap((r) => (r.ok ? [r.data.job] : []));
      store.upsert(ok, "snapshot");
      if (ok.length === ids.length)
        toast.success(
          ids.length === 1 ? tRef.current.toasts.retried : tRef.current.toasts.retriedMany(ok.length),
        );
      else toast.error(tRef.current.toasts.retryFailed);
    },
    [store],
  );

  useEffect(() => {
    const notifier = new JobNotifier(
      {
        userId: me.id,
        dictionary: () => tRef.current,
        label: (job) => jobLabel(job, localeRef.current),
        retry: (ids) => void retry(ids),
        open: (id) => navigate(`/jobs/${id}`),
      },
      store.getSnapshot(),
    );
    const off = store.onChange((c) => notifier.handle(c));
    return () => {
      off();
      notifier.dispose();
    };
  }, [store, me.id, retry, navigate]);

  useEffect(() => {
    let catchingUp = false;
    const catchUp = async () => {
      const since = store.lastUpdatedAt();
      if (!since || catchingUp) return;
      catchingUp = true;
      try {
        let cursor: string | null = null;
        for (let page = 0; page < 5; page++) {
          const qs = new URLSearchParams({ updatedSince: since, limit: "100" });
          if (cursor) qs.set("cursor", cursor);
          const res = await clientApi<{ items: Job[]; nextCursor: string | null }>(`/api/jobs?${qs}`);
          if (!res.ok) break;
          store.upsert(res.data.items);
          cursor = res.data.nextCursor;
          if (!cursor) break;
        }
      } finally {
        catchingUp = false;
      }
    };
    return connectRealtime({
      onJob: (job) => store.upsert([job]),
      onEvent: (jobId, event) => events.emit(jobId, event),
      onSignal: (topic, data) => events.signal(topic, data),
      onOpen: () => {
        void catchUp();
        events.reconnected();
      },
      onState: setConnection,
    });
  }, [store, events]);

  const value = useMemo(
    () => ({ me, store, events, connection, retry }),
    [me, store, events, connection, retry],
  );
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}

export function useJobsApi(): JobsApi {
  const ctx = useContext(JobsContext);
  if (!ctx) throw new Error("useJobsApi outside JobsProvider");
  return ctx;
}

/** Every job the browser knows, newest first, re-rendering on each change. */
export function useLiveJobs(): Job[] {
  const { store } = useJobsApi();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** The live copy of one job (undefined until heard of). */
export function useLiveJob(id: string): Job | undefined {
  const { store } = useJobsApi();
  const get = useCallback(() => store.get(id), [store, id]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/**
 * Calls `listener` on every pushed signal of `topic`, and after every reconnection (signals sent
 * while the socket was down are lost, so the page re-reads).
 */
export function useSignal(topic: string, listener: () => void) {
  const { events } = useJobsApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(
    () =>
      events.onSignal(
        (t) => {
          if (t === topic) ref.current();
        },
        () => ref.current(),
      ),
    [events, topic],
  );
}

/** Calls `listener` on every change the store accepts. */
export function useJobChanges(listener: (c: JobChange) => void) {
  const { store } = useJobsApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => store.onChange((c) => ref.current(c)), [store]);
}

/**
 * A clock that ticks every `ms` while `active` (durations of running jobs). It is null until the
 * page has hydrated: the server's clock is not the browser's, and a running duration rendered
 * from each would not match (React error #418 in production builds).
 */
export function useNow(active: boolean, ms = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}
