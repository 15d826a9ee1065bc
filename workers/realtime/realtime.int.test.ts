import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, as, signIn, userId, waitFor } from "../../test/helpers";
import { services } from "../services";
import { type HubUpdate, hubName } from "./hub";

type Msg = {
  type: string;
  topic?: string;
  accountId?: string;
  userId?: string;
  jobId?: string;
  event?: { seq: number; kind: string; message: string };
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

  it("sends a job's state once per version, never an older one after a newer, and every event frame", async () => {
    const mine = await connect("marketing");
    const hub = env.REALTIME.get(env.REALTIME.idFromName(hubName.user(await userId("marketing"))));
    const job = (version: number, seq?: number): HubUpdate => ({
      job: { id: "job-versions", version },
      events: seq === undefined ? undefined : [{ seq }],
    });
    // Out of order across calls (a slow call overtaken), and a repeat within one call.
    await hub.publish([job(2, 2)]);
    await hub.publish([job(1, 1), job(2)]);
    await hub.publish([{ jobId: "job-versions", events: [{ seq: 3 }] }, job(3)]);
    await waitFor(async () => mine.messages.some((m) => m.job?.version === 3));
    const mineOf = mine.messages.filter((m) => m.jobId === "job-versions" || m.job?.id === "job-versions");
    expect(mineOf.map((m) => (m.job ? `job v${m.job.version}` : `event ${m.event?.seq}`))).toEqual([
      "job v2",
      "event 2",
      "event 1",
      "event 3",
      "job v3",
    ]);
    mine.ws.close(1000);
  });

  it("pushes each audit event (status, progress, log) live to the owner and the admin only", async () => {
    const mine = await connect("marketing");
    const admin = await connect("admin");
    const other = await connect("sales");
    const start = async (type: string, input: unknown) => {
      const res = await as("marketing", "/api/jobs", { method: "POST", json: { type, input } });
      return ((await res.json()) as { job: { id: string } }).job.id;
    };
    const ping = await start("system.ping", { sleepMs: 200 });
    const pipeline = await start("system.pipeline", {});
    const pushed = (msgs: Msg[], id: string) =>
      msgs.filter((m) => m.type === "event" && m.jobId === id).map((m) => m.event);
    for (const id of [ping, pipeline]) {
      await waitFor(async () => pushed(mine.messages, id).some((e) => e?.message === "Succeeded"), {
        timeoutMs: 20_000,
      });
      // Exactly the stored trail, each event once, in order.
      const stored = (await (await as("marketing", `/api/jobs/${id}/events`)).json()) as {
        items: Array<{ seq: number; kind: string; message: string }>;
      };
      const got = pushed(mine.messages, id);
      expect(got.map((e) => e?.seq)).toEqual(stored.items.map((e) => e.seq));
      expect(got.map((e) => e?.message)).toEqual(stored.items.map((e) => e.message));
      await waitFor(async () => pushed(admin.messages, id).length === got.length);
      expect(pushed(other.messages, id)).toEqual([]);
    }
    expect(pushed(mine.messages, ping).filter((e) => e?.kind === "progress")).toHaveLength(4);
    expect(pushed(mine.messages, pipeline).some((e) => e?.kind === "log")).toBe(true);
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

  it("signals an outreach change (a webhook landing) to the account's owner and admins only", async () => {
    const owner = await connect("sales");
    const admin = await connect("admin");
    const other = await connect("marketing");
    const created = await as("sales", "/api/outreach/accounts", { method: "POST", json: { tier: "growth" } });
    const acc = ((await created.json()) as { account: { id: string; unipileAccountId: string } }).account;
    const res = await api("/api/webhooks/unipile", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-lifetrek-webhook-secret": services(env).config.unipileWebhookSecret,
      },
      body: JSON.stringify({ AccountStatus: { account_id: acc.unipileAccountId, message: "OK" } }),
    });
    expect(res.status).toBe(200);
    // What Unipile gets back names no user.
    expect(await res.json()).toEqual({ handled: "account_status" });
    const signalled = (msgs: Msg[]) => msgs.some((m) => m.type === "signal" && m.accountId === acc.id);
    await waitFor(async () => signalled(owner.messages) && signalled(admin.messages));
    expect(owner.messages.find((m) => m.type === "signal")).toMatchObject({
      topic: "outreach",
      accountId: acc.id,
    });
    expect(signalled(other.messages)).toBe(false);
    for (const c of [owner, admin, other]) c.ws.close(1000);
  });
});
