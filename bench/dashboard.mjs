// Dashboard budget on the local production build: JS gzipped size (every file, and what the
// sign-in page loads; chunks loaded on demand, such as the .xlsx reader, count only in the first)
// and first load in Chromium.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launch } from "../test/e2e/helpers.ts";
import { waitUntil } from "./lib.mjs";

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(path.join(dir, e.name))
      : e.name.endsWith(".js")
        ? [path.join(dir, e.name)]
        : [],
  );
}

export async function benchDashboard(root) {
  const build = spawnSync("npm", ["run", "build", "-w", "app"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) return { skipped: `build failed: ${build.stderr.slice(-300)}` };
  const client = path.join(root, "app", "build", "client");
  const files = jsFiles(client);
  const gzOf = (f) => gzipSync(readFileSync(f)).length;
  const gz = files.reduce((sum, f) => sum + gzOf(f), 0);
  const loadedJs = new Set();

  const port = 5174;
  const preview = spawn(
    "npx",
    ["vite", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    {
      cwd: path.join(root, "app"),
      stdio: "ignore",
      detached: true,
      env: {
        ...process.env,
        WRANGLER_REGISTRY_PATH: path.join(root, ".dev-registry"),
        MINIFLARE_REGISTRY_PATH: path.join(root, ".dev-registry"),
      },
    },
  );
  try {
    const url = `http://127.0.0.1:${port}/login`;
    await waitUntil(async () => (await fetch(url).catch(() => null))?.ok, 120_000, 500);
    const browser = await launch();
    const loads = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("response", (r) => {
        const p = new URL(r.url()).pathname;
        if (p.endsWith(".js")) loadedJs.add(path.join(client, p));
      });
      await page.goto(url, { waitUntil: "load" });
      loads.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0];
          return nav ? nav.loadEventEnd - nav.startTime : null;
        }),
      );
      await context.close();
    }
    await browser.close();
    const sorted = loads.filter((v) => v !== null).sort((a, b) => a - b);
    return {
      jsFiles: files.length,
      jsGzipKB: Math.round(gz / 102.4) / 10,
      signInPageJsGzipKB: Math.round([...loadedJs].reduce((sum, f) => sum + gzOf(f), 0) / 102.4) / 10,
      signInPageJsFiles: loadedJs.size,
      firstLoadMs: {
        cold: Math.round(loads[0] ?? 0),
        median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      },
    };
  } finally {
    process.kill(-preview.pid, "SIGTERM");
  }
}
