import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.server.ts";

describe("readConfig", () => {
  it("defaults to the embedded stack on port 3000, loopback, ./data", () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", dataDir: path.resolve("data"), databaseUrl: undefined, meiliUrl: undefined });
  });

  it("takes the production settings from the environment", () => {
    const config = readConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      FUDAO_DATA_DIR: "/srv/fudao",
      DATABASE_URL: "postgresql://app@db:5432/fudao",
      MEILI_URL: "http://search:7700",
      MEILI_MASTER_KEY: "k",
      SESSION_SECRET: "s",
      NODE_ENV: "production",
    });
    expect(config).toMatchObject({ port: 8080, host: "0.0.0.0", dataDir: "/srv/fudao", meiliMasterKey: "k", sessionSecret: "s", production: true });
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ MEILI_URL: "search:7700" }, "MEILI_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ FUDAO_INSTANCES: "many" }, "FUDAO_INSTANCES"],
  ])("rejects %o with a message naming %s", (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(name);
  });

  it("is single-instance unless FUDAO_INSTANCES=multi", () => {
    expect(readConfig({}).multiInstance).toBe(false);
    expect(readConfig({ FUDAO_INSTANCES: "single" }).multiInstance).toBe(false);
    const multi = { FUDAO_INSTANCES: "multi", DATABASE_URL: "postgresql://app@db/fudao", MEILI_URL: "http://search:7700", SESSION_SECRET: "s" };
    expect(readConfig(multi).multiInstance).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: "postgresql://app@db/fudao", MEILI_URL: "http://search:7700" }, "SESSION_SECRET"],
    [{ MEILI_URL: "http://search:7700", SESSION_SECRET: "s" }, "DATABASE_URL"],
    [{ SESSION_SECRET: "s" }, "DATABASE_URL、MEILI_URL"],
  ])("refuses multi-instance mode without the shared services (%o lacks %s)", (env, missing) => {
    const read = () => readConfig({ FUDAO_INSTANCES: "multi", ...env });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`多实例模式（FUDAO_INSTANCES=multi）下各实例必须共用同一个数据库、搜索引擎和会话密钥：请设置 ${missing}。`);
  });
});
