import { DurableObject } from "cloudflare:workers";

/** One job's new state with the events it wrote, or events that changed no state (a log line). */
export type HubUpdate =
  | { job: { id: string; version: number }; events?: unknown[] | undefined }
  | { jobId: string; events: unknown[] };

/**
 * One hub per user (and one "admin" hub that sees every job). Sockets hibernate between
 * messages, so an idle dashboard costs nothing. Job updates carry a per-job `version`; the hub
 * drops any update older than one it already sent, so each socket sees a job's changes in order.
 */
export class RealtimeHub extends DurableObject<Env> {
  #lastVersion = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-lifetrek-user");
    if (request.headers.get("upgrade") !== "websocket" || !userId) {
      return new Response("expected an authenticated websocket upgrade", { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userId]);
    server.send(JSON.stringify({ type: "hello", userId }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Called by the engine's publisher with the job changes (and the audit events they wrote) of
   * one or more jobs, in the order they were made; several jobs' updates share one call under
   * load. A job older than one already sent is dropped; events are new rows, so they always go.
   */
  async publish(updates: HubUpdate[]): Promise<number> {
    let sent = 0;
    for (const u of updates) {
      if ("job" in u) sent += this.#job(u.job);
      const jobId = "job" in u ? u.job.id : u.jobId;
      // Audit events (progress, logs…) as they are written: `{type:"event", jobId, event}`.
      for (const event of u.events ?? [])
        sent += this.#broadcast(JSON.stringify({ type: "event", jobId, event }));
    }
    return sent;
  }

  #job(job: { id: string; version: number }): number {
    const last = this.#lastVersion.get(job.id) ?? 0;
    if (job.version <= last) return 0;
    this.#lastVersion.set(job.id, job.version);
    if (this.#lastVersion.size > 5000) {
      const oldest = this.#lastVersion.keys().next().value;
      if (oldest !== undefined) this.#lastVersion.delete(oldest);
    }
    return this.#broadcast(JSON.stringify({ type: "job", job }));
  }

  /**
   * A change that is not a job's (an outreach action the governor moved, a reply that came in):
   * `{type:"signal", topic, …data}`. Pages watching that topic reload their own data.
   */
  signal(topic: string, data: Record<string, unknown>): number {
    return this.#broadcast(JSON.stringify({ ...data, type: "signal", topic }));
  }

  #broadcast(payload: string): number {
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(payload);
        sent++;
      } catch {
        // a socket closing mid-send; the runtime removes it
      }
    }
    return sent;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message === "string" && message.includes('"ping"')) {
      ws.send(JSON.stringify({ type: "pong" }));
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "bye");
    } catch {
      // already closed
    }
  }
}

export const hubName = {
  user: (userId: string) => `user:${userId}`,
  admin: "admin",
} as const;
