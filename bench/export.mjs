// `npm run bench -- export`: one JSON import of BENCH_EXPORT_LEADS leads (default 10,000), then
// GET /api/leads/export.csv of every lead and of that import, three rounds each: time to the first
// byte, to the whole file, its size and rows; and the list's pages (`GET /api/leads`) at that size.
// Asked for only: it adds the leads to the dev database.
import { API, percentiles, signIn, waitUntil } from "./lib.mjs";

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

/** One list page, timed ten times (after one untimed call). */
async function timedList(headers, query) {
  const get = async () => {
    const t = performance.now();
    const res = await fetch(`${API}/api/leads?${query}`, { headers });
    const body = await res.json();
    return { ms: performance.now() - t, status: res.status, body };
  };
  await get();
  const runs = [];
  for (let i = 0; i < 10; i++) runs.push(await get());
  const { p50, p95 } = percentiles(runs.map((r) => r.ms));
  return { query, status: runs[0].status, items: runs[0].body.items?.length, p50, p95 };
}

/** The cursor of page `n` of `query` (pages of `limit`), walked untimed. */
async function cursorAt(headers, query, n) {
  let cursor = null;
  for (let i = 0; i < n; i++) {
    const c = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    cursor = (await (await fetch(`${API}/api/leads?${query}${c}`, { headers })).json()).nextCursor;
  }
  return cursor;
}

async function listPages(headers) {
  const deep = await cursorAt(headers, "limit=100", 60);
  const queries = [
    "limit=20",
    "limit=20&sort=-score",
    "limit=20&sort=score",
    "limit=20&sort=-updatedAt",
    "limit=20&heat=COLD",
    "limit=20&owner=me",
    `limit=100&cursor=${encodeURIComponent(deep)}`,
  ];
  const out = [];
  for (const q of queries) out.push(await timedList(headers, q));
  return out;
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
    listPages: await listPages(headers),
  };
}
