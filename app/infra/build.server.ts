import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm start` works from a fresh clone: if the production build is missing or older than the
 * sources, build it first. A fingerprint of the inputs' sizes and modification times decides.
 */
const INPUTS = ["app", "public", "vite.config.ts", "tsconfig.json", "package-lock.json"];
const BUILD_DIR = path.resolve("build");
const FINGERPRINT_FILE = path.join(BUILD_DIR, ".fingerprint");
export const SERVER_BUILD = path.join(BUILD_DIR, "server", "index.js");
export const COLLAB_WORKER_SOURCE = path.resolve("app", "collab", "worker", "main.ts");
export const COLLAB_WORKER_BUILD = path.join(BUILD_DIR, "collab-worker", "main.cjs");

function fingerprint(): string {
  const hash = crypto.createHash("sha256");
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort()) {
        if (!child.endsWith(".test.ts") && !child.endsWith(".test.tsx")) visit(path.join(entry, child));
      }
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  INPUTS.forEach(visit);
  return hash.digest("hex");
}

export function isBuildFresh(): boolean {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(COLLAB_WORKER_BUILD)) return false;
  try {
    return fs.readFileSync(FINGERPRINT_FILE, "utf8") === fingerprint();
  } catch {
    return false;
  }
}

export function ensureFreshBuild(log: (line: string) => void): void {
  if (isBuildFresh()) return;
  log("正在构建前端与服务端代码（首次启动或代码有更新，约需 20 秒）…");
  buildAll();
}

/** The production build: the Remix app (Vite) and the collaboration worker (esbuild, one file). */
export function buildAll(): void {
  const before = fingerprint();
  const remixCli = path.resolve("node_modules/@remix-run/dev/dist/cli.js");
  const result = spawnSync(process.execPath, [remixCli, "vite:build", "--logLevel", "warn"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("构建失败：请查看上方 Vite 的输出。");
  buildCollabWorker(COLLAB_WORKER_BUILD);
  fs.writeFileSync(FINGERPRINT_FILE, before);
}

/**
 * The worker runs as one file on plain Node, without the TypeScript loader: that keeps its process
 * lean (decision 035; bundled, it starts ~5 MB smaller than with its packages loaded from
 * node_modules). It is a CommonJS bundle: Node 24 builds an ES module's view of `node:http` by
 * reading every export, and its lazy `WebSocket` export loads undici; `require` reads none.
 * Whitespace and syntax are minified (V8 keeps the source in memory: 1.7 MB less at rest); names
 * are kept, so stack traces stay readable. `Response` is undefined in it: node-postgres probes for
 * Cloudflare Workers by constructing a fetch Response, which on Node 20 loads the whole fetch
 * implementation (undici, HTTP/2, web streams) into a process that never fetches (6 MB less at
 * rest, measured; nothing else in the worker uses `Response`). `debug` is replaced by a silent
 * stand-in (silent-debug.cjs): its calls on every packet allocated more than they traced.
 */
export function buildCollabWorker(outfile: string): void {
  const worker = spawnSync(
    path.resolve("node_modules/esbuild/bin/esbuild"),
    [
      COLLAB_WORKER_SOURCE,
      "--bundle",
      "--platform=node",
      "--format=cjs",
      "--target=node20",
      "--external:pg-native",
      "--minify-whitespace",
      "--minify-syntax",
      "--define:Response=undefined",
      "--alias:debug=./app/collab/worker/silent-debug.cjs",
      "--log-level=warning",
      `--outfile=${outfile}`,
    ],
    { stdio: "inherit" },
  );
  if (worker.status !== 0) throw new Error("构建协同服务进程失败：请查看上方 esbuild 的输出。");
}
