// `npm run bench -- export`: one JSON import of BENCH_EXPORT_LEADS leads (default 10,000), then
// GET /api/leads/export.csv of every lead and of that import, three rounds each: time to the first
// byte, to the whole file, its size and rows. Asked for only: it adds the leads to the dev database.
import { API, signIn, waitUntil } from "./lib.mjs";

const N = Number(process.env.BENCH_EXPORT_LEADS ?? 10_000);

async function timedExport(headers, query) {
  const t = performance.now();
  const res = await fetch(`${API}/api/leads/export.csv?${query}`, { headers });
  let firstByteMs = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    if (!firstByteMs) firstByteMs = performance.now() - t;
    bytes += chunk.length;
    for (const b of chunk) if (b === 0x0a) lines++;
  }
  const r = (v) => Math.round(v);
  return {
    status: res.status,
    firstByteMs: r(firstByteMs),
    wholeMs: r(performance.now() - t),
    kib: r(bytes / 1024),
    rows: lines - 1,
  };
}

export async function benchExport() {
  const headers = { cookie: await signIn("sales@lifetrek.local"), origin: API };
  const tag = `bench-export-${Date.now()}`;
  const rows = Array.from({ length: N }, (_, i) => ({
    company: `${tag} ${i}`,
    city: "São Paulo",
    segment: "Implantes Ortopédicos",
    employees: 100 + i,
    certifications: "ISO 13485; ANVISA",
  }));
  const t = performance.now();
  const res = await fetch(`${API}/api/leads/import`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
  const { job } = await res.json();
  const done = await waitUntil(
    async () => {
      const j = (await (await fetch(`${API}/api/jobs/${job.id}`, { headers })).json()).job;
      return ["succeeded", "failed"].includes(j.status) ? j : null;
    },
    600_000,
    250,
  );
  const importMs = Math.round(performance.now() - t);
  const rounds = async (query) => {
    const out = [];
    for (let i = 0; i < 3; i++) out.push(await timedExport(headers, query));
    return out;
  };
  return {
    import: { leads: N, status: done.status, ms: importMs },
    everyLead: await rounds(""),
    thisImport: await rounds(`q=${encodeURIComponent(tag)}`),
  };
}
