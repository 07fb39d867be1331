/**
 * Where the running services are. The server sets this after starting (or finding) PostgreSQL
 * and Meilisearch; without it (tests, scripts) the environment variables describe them.
 * Kept on globalThis because the server entry and the Remix server bundle each load their own
 * copy of this module.
 */
export interface Runtime {
  databaseUrl: string;
  meiliUrl: string;
  meiliApiKey: string;
  sessionSecret: string;
  dataDir: string;
  /** One of several instances on the same database and search engine (FUDAO_INSTANCES=multi, decision 111). */
  multiInstance?: boolean;
}

const KEY = Symbol.for("fudao.runtime");
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const current = (globalThis as Holder)[KEY];
  if (current) return current;
  const { DATABASE_URL, MEILI_URL, MEILI_MASTER_KEY, SESSION_SECRET, FUDAO_DATA_DIR } = process.env;
  if (!DATABASE_URL || !MEILI_URL || !SESSION_SECRET) {
    throw new Error("服务尚未启动：缺少 DATABASE_URL / MEILI_URL / SESSION_SECRET。请通过 npm start 启动应用。");
  }
  return {
    databaseUrl: DATABASE_URL,
    meiliUrl: MEILI_URL,
    meiliApiKey: MEILI_MASTER_KEY ?? "",
    sessionSecret: SESSION_SECRET,
    dataDir: FUDAO_DATA_DIR ?? "data",
    multiInstance: process.env.FUDAO_INSTANCES === "multi",
  };
}

/** Stores a process-wide singleton on globalThis (survives HMR and duplicate module copies). */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T>;
  const key = Symbol.for(`fudao.singleton.${name}`);
  store[key] ??= create();
  return store[key];
}
