import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeHooks } from "./fakes/hooks";
import { startFakeUnipile } from "./fakes/unipile";

declare module "vitest" {
  export interface ProvidedContext {
    pythonServiceUrl: string;
    fakeUnipileUrl: string;
    fakeHooksUrl: string;
  }
}

/** A free loopback port, so parallel test runs on one machine never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts what the Worker tests call across the network: the real Python service (uvicorn) wired
 * to a fake Unipile. Runs in Node before the workerd tests.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  const TEST_PORTS = { unipile: await freePort(), python: await freePort() };
  const fake = await startFakeUnipile(TEST_PORTS.unipile);
  const hooksPort = await freePort();
  const hooks = await startFakeHooks(hooksPort);
  const python: ChildProcess = spawn(process.execPath, ["scripts/python.mjs", "serve"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      ENVIRONMENT: "development",
      PYTHON_PORT: String(TEST_PORTS.python),
      UNIPILE_BASE_URL: `http://127.0.0.1:${TEST_PORTS.unipile}/api/v1`,
      UNIPILE_API_KEY: "test-unipile-key",
      UNIPILE_MIN_INTERVAL_SECONDS: "0.01",
      UNIPILE_429_BACKOFF_SECONDS: "0.05",
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${TEST_PORTS.python}/health`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error("python service did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("pythonServiceUrl", `http://127.0.0.1:${TEST_PORTS.python}`);
  project.provide("fakeUnipileUrl", `http://127.0.0.1:${TEST_PORTS.unipile}`);
  project.provide("fakeHooksUrl", `http://127.0.0.1:${hooksPort}`);
  return async () => {
    if (python.pid) process.kill(-python.pid, "SIGTERM");
    await new Promise<void>((r) => fake.close(() => r()));
    await new Promise<void>((r) => hooks.close(() => r()));
  };
}
