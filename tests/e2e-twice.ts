import { spawn } from "node:child_process";
import { removeDataDir, startApp } from "./support/app-server.ts";

/**
 * `npm run test:e2e:twice [-- vitest options or files]`: the browser tests twice against ONE
 * server, each time in a shuffled order (files and tests; the seed is printed so an order can be
 * replayed with --sequence.seed). The second run starts from the database the first one left, so
 * it passes only if every test undid what it changed; each run's leak check (tests/setup/
 * e2e-global.ts) also compares the whole database before and after.
 */
const RUNS = Number(process.env.E2E_RUNS ?? 2);

const app = await startApp();
console.log(`server at ${app.baseUrl}, data in ${app.dataDir}`);
let exitCode = 0;
try {
  for (let run = 1; run <= RUNS && exitCode === 0; run++) {
    const seed = Math.floor(Math.random() * 1_000_000);
    console.log(`\n── run ${run} of ${RUNS}: --sequence.shuffle --sequence.seed=${seed}`);
    exitCode = await vitest(["run", "--project", "e2e", "--sequence.shuffle", `--sequence.seed=${seed}`, ...process.argv.slice(2)], {
      E2E_BASE_URL: app.baseUrl,
      E2E_DATA_DIR: app.dataDir,
    });
  }
} finally {
  await app.stop();
  removeDataDir(app.dataDir);
}
process.exit(exitCode);

function vitest(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["vitest", ...args], { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
