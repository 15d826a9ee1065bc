/**
 * A dependency-free browsable reference: the page fetches the OpenAPI document and lists each
 * operation (no CDN-hosted UI, so it works offline and under a strict CSP: its one script and one
 * style carry the response's nonce, see `security-headers.ts`).
 */
export function docsPage(specUrl: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lifetrek API</title>
<style nonce="${nonce}">body{font:15px/1.5 Inter,system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#0A1628}
h1{color:#004F8F}.op{border:1px solid #cbd5e1;border-radius:8px;margin:.5rem 0;padding:.5rem 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;color:#004F8F}pre{background:#f1f5f9;padding:.5rem;overflow:auto}</style>
</head><body><h1>Lifetrek App API</h1><p>Machine-readable: <a href="${specUrl}">${specUrl}</a></p><main id="ops">Loading…</main>
<script type="module" nonce="${nonce}">
const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
const main = document.getElementById("ops"); main.textContent = "";
for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops)) {
  const d = document.createElement("details"); d.className = "op";
  const s = document.createElement("summary");
  s.innerHTML = '<span class="m"></span><code></code> — <span></span>';
  s.children[0].textContent = method.toUpperCase(); s.children[1].textContent = path; s.children[2].textContent = op.summary ?? "";
  const pre = document.createElement("pre"); pre.textContent = JSON.stringify(op, null, 2);
  d.append(s, pre); main.append(d);
}
</script></body></html>`;
}
