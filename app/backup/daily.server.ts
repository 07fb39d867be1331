import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { periodicTask, type BackgroundTask } from "~/infra/background-task.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { BackupError, createBackup } from "./archive.server.ts";

/**
 * The daily backup (decision 122), a setting by environment:
 *   BACKUP_DAILY_AT  "HH:MM" in the server's local time; unset = no daily backup
 *   BACKUP_KEEP      how many archives to keep in the folder (newest first; default 7)
 *   BACKUP_DIR       the folder (default <data>/backups, where `npm run backup` also writes)
 * Checked every minute: once the day's time has passed and the folder holds no archive made
 * since, one is written and the oldest beyond BACKUP_KEEP are removed. Missed times (the app
 * was down) are made up at the next start. Several instances sharing a folder take a PostgreSQL
 * advisory lock, so one of them writes the day's archive.
 */

export interface BackupSchedule {
  hour: number;
  minute: number;
  keep: number;
  dir: string;
}

const ARCHIVE = /^fudao-backup-\d{8}-\d{6}\.tar\.gz$/;
const DAILY_BACKUP_LOCK = 72707370;

export function readBackupSchedule(env: Record<string, string | undefined>, dataDir: string): BackupSchedule | null {
  const at = env.BACKUP_DAILY_AT?.trim();
  if (!at) return null;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!match) throw new BackupError(`BACKUP_DAILY_AT 必须是 24 小时制的“时:分”，例如 03:30（当前为 "${at}"）。`);
  const keep = env.BACKUP_KEEP?.trim() ? Number(env.BACKUP_KEEP) : 7;
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError(`BACKUP_KEEP 必须是不小于 1 的整数（当前为 "${env.BACKUP_KEEP}"）。`);
  return { hour: Number(match[1]), minute: Number(match[2]), keep, dir: path.resolve(env.BACKUP_DIR?.trim() || path.join(dataDir, "backups")) };
}

/** The archives in the folder, newest first (their names carry the time they were made). */
export function listArchives(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => ARCHIVE.test(name))
    .sort()
    .reverse();
}

/** Removes the archives beyond the newest `keep`; returns the names removed. */
export function pruneArchives(dir: string, keep: number): string[] {
  const removed = listArchives(dir).slice(keep);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

/** The latest slot at or before `now`: today's time, or yesterday's when today's is still ahead. */
export function lastSlot(schedule: Pick<BackupSchedule, "hour" | "minute">, now: Date): Date {
  const slot = new Date(now);
  slot.setHours(schedule.hour, schedule.minute, 0, 0);
  if (slot > now) slot.setDate(slot.getDate() - 1);
  return slot;
}

/** Whether the folder lacks an archive made since the latest slot. */
export function isDue(schedule: BackupSchedule, now: Date): boolean {
  const since = lastSlot(schedule, now).getTime();
  return !listArchives(schedule.dir).some((name) => fs.statSync(path.join(schedule.dir, name)).mtimeMs >= since);
}

/** One check: writes the day's archive when due and prunes; returns 1 when it wrote one. */
export async function dailyBackupPass({
  schedule,
  databaseUrl,
  dataDir,
  now = new Date(),
  log = () => {},
}: {
  schedule: BackupSchedule;
  databaseUrl: string;
  dataDir: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<number> {
  if (!isDue(schedule, now)) return 0;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [DAILY_BACKUP_LOCK]);
    if (!rows[0]!.locked) return 0;
    try {
      if (!isDue(schedule, now)) return 0;
      const { file } = await createBackup({ databaseUrl, dataDir, outDir: schedule.dir, now, log });
      const removed = pruneArchives(schedule.dir, schedule.keep);
      log(`每日备份已写入 ${file}${removed.length ? `，按保留 ${schedule.keep} 份删除了 ${removed.length} 份旧备份` : ""}。`);
      return 1;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [DAILY_BACKUP_LOCK]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** Background task of the app (TASKS); does nothing unless BACKUP_DAILY_AT is set. */
export function dailyBackupTask(env: Record<string, string | undefined> = process.env): BackgroundTask {
  let inner: BackgroundTask | null = null;
  return {
    name: "daily-backup",
    start(log) {
      const runtime = getRuntime();
      let schedule: BackupSchedule | null;
      try {
        schedule = readBackupSchedule(env, runtime.dataDir);
      } catch (error) {
        // Said plainly, without taking the already listening server down with it.
        log(`每日备份未启用：${(error as Error).message}`);
        return;
      }
      if (!schedule) return;
      log(`每日备份：每天 ${String(schedule.hour).padStart(2, "0")}:${String(schedule.minute).padStart(2, "0")}，保留 ${schedule.keep} 份，写入 ${schedule.dir}。`);
      inner = periodicTask({
        name: "daily-backup",
        everyMs: 60_000,
        pass: () => dailyBackupPass({ schedule, databaseUrl: getRuntime().databaseUrl, dataDir: runtime.dataDir }),
        done: () => "每日备份已完成。",
        failed: (error) => `每日备份失败：${error instanceof Error ? error.message : String(error)}`,
      });
      return inner.start(log);
    },
    async stop() {
      await inner?.stop();
      inner = null;
    },
  };
}
