import { describe, expect, it } from "vitest";
import { api, as, signIn, userId, waitFor } from "../../test/helpers";

type Msg = {
  type: string;
  userId?: string;
  job?: { id: string; status: string; version: number; userId: string };
};

async function connect(who: "marketing" | "admin" | "sales"): Promise<{ ws: WebSocket; messages: Msg[] }> {
  const res = await api("/api/realtime", { headers: { upgrade: "websocket", cookie: await signIn(who) } });
  expect(res.status).toBe(101);
  const ws = res.webSocket;
  if (!ws) throw new Error("no websocket");
  const messages: Msg[] = [];
  ws.addEventListener("message", (e) => messages.push(JSON.parse(String(e.data)) as Msg));
  ws.accept();
  await waitFor(async () => messages.some((m) => m.type === "hello"));
  return { ws, messages };
}

describe("realtime", () => {
  it("streams queued → running → succeeded in order to the owner and the admin feed only", async () => {
    const mine = await connect("marketing");
    const admin = await connect("admin");
    const other = await connect("sales");
    expect(mine.messages[0]).toEqual({ type: "hello", userId: await userId("marketing") });

    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: { sleepMs: 200 } },
    });
    const { job } = (await res.json()) as { job: { id: string } };
    const statusesOf = (msgs: Msg[]) =>
      msgs
        .filter((m) => m.job?.id === job.id)
        .map((m) => m.job?.status)
        .filter((s, i, a) => s !== a[i - 1]);
    await waitFor(async () => statusesOf(mine.messages).includes("succeeded"));
    expect(statusesOf(mine.messages)).toEqual(["queued", "running", "succeeded"]);
    const versions = mine.messages.filter((m) => m.job?.id === job.id).map((m) => m.job?.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    await waitFor(async () => statusesOf(admin.messages).includes("succeeded"));
    expect(other.messages.some((m) => m.job?.id === job.id)).toBe(false);

    mine.ws.send(JSON.stringify({ type: "ping" }));
    await waitFor(async () => mine.messages.some((m) => m.type === "pong"));
    for (const c of [mine, admin, other]) c.ws.close(1000);
  });

  it("refuses anonymous and non-upgrade requests", async () => {
    expect((await api("/api/realtime", { headers: { upgrade: "websocket" } })).status).toBe(401);
    expect((await as("marketing", "/api/realtime")).status).toBe(426);
  });

  it("lets a reconnecting client catch up with updatedSince", async () => {
    const since = new Date().toISOString();
    const res = await as("marketing", "/api/jobs", {
      method: "POST",
      json: { type: "system.ping", input: {} },
    });
    const { job } = (await res.json()) as { job: { id: string } };
    const page = (await (await as("marketing", `/api/jobs?updatedSince=${since}`)).json()) as {
      items: Array<{ id: string }>;
    };
    expect(page.items.map((j) => j.id)).toContain(job.id);
  });
});
