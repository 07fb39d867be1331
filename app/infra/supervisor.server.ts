import type { ChildProcess } from "node:child_process";
import { singleton } from "./runtime.server.ts";

/**
 * Supervision of the embedded services (decision 090). PostgreSQL and Meilisearch run in their
 * own process group (a Ctrl+C or a service manager's SIGTERM to the app's group does not reach
 * them: the app stops them last, itself). If one dies while the app runs, it is started again on
 * the same port (so every connection string stays valid), with a growing pause between attempts,
 * and the console says so in Chinese. Meanwhile its state is "restarting": pages answer 503
 * (database) and /healthz reports it.
 */

/** A started service process: how to stop it and when it ends. */
export interface ServiceProcess {
  pid: number | undefined;
  /** Settles (never rejects) with a short description of how the process ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export type ServiceName = "database" | "search";
export type ServiceState = "ok" | "down" | "restarting";

/** What the server knows about each service, shared by the server and the Remix build's copy of this module. */
const states = singleton("serviceStates", () => new Map<ServiceName, ServiceState>());

export function setServiceState(name: ServiceName, state: ServiceState): void {
  states.set(name, state);
}

/** "ok" unless a supervisor or a watch said otherwise. */
export function serviceState(name: ServiceName): ServiceState {
  return states.get(name) ?? "ok";
}

export interface SupervisedService {
  readonly pid: number | undefined;
  /** Stops the service for good (no restart). */
  stop(): Promise<void>;
}

interface SuperviseOptions {
  name: ServiceName;
  /** Shown in the console, e.g. "内置 PostgreSQL". */
  label: string;
  first: ServiceProcess;
  restart: () => Promise<ServiceProcess>;
  log: (line: string) => void;
  /** A new process runs (e.g. to record its PID in the run lock). */
  onRestarted?: (process: ServiceProcess) => void;
  /** Pause before attempt n (0-based); by default 0.5 s doubling up to 30 s. */
  backoffMs?: (attempt: number) => number;
}

export const defaultBackoffMs = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt);

/** A service that died within this long after it was (re)started counts as failing again. */
const STABLE_MS = 60_000;

export function supervise(options: SuperviseOptions): SupervisedService {
  const { name, label, restart, log, onRestarted, backoffMs = defaultBackoffMs } = options;
  let current: ServiceProcess | null = options.first;
  let stopping = false;
  let failures = 0;
  let startedAt = Date.now();
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  setServiceState(name, "ok");

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const watch = (service: ServiceProcess) => {
    void service.exited.then((how) => {
      if (stopping || current !== service) return;
      current = null;
      setServiceState(name, "restarting");
      failures = Date.now() - startedAt < STABLE_MS ? failures + 1 : 1;
      log(`${label}意外退出（${how}），正在自动重新启动…`);
      loop = restartLoop();
    });
  };

  const restartLoop = async () => {
    for (let attempt = failures - 1; !stopping; attempt++) {
      const delay = backoffMs(attempt);
      log(`${(delay / 1000).toFixed(1)} 秒后尝试重新启动${label}（第 ${attempt + 1} 次）…`);
      await pause(delay);
      if (stopping) return;
      try {
        const service = await restart();
        if (stopping) {
          await service.stop().catch(() => {});
          return;
        }
        current = service;
        startedAt = Date.now();
        watch(service);
        setServiceState(name, "ok");
        onRestarted?.(service);
        log(`${label}已重新启动（PID ${service.pid ?? "未知"}）。`);
        return;
      } catch (error) {
        log(`重新启动${label}失败：${firstLine(error)}`);
      }
    }
  };

  watch(options.first);
  return {
    get pid() {
      return current?.pid;
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      const service = current;
      current = null;
      await service?.stop();
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** How a child process ended, in Chinese, e.g. "信号 SIGKILL" or "退出码 1". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `信号 ${signal}` : `退出码 ${code}`;
}

/** Settles when the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(describeExit(child.exitCode, child.signalCode));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(describeExit(code, signal))));
}

/**
 * Stops a child with `signal`, then SIGKILL after `graceMs`; resolves when it has exited. Safe to
 * call on a child that already exited (it resolves at once instead of waiting forever).
 */
export async function stopChild(child: ChildProcess, exited: Promise<string>, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  child.kill(signal);
  await exited;
  clearTimeout(timer);
}
