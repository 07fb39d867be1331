import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { addSession, createCourse, publishCourse } from "~/training/catalogue.server.ts";
import { enrol } from "~/training/enrolment.server.ts";
import { courseSchema, sessionSchema } from "~/training/schemas.ts";
import { launchApp, removeDataDir, type RunningApp } from "../support/app-server.ts";
import { query } from "../support/databases.ts";
import { buildUser, unique, type BuiltUser } from "../support/factories.ts";
import { enqueueProbes, measureJobs, probeTally } from "../support/jobs.ts";

/**
 * Background work exactly once (issue 21 item 4, decision 113): three real app instances share this
 * file's database (its seeded copy) in multi-instance mode, each with its own data directory; the
 * job queue is pg-boss in that database.
 */

const databaseUrl = process.env.DATABASE_URL!;
const START_MS = 240_000;

function instanceEnv() {
  return {
    DATABASE_URL: databaseUrl,
    // Nothing listens there: the instances' search outboxes wait, and the shared test engine is left alone.
    MEILI_URL: "http://127.0.0.1:9",
    MEILI_MASTER_KEY: "not-used",
    SESSION_SECRET: "jobs-queue-test",
    FUDAO_INSTANCES: "multi",
  };
}

async function start(): Promise<RunningApp> {
  const outcome = await launchApp({ env: instanceEnv(), timeoutMs: START_MS });
  if (!("baseUrl" in outcome)) throw new Error(`instance did not start (${outcome.exitCode}):\n${outcome.output}`);
  return outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let apps: RunningApp[] = [];
const alive = () => apps.filter((app) => app.process.exitCode === null && app.process.signalCode === null);

// A session five hours away with three people enrolled: the training reminders' pass (once a
// minute, on the queue) tells each of them once, whichever instance runs it.
let enrolled: BuiltUser[] = [];
let courseTitle = "";

beforeAll(async () => {
  const admin = await buildUser({ roles: ["ADMIN"] });
  enrolled = [await buildUser(), await buildUser(), await buildUser()];
  courseTitle = unique("队列提醒课程");
  const platformId = (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "LECTURE" } })).id;
  const courseId = await createCourse(courseSchema.parse({ title: courseTitle, platformId, level: "SCHOOL", year: new Date().getUTCFullYear(), capacity: 10 }), admin.id);
  const startsAt = new Date(Date.now() + 5 * 3_600_000);
  await addSession(courseId, sessionSchema.parse({ startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000), place: "图书馆报告厅", hours: 2 }), admin.id);
  await publishCourse(courseId, admin.id);
  for (const person of enrolled) await enrol(courseId, person);

  // One after another: three cold starts at once on two cores only wait for each other.
  for (let i = 0; i < 3; i++) apps.push(await start());
}, 3 * START_MS);

afterAll(async () => {
  for (const app of apps) {
    if (alive().includes(app)) await app.stop();
    removeDataDir(app.dataDir);
  }
}, 60_000);

describe("the job queue with three instances on one database", () => {
  it("runs 1,000 jobs enqueued from all three exactly once each", async () => {
    const tally = await measureJobs(apps, databaseUrl, { count: 1000, timeoutMs: 120_000 });
    console.log(`1,000 probes from 3 instances: ${JSON.stringify(tally)}`);
    expect(tally).toMatchObject({ jobs: 1000, jobs_run_twice: 0, jobs_never_run: 0, effects_twice: 0, runs: 1000, finished_runs: 1000 });
    // The work was shared: more than one instance ran probes.
    expect(tally.pids).toBeGreaterThan(1);
  }, 180_000);

  it("reminds each person enrolled in a session once, with three instances running the reminders", async () => {
    const count = () => prisma.notification.count({ where: { type: "training.reminders.sessionSoon", userId: { in: enrolled.map((p) => p.id) } } });
    for (let waited = 0; (await count()) < enrolled.length && waited < 90_000; waited += 500) await sleep(500);
    // Another slot's pass or two come by meanwhile: nobody is told twice.
    await sleep(5_000);
    const notices = await prisma.notification.findMany({ where: { type: "training.reminders.sessionSoon", userId: { in: enrolled.map((p) => p.id) } }, select: { userId: true, data: true } });
    expect(notices.map((n) => n.userId).sort()).toEqual(enrolled.map((p) => p.id).sort());
    expect(notices.every((n) => (n.data as { course: string }).course === courseTitle)).toBe(true);
  }, 120_000);

  it("retries a job whose instance is killed mid-run on another instance; its effect happens once", async () => {
    const key = `killed-${Date.now()}`;
    await enqueueProbes(apps[0]!, [{ key, holdMs: 6_000 }]);
    let holder: number | null = null;
    for (let waited = 0; holder === null && waited < 20_000; waited += 100) {
      const [run] = await query<{ pid: number }>(databaseUrl, `SELECT pid FROM "JobProbeRun" WHERE key = $1`, [key]);
      if (run) holder = run.pid;
      else await sleep(100);
    }
    expect(holder).not.toBeNull();
    const victim = apps.find((app) => app.process.pid === holder)!;
    expect(victim).toBeDefined();
    victim.process.kill("SIGKILL");
    await new Promise((resolve) => victim.process.once("exit", resolve));

    // The dead instance's job expires (15 s after it started) and is run by another instance.
    let effect: Array<{ pid: number }> = [];
    for (let waited = 0; !effect.length && waited < 60_000; waited += 500) {
      effect = await query<{ pid: number }>(databaseUrl, `SELECT pid FROM "JobProbeEffect" WHERE key = $1`, [key]);
      if (!effect.length) await sleep(500);
    }
    expect(effect).toHaveLength(1);
    expect(effect[0]!.pid).not.toBe(holder);
    const runs = await query<{ pid: number; finished: boolean }>(databaseUrl, `SELECT pid, "finishedAt" IS NOT NULL AS finished FROM "JobProbeRun" WHERE key = $1 ORDER BY id`, [key]);
    expect(runs).toEqual([
      { pid: holder, finished: false },
      { pid: effect[0]!.pid, finished: true },
    ]);
    await sleep(3_000);
    expect(await probeTally(databaseUrl, [key])).toMatchObject({ jobs_run_twice: 0, jobs_never_run: 0, effects_twice: 0 });
  }, 120_000);

  it("runs the automatic-submission sweeps as often with several instances as with one (not once per instance)", async () => {
    // How often the passes run, read from PostgreSQL's own count of scans of the table they read
    // (CampAttempt: the knowledge test's sweep every 15 s, the identification sweep every 5 s).
    // Nothing else reads it meanwhile. Per-process timers run them once per instance; the queue once.
    const scans = async () => {
      const [row] = await query<{ n: string }>(databaseUrl, `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE relname = 'CampAttempt'`);
      return Number(row!.n);
    };
    const rate = async (ms: number) => {
      // Statistics reach the view within ~10 s of a pass (PGSTAT_IDLE_INTERVAL): let them settle first.
      await sleep(12_000);
      const before = await scans();
      await sleep(ms);
      return (await scans()) - before;
    };
    const several = alive();
    expect(several.length).toBeGreaterThanOrEqual(2);
    const withSeveral = await rate(40_000);
    for (const app of several.slice(1)) expect(await app.stop()).toBe(0);
    const withOne = await rate(40_000);
    console.log(`CampAttempt scans in 40 s: ${withSeveral} with ${several.length} instances, ${withOne} with one`);
    expect(withOne).toBeGreaterThan(0);
    // Per-instance timers: withSeveral ≈ several.length × withOne.
    expect(withSeveral / withOne).toBeLessThan(1.5);
  }, 180_000);
});
