/**
 * npm run bench:camp
 * The online knowledge test under load (issue 20, "Measured"), in a throwaway PostgreSQL and
 * Meilisearch served by the real server (`npm start` with DATABASE_URL / MEILI_URL pointing at
 * them; `npm run build` first). Written with SQL (not measured): 500 counselors in 10 colleges, a
 * bank of 600 questions, an open camp with its knowledge test of 60 questions (single, multiple,
 * true/false, fill-in, short answer).
 *
 * Measured over HTTP on loopback: the 500 take the test at once — each starts it (the paper drawn
 * and stored), answers its 60 questions one after another with a save per answer (10 % answered
 * twice, a change of mind) spread over BENCH_WINDOW_S seconds (default 120), and submits at a
 * random moment of the last 10 seconds. Then the same saves, same senders and pacing, against a
 * bare floor: a server that makes one INSERT per save through a node-postgres pool of the app's
 * size (10 connections; camp-floor-server.mjs), over the same loopback HTTP. For reference, the
 * same saves once more as bare INSERTs from this process, no HTTP (db_insert_ms). Then grading of
 * all 500 papers again (gradeRound, in this process). Checked: every answer the server said it
 * saved is stored with the last value sent (lost_answers), no response ≥ 500 or dropped
 * connection (server_errors).
 * Targets: 0 lost, 0 errors, save p95 ≤ 3× the floor's, grading < 5 s.
 * Prints one JSON line; exits non-zero when a target is missed.
 */
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { hashPassword } from "~/auth/password.server.ts";
import { migrate } from "~/db/migrate.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";
import { GIVEN, insertRows, ms, random, signInAll, summary, SURNAMES } from "./bench-support.ts";

const TAKERS = Number(process.env.BENCH_TAKERS ?? 500);
const COLLEGES = 10;
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 120);
const SUBMIT_WINDOW_S = 10;
const PASSWORD = "Fudao@2026";
const POOL_SIZE = 10; // the server's Prisma pool (app/db/client.server.ts)
/** The paper: 60 questions. */
const RULES = [
  { kind: "SINGLE", count: 20, points: 1 },
  { kind: "MULTIPLE", count: 15, points: 2 },
  { kind: "TRUE_FALSE", count: 10, points: 1 },
  { kind: "FILL_IN", count: 10, points: 1 },
  { kind: "SHORT_ANSWER", count: 5, points: 5 },
] as const;
const BANK_PER_KIND = 120;

const rand = random(2026_12_07);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
let idCounter = 0;
const newId = () => `bc${(idCounter++).toString(36).padStart(6, "0")}${crypto.randomBytes(8).toString("hex")}`;
/** JSON with sorted keys (jsonb keeps its own key order). */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const results: Record<string, unknown> = {
  bench: "camp",
  machine: `${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  cores: os.cpus().length,
  date: new Date().toISOString(),
  takers: TAKERS,
  window_s: WINDOW_S,
};
const failures: string[] = [];
const step = (line: string) => console.error(`[bench:camp ${new Date().toISOString().slice(11, 19)}] ${line}`);

const dir = scratchDir("bench-camp");
const log = () => {};
const [postgres, meili] = await Promise.all([startEmbeddedPostgres({ dataDir: dir, log, database: "bench_camp" }), startEmbeddedMeilisearch({ dataDir: dir, log })]);
const db = new pg.Client({ connectionString: postgres.url });
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  await migrate(postgres.url);
  await db.connect();
  app = await startApp({
    dataDir: scratchDir("bench-camp-app"),
    env: {
      DATABASE_URL: postgres.url,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SESSION_SECRET: "bench-camp",
    },
    // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops.
    nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    timeoutMs: 300_000,
  });
  const base = app.baseUrl;
  step("server ready; writing the camp");
  const now = new Date();

  // ── People, the bank, the camp and its test ──
  const colleges = Array.from({ length: COLLEGES }, (_, i) => ({ id: newId(), code: `C${String(i + 1).padStart(3, "0")}`, name: `营基准第${i + 1}学院` }));
  await insertRows(db, "College", [["id", "text"], ["code", "text"], ["name", "text"]], colleges.map((c) => [c.id, c.code, c.name]));
  const passwordHash = await hashPassword(PASSWORD);
  const people = Array.from({ length: TAKERS }, (_, i) => ({ id: newId(), username: `CT${String(i + 1).padStart(4, "0")}`, collegeId: colleges[i % COLLEGES]!.id }));
  await insertRows(
    db,
    "User",
    [["id", "text"], ["username", "text"], ["passwordHash", "text"], ["name", "text"], ["nameSortKey", "text"], ["roles", '"Role"[]'], ["collegeId", "text"], ["updatedAt", "timestamptz"]],
    people.map((p) => [p.id, p.username, passwordHash, pick([...SURNAMES]) + pick([...GIVEN]) + pick([...GIVEN]), p.username.toLowerCase(), "{COUNSELOR}", p.collegeId, now]),
  );
  // Only this bench's questions are drawn: whatever the demo seed holds is retired.
  await db.query(`UPDATE "Question" SET "retiredAt" = now() WHERE "retiredAt" IS NULL`);
  const questions: unknown[][] = [];
  const versions: unknown[][] = [];
  for (const { kind } of RULES) {
    for (let i = 0; i < BANK_PER_KIND; i++) {
      const questionId = newId();
      const versionId = newId();
      const options = kind === "SINGLE" || kind === "MULTIPLE" ? ["选项一", "选项二", "选项三", "选项四"].map((text) => ({ text })) : [];
      const key =
        kind === "SINGLE" ? { correct: i % 4 } : kind === "MULTIPLE" ? { correct: [0, 2] } : kind === "TRUE_FALSE" ? { correct: i % 2 === 0 } : kind === "FILL_IN" ? { blanks: [["答案"]] } : { referenceAnswer: "参考答案" };
      questions.push([questionId, "基准题库", now]);
      versions.push([versionId, questionId, 1, kind, `基准${kind}第${i + 1}题：辅导员工作中的一个问题。`, JSON.stringify(options), JSON.stringify(key), "{CRISIS}", 1 + (i % 5)]);
    }
  }
  await insertRows(db, "Question", [["id", "text"], ["category", "text"], ["updatedAt", "timestamptz"]], questions);
  await insertRows(
    db,
    "QuestionVersion",
    [["id", "text"], ["questionId", "text"], ["number", "int4"], ["kind", '"QuestionKind"'], ["stem", "text"], ["options", "jsonb"], ["answerKey", "jsonb"], ["duties", '"Duty"[]'], ["difficulty", "int4"]],
    versions,
  );
  await db.query(`UPDATE "Question" q SET "currentVersionId" = v.id FROM "QuestionVersion" v WHERE v."questionId" = q.id AND q.category = '基准题库'`);
  const campId = newId();
  const roundId = newId();
  await insertRows(db, "Camp", [["id", "text"], ["title", "text"], ["year", "int4"], ["status", '"CampStatus"'], ["updatedAt", "timestamptz"]], [[campId, "基准训练营", now.getUTCFullYear(), "OPEN", now]]);
  await insertRows(db, "CampParticipant", [["campId", "text"], ["userId", "text"], ["stage", '"CareerStage"'], ["collegeId", "text"]], people.map((p) => [campId, p.id, "NOVICE", p.collegeId]));
  await insertRows(
    db,
    "CampRound",
    [["id", "text"], ["campId", "text"], ["kind", '"CampRoundKind"'], ["weight", "numeric"], ["position", "int4"], ["opensAt", "timestamptz"], ["closesAt", "timestamptz"], ["durationMinutes", "int4"], ["updatedAt", "timestamptz"]],
    [[roundId, campId, "KNOWLEDGE_TEST", 25, 1, new Date(now.getTime() - 60_000), new Date(now.getTime() + 3 * 3_600_000), 120, now]],
  );
  await insertRows(
    db,
    "PaperRule",
    [["id", "text"], ["roundId", "text"], ["position", "int4"], ["kind", '"QuestionKind"'], ["count", "int4"], ["pointsEach", "numeric"]],
    RULES.map((rule, position) => [newId(), roundId, position, rule.kind, rule.count, rule.points]),
  );

  step(`signing in ${TAKERS} takers`);
  const cookies = await signInAll(base, people.map((p) => p.username), PASSWORD, 8);
  let serverErrors = 0;
  const post = async (path: string, cookie: string, body: BodyInit, type: string) => {
    const t0 = performance.now();
    try {
      const response = await fetch(`${base}${path}`, { method: "POST", headers: { Cookie: cookie, "Content-Type": type, Origin: base, "Accept-Language": "zh-CN" }, body, redirect: "manual" });
      const text = await response.text();
      if (response.status >= 500) serverErrors++;
      return { took: performance.now() - t0, status: response.status, text };
    } catch {
      serverErrors++;
      return { took: performance.now() - t0, status: 0, text: "" };
    }
  };

  // ── Start: all at once ──
  step("starting 500 attempts at once");
  const startTimes: number[] = [];
  await Promise.all(
    people.map(async (p) => {
      const { took, status } = await post(`/camp/${campId}/test.data?index`, cookies.get(p.username)!, new URLSearchParams({ intent: "start", confirmed: "yes" }), "application/x-www-form-urlencoded");
      if (![200, 202, 204, 302].includes(status)) failures.push(`start ${p.username}: ${status}`);
      startTimes.push(took);
    }),
  );
  results.start_ms = summary(startTimes);
  const paper = await db.query<{ userId: string; attemptId: string; position: number; kind: string; optionCount: number }>(
    `SELECT a."userId", a.id AS "attemptId", q.position, v.kind, cardinality(q."optionOrder") AS "optionCount"
       FROM "CampAttempt" a JOIN "AttemptQuestion" q ON q."attemptId" = a.id JOIN "QuestionVersion" v ON v.id = q."questionVersionId"
      WHERE a."roundId" = $1 ORDER BY a."userId", q.position`,
    [roundId],
  );
  const papers = new Map<string, { attemptId: string; questions: Array<{ position: number; kind: string; optionCount: number }> }>();
  for (const row of paper.rows) {
    const entry = papers.get(row.userId) ?? { attemptId: row.attemptId, questions: [] };
    entry.questions.push({ position: row.position, kind: row.kind, optionCount: row.optionCount });
    papers.set(row.userId, entry);
  }
  if (papers.size !== TAKERS) failures.push(`attempts started: ${papers.size} of ${TAKERS}`);

  const answerFor = (kind: string, optionCount: number, r: () => number) => {
    if (kind === "SINGLE") return { kind, chosen: Math.floor(r() * optionCount) };
    if (kind === "MULTIPLE") return { kind, chosen: [0, 1, 2, 3].filter(() => r() < 0.5).slice(0, optionCount) };
    if (kind === "TRUE_FALSE") return { kind, value: r() < 0.5 };
    if (kind === "FILL_IN") return { kind, texts: [r() < 0.7 ? "答案" : "别的"] };
    return { kind: "SHORT_ANSWER", text: "首先稳定学生情绪，了解事情经过；其次联系家长和学院，必要时请心理中心介入；最后做好记录并持续跟进。".repeat(1 + Math.floor(r() * 3)) };
  };

  // ── Taking it: saves as they go, submissions in the last 10 seconds ──
  step(`answering: ${TAKERS} × 60 saves over ${WINDOW_S} s, submitting in the last ${SUBMIT_WINDOW_S} s`);
  const saveTimes: number[] = [];
  const submitTimes: number[] = [];
  let answersSent = 0;
  let refusedSaves = 0;
  const lastSaved = new Map<string, string>(); // attempt:position → JSON of the last response the server accepted
  const begin = performance.now();
  const serverCpuBefore = cpuMs(app.process.pid!);
  const answeringMs = (WINDOW_S - SUBMIT_WINDOW_S) * 1000;
  await Promise.all(
    people.map(async (p, index) => {
      const r = random(index + 1);
      const mine = papers.get(p.id);
      if (!mine) return;
      const cookie = cookies.get(p.username)!;
      const plan = [...mine.questions, ...mine.questions.filter(() => r() < 0.1)];
      const gap = answeringMs / plan.length;
      await sleep(r() * gap);
      for (const question of plan) {
        const response = answerFor(question.kind, question.optionCount, r);
        const body = JSON.stringify({ intent: "save", attemptId: mine.attemptId, position: question.position, response });
        answersSent++;
        const { took, status } = await post(`/camp/${campId}/test/answers`, cookie, body, "application/json");
        saveTimes.push(took);
        if (status === 200) lastSaved.set(`${mine.attemptId}:${question.position}`, JSON.stringify(response));
        else if (status === 409) refusedSaves++;
        else if (status < 500 && status !== 0) failures.push(`save ${p.username}: ${status}`);
        await sleep(gap * (0.5 + r()) - took);
      }
      // Submit at a random moment of the last 10 seconds.
      await sleep(answeringMs + r() * SUBMIT_WINDOW_S * 1000 - (performance.now() - begin));
      const { took, status } = await post(`/camp/${campId}/test.data?index`, cookie, new URLSearchParams({ intent: "submit", attemptId: mine.attemptId, confirmed: "yes" }), "application/x-www-form-urlencoded");
      submitTimes.push(took);
      if (![200, 202, 204, 302].includes(status)) failures.push(`submit ${p.username}: ${status}`);
    }),
  );
  results.taking_s = ms((performance.now() - begin) / 1000);
  // What a save costs the server, whatever else runs on the machine: its CPU time over the saves
  // and submissions (the submissions grade, so this is an upper bound).
  results.server_cpu_ms_per_save = round2((cpuMs(app.process.pid!) - serverCpuBefore) / answersSent);

  // What the server said it saved is stored, with the last value it accepted.
  const stored = await db.query<{ attemptId: string; position: number; response: unknown }>(
    `SELECT w."attemptId", w.position, w.response FROM "AttemptAnswer" w JOIN "CampAttempt" a ON a.id = w."attemptId" WHERE a."roundId" = $1`,
    [roundId],
  );
  const storedMap = new Map(stored.rows.map((row) => [`${row.attemptId}:${row.position}`, JSON.stringify(row.response)]));
  let lost = 0;
  for (const [key, response] of lastSaved) {
    const got = storedMap.get(key);
    if (got === undefined || canonical(JSON.parse(got)) !== canonical(JSON.parse(response))) lost++;
  }
  const submitted = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM "CampAttempt" WHERE "roundId" = $1 AND "submittedAt" IS NOT NULL`, [roundId])).rows[0]!.n;
  const save = summary(saveTimes);
  const submit = summary(submitTimes);
  Object.assign(results, {
    answers_sent: answersSent,
    answers_stored: stored.rows.length,
    answers_refused: refusedSaves,
    lost_answers: lost,
    server_errors: serverErrors,
    submitted: Number(submitted),
    save_ms: save,
    submit_ms: submit,
    save_p95_ms: save.p95,
    submit_p95_ms: submit.p95,
  });

  // ── The floors: the same saves, with the same senders and pacing ──
  /** Sends every taker's saves again, paced as above, through `send`; the time of each. */
  const replay = async (send: (attemptId: string, position: number, response: unknown) => Promise<void>) => {
    const times: number[] = [];
    await Promise.all(
      people.map(async (p, index) => {
        const r = random(index + 1);
        const mine = papers.get(p.id);
        if (!mine) return;
        const plan = [...mine.questions, ...mine.questions.filter(() => r() < 0.1)];
        const gap = answeringMs / plan.length;
        await sleep(r() * gap);
        for (const question of plan) {
          const response = answerFor(question.kind, question.optionCount, r);
          const t0 = performance.now();
          await send(mine.attemptId, question.position, response);
          const took = performance.now() - t0;
          times.push(took);
          await sleep(gap * (0.5 + r()) - took);
        }
      }),
    );
    return summary(times);
  };
  await db.query(`CREATE TABLE "BenchFloorAnswer" ("attemptId" text NOT NULL, position int NOT NULL, response jsonb NOT NULL, "savedAt" timestamptz NOT NULL DEFAULT now())`);

  // The floor: the same HTTP saves to a bare server that makes one INSERT each through a pool of
  // the app's size (camp-floor-server.mjs); the save path is held to 3× its p95.
  step("floor: the same saves to a bare server, one INSERT each");
  const floorServer = fork("tests/bench/camp-floor-server.mjs", [], { execArgv: [], env: { ...process.env, DATABASE_URL: postgres.url }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const floorPort = await new Promise<number>((resolve, reject) => {
      floorServer.on("message", (message: { ready?: boolean; port?: number }) => message.ready && resolve(message.port!));
      floorServer.on("exit", (code) => reject(new Error(`camp-floor-server exited with ${code}`)));
    });
    const floorBase = `http://127.0.0.1:${floorPort}`;
    const floorBegin = performance.now();
    const floorCpuBefore = cpuMs(floorServer.pid!);
    const floor = await replay(async (attemptId, position, response) => {
      const reply = await fetch(`${floorBase}/camp/test/answers`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ intent: "save", attemptId, position, response }) });
      await reply.text();
      if (reply.status !== 200) failures.push(`floor save: ${reply.status}`);
    });
    const floorCpu = (cpuMs(floorServer.pid!) - floorCpuBefore) / floor.requests;
    Object.assign(results, {
      floor_s: ms((performance.now() - floorBegin) / 1000),
      floor_save_ms: floor,
      floor_save_p95_ms: floor.p95,
      save_vs_floor: Math.round((save.p95 / floor.p95) * 100) / 100,
      floor_cpu_ms_per_save: round2(floorCpu),
      cpu_vs_floor: Math.round(((results.server_cpu_ms_per_save as number) / floorCpu) * 100) / 100,
    });
  } finally {
    floorServer.kill("SIGTERM");
  }

  // For reference: the bare INSERT alone, straight from this process through a pool of that size
  // (no HTTP at all).
  step("for reference: the same saves as bare inserts, no HTTP");
  const pool = new pg.Pool({ connectionString: postgres.url, max: POOL_SIZE });
  const inserts = await replay(async (attemptId, position, response) => {
    await pool.query(`INSERT INTO "BenchFloorAnswer" ("attemptId", position, response) VALUES ($1, $2, $3)`, [attemptId, position, JSON.stringify(response)]);
  });
  await pool.end();
  Object.assign(results, { db_insert_ms: inserts, db_insert_p95_ms: inserts.p95 });

  // ── Grading all 500 again, in this process, against the same database ──
  step("grading all papers");
  Object.assign(process.env, { DATABASE_URL: postgres.url, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SESSION_SECRET: "bench-camp" });
  const { prisma } = await import("~/db/client.server.ts");
  const { gradeRound } = await import("~/camp/test/grade.server.ts");
  const g0 = performance.now();
  const graded = await gradeRound(prisma, roundId);
  results.grading_ms = ms(performance.now() - g0);
  results.graded = graded;
  await prisma.$disconnect();

  if (lost !== 0) failures.push(`lost answers: ${lost}`);
  if (serverErrors !== 0) failures.push(`server errors: ${serverErrors}`);
  if (Number(submitted) !== TAKERS) failures.push(`submitted: ${submitted} of ${TAKERS}`);
  const floorP95 = results.floor_save_p95_ms as number | undefined;
  if (floorP95 === undefined || save.p95 > 3 * floorP95) failures.push(`save p95 ${save.p95} ms > 3 × floor p95 ${floorP95} ms`);
  if ((results.grading_ms as number) >= 5000) failures.push(`grading ${results.grading_ms} ms ≥ 5 s`);
} catch (error) {
  failures.push(String(error instanceof Error ? error.stack : error));
} finally {
  await db.end().catch(() => {});
  if (app) await app.stop();
  await meili.stop();
  await postgres.stop();
  removeDataDir(dir);
  if (app) removeDataDir(app.dataDir);
}
results.failures = failures.slice(0, 20);
console.log(JSON.stringify(results));
process.exit(failures.length ? 1 : 0);
