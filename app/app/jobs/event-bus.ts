import type { JobEvent } from "../lib/types";

type Listener = (jobId: string, event: JobEvent) => void;

/** Audit events pushed over the realtime socket, fanned out to whichever page watches a job. */
export class JobEventBus {
  readonly #listeners = new Set<Listener>();
  readonly #reconnects = new Set<() => void>();
  readonly #signals = new Set<(topic: string, data: Record<string, unknown>) => void>();

  /** A change that is not a job's (`{type:"signal", topic}`: outreach actions moved, a reply). */
  signal(topic: string, data: Record<string, unknown>): void {
    for (const l of this.#signals) l(topic, data);
  }

  onSignal(
    listener: (topic: string, data: Record<string, unknown>) => void,
    onReconnect?: () => void,
  ): () => void {
    this.#signals.add(listener);
    if (onReconnect) this.#reconnects.add(onReconnect);
    return () => {
      this.#signals.delete(listener);
      if (onReconnect) this.#reconnects.delete(onReconnect);
    };
  }

  emit(jobId: string, event: JobEvent): void {
    for (const l of this.#listeners) l(jobId, event);
  }

  /** After a reconnection, pushed events may have been missed: watchers re-read the trail. */
  reconnected(): void {
    for (const l of this.#reconnects) l();
  }

  on(listener: Listener, onReconnect?: () => void): () => void {
    this.#listeners.add(listener);
    if (onReconnect) this.#reconnects.add(onReconnect);
    return () => {
      this.#listeners.delete(listener);
      if (onReconnect) this.#reconnects.delete(onReconnect);
    };
  }
}

/** Adds pushed events to a trail: in `seq` order, each once (a re-read may overlap the pushes). */
export function mergeEvents(prev: JobEvent[], incoming: JobEvent[]): JobEvent[] {
  const bySeq = new Map(prev.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
