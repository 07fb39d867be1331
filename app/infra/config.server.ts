import path from "node:path";

/**
 * Process-level settings, read once from the environment. Everything optional has a default
 * that runs the whole stack embedded under the data directory.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Holds the embedded PostgreSQL cluster, the Meilisearch index, uploads and generated secrets. */
  dataDir: string;
  /** External PostgreSQL; when unset the app starts an embedded one. */
  databaseUrl: string | undefined;
  /** External Meilisearch; when unset the app starts the bundled binary. */
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  sessionSecret: string | undefined;
  production: boolean;
  /**
   * `FUDAO_INSTANCES=multi`: one of several instances on one PostgreSQL and one Meilisearch
   * (decision 111). Needs DATABASE_URL, MEILI_URL and SESSION_SECRET; starts no embedded service.
   */
  multiInstance: boolean;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT 必须是 0–65535 之间的整数（当前为 "${env.PORT}"）。`);
  }
  if (env.MEILI_URL && !/^https?:\/\//.test(env.MEILI_URL)) {
    throw new ConfigError(`MEILI_URL 必须以 http:// 或 https:// 开头（当前为 "${env.MEILI_URL}"）。`);
  }
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    throw new ConfigError("DATABASE_URL 必须是 postgresql:// 连接串。");
  }
  const instances = (env.FUDAO_INSTANCES || "single").trim().toLowerCase();
  if (instances !== "single" && instances !== "multi") {
    throw new ConfigError(`FUDAO_INSTANCES 只能是 single 或 multi（当前为 "${env.FUDAO_INSTANCES}"）。`);
  }
  const multiInstance = instances === "multi";
  if (multiInstance) {
    const missing = (["DATABASE_URL", "MEILI_URL", "SESSION_SECRET"] as const).filter((name) => !env[name]);
    if (missing.length) {
      throw new ConfigError(
        `多实例模式（FUDAO_INSTANCES=multi）下各实例必须共用同一个数据库、搜索引擎和会话密钥：请设置 ${missing.join("、")}。`,
      );
    }
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    dataDir: path.resolve(env.FUDAO_DATA_DIR || "data"),
    databaseUrl: env.DATABASE_URL || undefined,
    meiliUrl: env.MEILI_URL || undefined,
    meiliMasterKey: env.MEILI_MASTER_KEY || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    production: env.NODE_ENV === "production",
    multiInstance,
  };
}
