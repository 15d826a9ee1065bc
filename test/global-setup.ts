import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
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
/**
 * `n` distinct free ports. All are held open until each is known, then released together: asked
 * for one at a time, the system may hand a just-released port out again, and two servers here then
 * race for it (the Python service lost once: "address already in use").
 */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve, reject) => {
          const srv = createServer();
          srv.once("error", reject);
          srv.listen(0, "127.0.0.1", () => resolve(srv));
        }),
    ),
  );
  const ports = servers.map((srv) => {
    const addr = srv.address();
    return typeof addr === "object" && addr ? addr.port : 0;
  });
  await Promise.all(servers.map((srv) => new Promise((r) => srv.close(r))));
  return ports;
}

/**
 * Starts what the Worker tests call across the network: the real Python service (uvicorn) wired
 * to a fake Unipile. Runs in Node before the workerd tests.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  const [unipilePort = 0, pythonPort = 0, hooksPort = 0] = await freePorts(3);
  const TEST_PORTS = { unipile: unipilePort, python: pythonPort };
  const fake = await startFakeUnipile(TEST_PORTS.unipile);
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
