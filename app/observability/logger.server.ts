import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import roll from "pino-roll";

/**
 * The process's one pino logger (decision 127). JSON lines into rotated files under
 * `<data>/logs/`, and on stdout: readable (pino-pretty) on a terminal, JSON otherwise.
 *
 * The server loads this module twice (once through tsx for the HTTP server, once inside the Remix
 * server build), so its state lives on globalThis: the logger and the request context are the
 * same object for both copies.
 */
export interface RequestContext {
  /** The request's child logger (carries `reqId`). */
  log: Logger;
  /** The signed-in person of this request, noted when the session is read. */
  userId?: string;
}

interface LoggingState {
  root: Logger;
  requests: AsyncLocalStorage<RequestContext>;
  /** Where the files go, once files are on (`initLogging`). */
  file?: string;
}

const KEY = Symbol.for("fudao.observability.logging");
const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Never written: a mistake (`log.info({ req })`) must not leak a secret either. */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "token",
  "*.token",
  "cookie",
  "*.cookie",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "headers.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  "body",
  "*.body",
  "text",
  "*.text",
];

export interface LogSettings {
  level: string;
  /** "pretty" or "json" on stdout; by default pretty on a terminal. */
  format: "pretty" | "json";
  /** null: no files (LOG_FILES=off). */
  dir: string | null;
  /** pino-roll size: "10m", "500k"… */
  fileSize: string;
  /** pino-roll frequency: "daily", "hourly" or milliseconds. */
  frequency: string | number;
  /** Rotated files kept beside the current one. */
  keep: number;
}

export function readLogSettings(dataDir: string, env: Record<string, string | undefined> = process.env, tty = Boolean(process.stdout.isTTY)): LogSettings {
  const level = (env.LOG_LEVEL || "info").trim().toLowerCase();
  const format = env.LOG_FORMAT === "json" || env.LOG_FORMAT === "pretty" ? env.LOG_FORMAT : tty ? "pretty" : "json";
  const frequency = env.LOG_FILE_FREQUENCY?.trim() || "daily";
  const keep = Number(env.LOG_FILE_KEEP ?? 14);
  return {
    level: LEVELS.has(level) ? level : "info",
    format,
    dir: env.LOG_FILES === "off" ? null : path.resolve(env.LOG_DIR || path.join(dataDir, "logs")),
    fileSize: env.LOG_FILE_SIZE?.trim() || "10m",
    frequency: /^\d+$/.test(frequency) ? Number(frequency) : frequency,
    keep: Number.isInteger(keep) && keep >= 0 ? keep : 14,
  };
}

function baseOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
}

function stdoutStream(format: "pretty" | "json"): pino.DestinationStream {
  return format === "pretty"
    ? pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,component", messageFormat: "{if component}[{component}] {end}{msg}" })
    : pino.destination({ dest: 1, sync: true });
}

function state(): LoggingState {
  const store = globalThis as unknown as Record<symbol, LoggingState>;
  // Before initLogging (scripts, tests): stdout only.
  store[KEY] ??= {
    root: pino(baseOptions(readLogSettings("data").level), stdoutStream(readLogSettings("data").format)),
    requests: new AsyncLocalStorage<RequestContext>(),
  };
  return store[KEY];
}

/**
 * Sets up the server's logger: stdout plus, unless LOG_FILES=off, `<logs>/<name>.N.log` rotated
 * by size and by day (LOG_FILE_SIZE, LOG_FILE_FREQUENCY), LOG_FILE_KEEP old files kept. Several
 * instances sharing a data directory each write their own files (`name` includes the pid).
 */
export async function initLogging(dataDir: string, { name = "fudao", env = process.env }: { name?: string; env?: Record<string, string | undefined> } = {}): Promise<Logger> {
  const settings = readLogSettings(dataDir, env);
  const streams: pino.StreamEntry[] = [{ level: settings.level as pino.Level, stream: stdoutStream(settings.format) }];
  let file: string | undefined;
  if (settings.dir) {
    file = path.join(settings.dir, `${name}.log`);
    const fileStream = await roll({
      file,
      size: settings.fileSize,
      frequency: settings.frequency,
      mkdir: true,
      limit: { count: settings.keep },
      // Written as logged: the server ends with process.exit, which would drop a write in flight
      // (the last lines of a stop are the ones an operator looks for).
      sync: true,
    });
    streams.push({ level: settings.level as pino.Level, stream: fileStream });
  }
  const current = state();
  current.root = pino(baseOptions(settings.level), pino.multistream(streams));
  current.file = file;
  return current.root;
}

/** The process's logger (not the request's). */
export function rootLogger(): Logger {
  return state().root;
}

/** The logger of the request under way (with its `reqId`), or the process's. */
export function currentLogger(): Logger {
  const current = state();
  return current.requests.getStore()?.log ?? current.root;
}

/** The request context store (for the request middleware). */
export function requestContexts(): AsyncLocalStorage<RequestContext> {
  return state().requests;
}

/** Notes the signed-in person of the request under way, for its access line. */
export function noteRequestUser(userId: string): void {
  const context = state().requests.getStore();
  if (context) context.userId = userId;
}

/**
 * A `(line) => void` for the code that reports in lines (start-up, background tasks, services):
 * each line an `info` record of `component`, with the request id when logged during a request.
 */
export function lineLogger(component: string, level: "info" | "warn" | "error" = "info"): (line: string) => void {
  return (line) => currentLogger()[level]({ component }, line);
}

/**
 * A child process's output into this log: each line one record of `log` (its own `[component]`
 * prefix dropped). The collaboration worker prints plain lines; this puts them into the files too.
 */
export function logLinesOf(output: Readable, log: (line: string) => void): void {
  createInterface({ input: output, crlfDelay: Infinity }).on("line", (line) => {
    const text = line.replace(/^\[[a-z]+\] /, "");
    if (text.trim()) log(text);
  });
}
