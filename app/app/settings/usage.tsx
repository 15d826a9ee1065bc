import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useJobChanges } from "../jobs/provider";
import { clientApi } from "../lib/api-client";

/** `GET /api/usage`. */
export type Usage = {
  day: string;
  month: string;
  killSwitch: boolean;
  user: {
    usdToday: number;
    usdMonth: number;
    limitUsdDay: number;
    jobsToday: Record<string, number>;
    limitedJobsToday: Record<string, { used: number; limit: number }>;
  };
  global: { usdToday: number; usdMonth: number; limitUsdDay: number; limitUsdMonth: number };
  warning: boolean;
  warnAtFraction: number;
  resetsInSeconds: number;
};

export type UsageLevel = "ok" | "warn" | "limit";

export { type NearLimit, nearestLimit } from "./near-limit";

const fraction = (used: number, limit: number) => (limit > 0 ? used / limit : used > 0 ? 1 : 0);

/** The user's worst daily fraction: own USD and every per-type job limit. */
export function usageFraction(u: Usage): number {
  let f = fraction(u.user.usdToday, u.user.limitUsdDay);
  for (const { used, limit } of Object.values(u.user.limitedJobsToday))
    f = Math.max(f, fraction(used, limit));
  return f;
}

export function usageLevel(u: Usage): UsageLevel {
  const f = usageFraction(u);
  if (u.killSwitch || f >= 1) return "limit";
  if (u.warning || f >= u.warnAtFraction) return "warn";
  return "ok";
}

type UsageApi = { usage: Usage | null; refresh: () => void; loadedAt: number };
const UsageContext = createContext<UsageApi>({ usage: null, refresh: () => {}, loadedAt: 0 });

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
const DEBOUNCE_MS = 800;

/**
 * Today's usage for the header indicator and the banner. Seeded by the layout loader (which also
 * re-runs after every action), refreshed — debounced, so a burst of jobs costs one request — when
 * a job of the user's is created or finishes, and on demand (after a refused enqueue).
 */
export function UsageProvider({
  initial,
  userId,
  children,
}: {
  initial: Usage | null;
  userId: string;
  children: ReactNode;
}) {
  const [usage, setUsage] = useState<Usage | null>(initial);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);

  useEffect(() => {
    if (initial) {
      setUsage(initial);
      setLoadedAt(Date.now());
    }
  }, [initial]);

  const load = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const res = await clientApi<Usage>("/api/usage");
      if (res.ok) {
        setUsage(res.data);
        setLoadedAt(Date.now());
      }
    } finally {
      inFlight.current = false;
    }
  }, []);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), DEBOUNCE_MS);
  }, [load]);

  useEffect(() => () => clearTimeout(timer.current), []);

  useJobChanges(({ prev, next, source }) => {
    if (source !== "live" || next.userId !== userId) return;
    const created = !prev;
    const finished = TERMINAL.has(next.status) && (!prev || !TERMINAL.has(prev.status));
    if (created || finished) refresh();
  });

  const value = useMemo(() => ({ usage, refresh, loadedAt }), [usage, refresh, loadedAt]);
  return <UsageContext.Provider value={value}>{children}</UsageContext.Provider>;
}

export function useUsage(): UsageApi {
  return useContext(UsageContext);
}
