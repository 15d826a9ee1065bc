// Python ranking throughput and enrichment-job overhead per lead (Unipile's own time excluded).
import { spawnSync } from "node:child_process";
import { API, client, signIn, waitUntil } from "./lib.mjs";

const FAKE_UNIPILE = `http://127.0.0.1:${process.env.FAKE_UNIPILE_PORT ?? 8790}`;
const SPACING_S = 0.05; // UNIPILE_MIN_INTERVAL_SECONDS that npm run dev gives the offline fake

export async function benchLeads(root) {
  const py = spawnSync(process.execPath, ["scripts/python.mjs", "bench"], { cwd: root, encoding: "utf8" });
  const lines = py.stdout
    .trim()
    .split("\n")
    .filter((l) => l.trim().startsWith("{"));
  const ranking = lines.map((l) => JSON.parse(l));

  const call = client(await signIn("sales@lifetrek.local"));
  const page = await call("/api/leads?limit=50&sort=-updatedAt");
  const ids = page.body.items.map((l) => l.id);
  const before = (await (await fetch(`${FAKE_UNIPILE}/__calls`)).json()).length;
  const t0 = Date.now();
  const res = await call("/api/jobs", {
    method: "POST",
    json: { type: "leads.enrich", input: { leadIds: ids } },
  });
  const job = await waitUntil(
    async () => {
      const j = (await call(`/api/jobs/${res.body.job.id}`)).body.job;
      return ["succeeded", "failed"].includes(j.status) ? j : null;
    },
    600_000,
    250,
  );
  const wallMs = Date.now() - t0;
  const calls = (await (await fetch(`${FAKE_UNIPILE}/__calls`)).json()).length - before;
  const unipileMs = calls * SPACING_S * 1000;
  return {
    ranking,
    enrichment: {
      leads: ids.length,
      status: job.status,
      result: job.result,
      wallMs,
      unipileCalls: calls,
      unipileSpacingMs: Math.round(unipileMs),
      overheadPerLeadMs: Math.round((wallMs - unipileMs) / Math.max(1, ids.length)),
    },
    api: API,
  };
}
