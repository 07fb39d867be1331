import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dailyBackupPass, dailyBackupTask, isDue, lastSlot, listArchives, readBackupSchedule } from "~/backup/daily.server.ts";
import { backgroundTaskNames } from "~/composition/background.server.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/** The daily backup with a retention count (decision 122), on this file's seeded database. */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the daily backup", () => {
  it("is a setting: BACKUP_DAILY_AT and BACKUP_KEEP, refused in Chinese when malformed, off when unset", () => {
    expect(readBackupSchedule({}, "/data")).toBeNull();
    expect(readBackupSchedule({ BACKUP_DAILY_AT: "3:30" }, "/data")).toEqual({ hour: 3, minute: 30, keep: 7, dir: "/data/backups" });
    expect(readBackupSchedule({ BACKUP_DAILY_AT: "23:05", BACKUP_KEEP: "3", BACKUP_DIR: "/srv/bk" }, "/data")).toEqual({ hour: 23, minute: 5, keep: 3, dir: "/srv/bk" });
    expect(() => readBackupSchedule({ BACKUP_DAILY_AT: "24:00" }, "/data")).toThrow("BACKUP_DAILY_AT 必须是 24 小时制");
    expect(() => readBackupSchedule({ BACKUP_DAILY_AT: "03:30", BACKUP_KEEP: "0" }, "/data")).toThrow("BACKUP_KEEP 必须是不小于 1 的整数");
    const now = new Date(2026, 11, 7, 2, 0);
    expect(lastSlot({ hour: 3, minute: 30 }, now)).toEqual(new Date(2026, 11, 6, 3, 30));
    expect(lastSlot({ hour: 1, minute: 0 }, now)).toEqual(new Date(2026, 11, 7, 1, 0));
    expect(backgroundTaskNames()).toContain(dailyBackupTask().name);
    const lines: string[] = [];
    const malformed = dailyBackupTask({ BACKUP_DAILY_AT: "半夜" });
    malformed.start((line) => lines.push(line));
    expect(lines).toEqual([expect.stringContaining("每日备份未启用：BACKUP_DAILY_AT 必须是 24 小时制")]);
    malformed.stop();
  });

  it("writes the day's archive once (also with two instances at the same moment) and keeps the newest BACKUP_KEEP", async () => {
    const dir = scratchDir("backup-daily");
    dirs.push(dir);
    const old = new Date(Date.now() - 3 * 86_400_000);
    for (const name of ["fudao-backup-20261101-033000.tar.gz", "fudao-backup-20261102-033000.tar.gz", "fudao-backup-20261103-033000.tar.gz"]) {
      fs.writeFileSync(path.join(dir, name), "old");
      fs.utimesSync(path.join(dir, name), old, old);
    }
    fs.writeFileSync(path.join(dir, "notes.txt"), "not an archive, never removed");
    const now = new Date();
    const schedule = { hour: now.getHours(), minute: now.getMinutes(), keep: 2, dir };
    expect(isDue(schedule, new Date())).toBe(true);

    const options = { schedule, databaseUrl: process.env.DATABASE_URL!, dataDir: process.env.FUDAO_DATA_DIR! };
    const written = await Promise.all([dailyBackupPass(options), dailyBackupPass(options)]);
    expect(written.reduce((a, b) => a + b, 0)).toBe(1);
    const archives = listArchives(dir);
    expect(archives).toHaveLength(2);
    expect(archives[1]).toBe("fudao-backup-20261103-033000.tar.gz");
    expect(fs.statSync(path.join(dir, archives[0]!)).size).toBeGreaterThan(1000);
    expect(fs.existsSync(path.join(dir, "notes.txt"))).toBe(true);

    expect(isDue(schedule, new Date())).toBe(false);
    expect(await dailyBackupPass(options)).toBe(0);
    expect(listArchives(dir)).toEqual(archives);
  }, 120_000);
});
