import { createServer, type Server } from "node:http";

/**
 * Fake Slack incoming webhooks and an HTTP email API. `/slack/ok`, `/slack/fail` (always 500),
 * `/slack/fail-once/<key>` (500 the first time per key), `/email`; `GET /__requests` lists what
 * was received.
 */
export function startFakeHooks(port: number): Promise<Server> {
  const received: Array<{ path: string; body: unknown; status: number }> = [];
  const failedOnce = new Set<string>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/__requests") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(received));
    }
    let status = 200;
    if (path === "/slack/fail") status = 500;
    const once = path.match(/^\/slack\/fail-once\/(.+)$/)?.[1];
    if (once && !failedOnce.has(once)) {
      failedOnce.add(once);
      status = 500;
    }
    received.push({ path, body: raw ? JSON.parse(raw) : null, status });
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(status === 200 ? "ok" : "internal_error");
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
