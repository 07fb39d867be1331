import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A throwaway directory the embedded PostgreSQL's `postgres` user can reach when tests run as root. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fudao-${prefix}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}
