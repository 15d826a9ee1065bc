// Redis and PostgreSQL for `npm run bench -- peers`, from Debian packages (installed with apt-get
// when missing), each on its own port in a temp folder so nothing touches a system instance.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: "inherit", ...opts });
const has = (cmd) => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const pgBin = () => {
  const base = "/usr/lib/postgresql";
  const v = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  return v && existsSync(path.join(base, v, "bin", "initdb")) ? path.join(base, v, "bin") : null;
};

function install(pkgs) {
  console.error(`[peers] apt-get install ${pkgs.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  sh("apt-get", ["update", "-qq"], { env });
  sh("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...pkgs], { env });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts both; `stop()` ends exactly the processes started here and removes their folders. */
export async function startServices({ redisPort, pgPort }) {
  const missing = [...(has("redis-server") ? [] : ["redis-server"]), ...(pgBin() ? [] : ["postgresql"])];
  if (missing.length) install(missing);
  const bin = pgBin();
  if (!bin) throw new Error("PostgreSQL binaries not found after install");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "peers-"));

  // Redis without snapshots: the bench measures the queue, not disk dumps.
  const redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", ""], {
    cwd: tmp,
    stdio: "ignore",
  });

  // PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user. Default
  // durability settings (fsync, synchronous_commit), as pg-boss would run in production.
  const data = path.join(tmp, "pg");
  mkdirSync(data);
  const pgUser = process.getuid?.() === 0 ? "postgres" : null;
  if (pgUser) {
    const uid = Number(execFileSync("id", ["-u", pgUser], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", pgUser], { encoding: "utf8" }));
    chownSync(tmp, uid, gid);
    chownSync(data, uid, gid);
  }
  const asPg = (cmd, args) =>
    pgUser ? sh("runuser", ["-u", pgUser, "--", cmd, ...args], { cwd: tmp }) : sh(cmd, args, { cwd: tmp });
  asPg(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  asPg(path.join(bin, "pg_ctl"), [
    "start",
    "-w",
    "-D",
    data,
    "-l",
    path.join(tmp, "pg.log"),
    "-o",
    `-p ${pgPort} -k ${tmp} -c listen_addresses=127.0.0.1 -c max_connections=100`,
  ]);

  // Redis answers PING once it accepts connections.
  for (let i = 0; i < 100; i++) {
    try {
      if (execFileSync("redis-cli", ["-p", String(redisPort), "ping"], { encoding: "utf8" }).includes("PONG"))
        break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }

  return {
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    pgUrl: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
    versions: {
      redis: execFileSync("redis-server", ["--version"], { encoding: "utf8" }).split(" ")[2]?.slice(2),
      postgres: execFileSync(path.join(bin, "postgres"), ["--version"], { encoding: "utf8" }).split(" ")[2],
    },
    stop() {
      try {
        asPg(path.join(bin, "pg_ctl"), ["stop", "-m", "fast", "-w", "-D", data]);
      } catch (err) {
        console.error(`[peers] pg_ctl stop: ${err}`);
      }
      redis.kill("SIGTERM");
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
