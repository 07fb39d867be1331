import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class DataDirError extends Error {
  override name = "DataDirError";
}

/**
 * Creates the data directory. PostgreSQL refuses to run as root, so when we are root the
 * embedded cluster runs as the `postgres` user, which must be able to reach the directory:
 * say so plainly instead of letting initdb fail with a permission error.
 */
export function ensureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  for (let dir = dataDir; ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new DataDirError(
        `以 root 运行时内置 PostgreSQL 使用 postgres 用户，但目录 ${dir} 对其他用户不可进入（权限 ${(mode & 0o777).toString(8)}）。` +
          `请执行 chmod o+x ${dir}，或用 FUDAO_DATA_DIR 指定一个可访问的数据目录。`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

/** A random secret generated on first use and kept (mode 0600) under the data directory. */
export function readOrCreateSecret(dataDir: string, name: string, bytes = 32): string {
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, name);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // Only the secrets folder is private: a recursive mkdir with a mode would also lock the
  // data directory itself away from the `postgres` user.
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
  const secret = crypto.randomBytes(bytes).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  return secret;
}
