import type { Job, JobEvent } from "../lib/types";

export type ConnectionState = "connecting" | "open" | "reconnecting";

type Options = {
  onJob: (job: Job) => void;
  /** An audit event of a job (progress, log…) as soon as it is written. */
  onEvent?: (jobId: string, event: JobEvent) => void;
  /** A change that is not a job's: `{type:"signal", topic, …data}`. */
  onSignal?: (topic: string, data: Record<string, unknown>) => void;
  /** After every (re)connection: time to catch up on what was missed. */
  onOpen: () => void;
  onState: (state: ConnectionState) => void;
};

const MAX_DELAY_MS = 15_000;
const PING_EVERY_MS = 25_000;

/**
 * Keeps one WebSocket to `/api/realtime` open, reconnecting with jittered exponential backoff.
 * Returns a stop function. Safe under StrictMode's mount → unmount → mount: the first socket is
 * only created on the next tick, so an immediate stop never opens it.
 */
export function connectRealtime({ onJob, onEvent, onSignal, onOpen, onState }: Options): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pinger: ReturnType<typeof setInterval> | undefined;

  const scheduleReconnect = () => {
    onState("reconnecting");
    const base = Math.min(MAX_DELAY_MS, 500 * 2 ** failures);
    failures++;
    timer = setTimeout(open, base / 2 + Math.random() * (base / 2));
  };

  function open() {
    if (stopped) return;
    const url = new URL("/api/realtime", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      let msg: { type?: string; job?: Job; jobId?: string; event?: JobEvent; topic?: unknown };
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      if (msg.type === "hello") {
        failures = 0;
        onState("open");
        onOpen();
      } else if (msg.type === "job" && msg.job && typeof msg.job.id === "string") {
        onJob(msg.job);
      } else if (msg.type === "event" && typeof msg.jobId === "string" && msg.event) {
        onEvent?.(msg.jobId, msg.event);
      } else if (msg.type === "signal" && typeof msg.topic === "string") {
        onSignal?.(msg.topic, msg as Record<string, unknown>);
      }
    };
    ws.onerror = () => ws.close();
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pinger);
      if (!stopped) scheduleReconnect();
    };
    clearInterval(pinger);
    pinger = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
    }, PING_EVERY_MS);
  }

  onState("connecting");
  timer = setTimeout(open, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(pinger);
    const ws = socket;
    socket = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, "bye");
  };
}
