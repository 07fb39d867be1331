import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCollabWorker } from "~/infra/build.server.ts";

/**
 * The production build of the collaboration worker (what `npm start` runs) stays lean: it starts,
 * and it does not load parts of Node it never uses. node-postgres' Cloudflare probe alone would
 * load the fetch implementation, HTTP/2 and web streams (6 MB; decision 035, build.server.ts).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "collab-worker-build-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function startBuiltWorker(file: string): Promise<{ ready: boolean; modules: string[] }> {
  // Reports the modules Node has loaded once the worker has had time to start.
  const preload = path.join(dir, "report-modules.cjs");
  fs.writeFileSync(preload, "setTimeout(() => process.send({ modules: process.moduleLoadList }), 800).unref();\n");
  const child = fork(file, [], {
    execArgv: ["--require", preload],
    serialization: "advanced",
    // Never connected: the pool opens connections on first use.
    env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", COLLAB_SETTINGS: "{}" },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the built worker did not report in time")), 15_000);
    child.on("message", (message: { ready?: boolean; modules?: string[] }) => {
      if (message.ready) ready = true;
      if (message.modules) {
        clearTimeout(timer);
        child.kill("SIGKILL");
        resolve({ ready, modules: message.modules });
      }
    });
    child.on("exit", (code) => reject(new Error(`the built worker exited with ${code}`)));
  });
}

describe("the collaboration worker's production build", () => {
  it("starts without loading Node's fetch implementation, HTTP/2 or the debug package", async () => {
    const file = path.join(dir, "main.cjs");
    buildCollabWorker(file);
    const { ready, modules } = await startBuiltWorker(file);
    expect(ready).toBe(true);
    expect(modules).toContain("NativeModule net");
    expect(modules.filter((name) => /undici|http2/.test(name))).toEqual([]);
    // socket.io's per-packet tracing calls go to the silent stand-in, not the debug package.
    const bundle = fs.readFileSync(file, "utf8");
    expect(bundle).toContain("silent-debug.cjs");
    expect(bundle).not.toContain("node_modules/debug/");
  }, 60_000);
});
