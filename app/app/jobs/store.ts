import type { Job } from "../lib/types";

/** "live": from the socket or a catch-up (a real change); "snapshot": a page loaded it. */
export type JobSource = "live" | "snapshot";
export type JobChange = { prev: Job | undefined; next: Job; source: JobSource };

/**
 * The browser's copy of the jobs it has heard about, keyed by id. Only a newer `version` replaces
 * a job, so out-of-order deliveries (socket vs. catch-up vs. loader) never move a job backwards.
 */
export class JobStore {
  #jobs = new Map<string, Job>();
  #snapshot: Job[] = [];
  #listeners = new Set<() => void>();
  #changeListeners = new Set<(c: JobChange) => void>();

  constructor(initial: Job[] = []) {
    for (const j of initial) this.#jobs.set(j.id, j);
    this.#rebuild();
  }

  /** Adds or updates jobs; returns how many changed. */
  upsert(jobs: Job[], source: JobSource = "live"): number {
    const changes: JobChange[] = [];
    for (const incoming of jobs) {
      const prev = this.#jobs.get(incoming.id);
      if (prev && prev.version >= incoming.version) continue;
      // Realtime messages carry no type name (HTTP answers do): keep the one already known.
      const next = prev?.typeName && !incoming.typeName ? { ...incoming, typeName: prev.typeName } : incoming;
      this.#jobs.set(next.id, next);
      changes.push({ prev, next, source });
    }
    if (changes.length === 0) return 0;
    this.#rebuild();
    for (const c of changes) for (const l of this.#changeListeners) l(c);
    for (const l of this.#listeners) l();
    return changes.length;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Newest first. Stable identity between changes (for useSyncExternalStore). */
  getSnapshot = (): Job[] => this.#snapshot;

  /** The newest `updatedAt` seen: where a catch-up after a reconnect starts. */
  lastUpdatedAt(): string | undefined {
    let max: string | undefined;
    for (const j of this.#jobs.values()) if (!max || j.updatedAt > max) max = j.updatedAt;
    return max;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  onChange(listener: (c: JobChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  #rebuild() {
    this.#snapshot = [...this.#jobs.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
  }
}
