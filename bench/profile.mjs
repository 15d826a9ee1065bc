// Where a lone ping's time goes, from the job's own timestamps (server clock) and the client's:
// answer (POST round trip), queued (createdAt → startedAt: dispatch and claim), run (startedAt →
// finishedAt: handler and completion), publish (finishedAt → `succeeded` seen on the socket).
import { API, client, percentiles, signIn } from "./lib.mjs";

export async function profileEngine(n = 30) {
  const cookie = await signIn("admin@lifetrek.local");
  const call = client(cookie);
  const seen = new Map();
  const ws = new WebSocket(`${API.replace("http", "ws")}/api/realtime`, { headers: { cookie } });
  ws.addEventListener("message", (e) => {
    const msg = JSON.parse(String(e.data));
    if (msg.type === "job" && msg.job.status === "succeeded") seen.set(msg.job.id, Date.now());
  });
  await new Promise((r) => ws.addEventListener("open", r));
  const parts = { answer: [], queued: [], run: [], publish: [], total: [] };
  for (let i = 0; i < n + 5; i++) {
    const t0 = Date.now();
    const res = await call("/api/jobs", { method: "POST", json: { type: "system.ping", input: {} } });
    const answered = Date.now();
    const id = res.body.job.id;
    while (!seen.has(id)) await new Promise((r) => setTimeout(r, 2));
    const job = (await call(`/api/jobs/${id}`)).body.job;
    if (i < 5) continue; // warm-up
    const created = Date.parse(job.createdAt);
    const started = Date.parse(job.startedAt);
    const finished = Date.parse(job.finishedAt);
    parts.answer.push(answered - t0);
    parts.queued.push(started - created);
    parts.run.push(finished - started);
    parts.publish.push(seen.get(id) - finished);
    parts.total.push(seen.get(id) - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  ws.close();
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, percentiles(v)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await profileEngine(Number(process.argv[2] ?? 30)), null, 2));
}
