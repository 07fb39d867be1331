/**
 * npm run bench:meetings
 * Monthly exchange meetings at the size of a large university (issue 19, "Measured"), in a
 * throwaway PostgreSQL and Meilisearch, served by the real server (`npm start` with DATABASE_URL /
 * MEILI_URL pointing at them). Written with SQL (not measured): 5,000 counselors in 50 colleges,
 * 40 monthly series (学工部's, inviting everyone, and 39 colleges' own) over three years — 1,440
 * meetings with their segments, agenda items, invitations and attendance (with its ledger entries) —
 * and 20,000 action items in every state with their history. Measured over HTTP, interleaved in
 * the same run: the personal action-item list `/meetings/actions` for many different counselors,
 * the 督导落实 overview `/meetings/overview` for 学工部, and the home page `/` (for the same people).
 * The targets: each page's p95 within 1.5× the home page's p95.
 *
 * While a page is not there yet (the pages are built on another branch) the run says so in
 * `missing_pages`, fails, and measures the services behind it in this process instead
 * (`actions_service_ms`, `overview_service_ms`), to find slow queries.
 * BENCH_SPLIT=1 adds where the overview's time goes: its loader alone (the single-fetch `.data`
 * URL) beside its page and the home page, for 学工部.
 * Prints one JSON line; exits non-zero when a figure is missing or wrong.
 */
import crypto from "node:crypto";
import os from "node:os";
import pg from "pg";
import { hashPassword } from "~/auth/password.server.ts";
import { migrate } from "~/db/migrate.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { schoolToday } from "~/lib/calendar-date.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";
import { DAY, GIVEN, insertRows, ms, random, signInAll, summary, SURNAMES } from "./bench-support.ts";

const COLLEGES = 50;
const COUNSELORS = 5_000;
const SERIES = 40; // 学工部's and 39 colleges'
const MONTHS = 36; // three years: 30 held, 6 ahead
const MONTHS_AHEAD = 6;
const ACTION_ITEMS = 20_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 240); // per page, interleaved
const PEOPLE = 200;
const PASSWORD = "Fudao@2026";
const TARGET = 1.5;

const SEGMENTS = [
  ["理论学习", 30],
  ["阶段工作总结", 30],
  ["工作案例交流分享", 30],
  ["分组研讨", 30],
] as const;
const TOPICS = ["学习贯彻教育工作重要论述", "各学院月度工作总结", "心理危机干预案例分享", "学业预警帮扶经验交流", "就业工作推进情况", "宿舍安全检查情况通报", "谈心谈话实效研讨"];
const ACTIONS = ["提交学业预警帮扶台账", "完成心理普查复核", "整理典型案例上传案例库", "落实宿舍安全整改", "报送就业困难群体帮扶情况", "组织主题班会并提交记录"];

const rand = random(2026_12_07);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
let idCounter = 0;
const newId = () => `bm${(idCounter++).toString(36).padStart(6, "0")}${crypto.randomBytes(8).toString("hex")}`;
const trainingYear = (at: Date) => schoolToday(at).getUTCFullYear();



const results: Record<string, unknown> = {
  machine: `${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  cores: os.cpus().length,
  date: new Date().toISOString(),
};
const failures: string[] = [];
/** Progress on stderr; stdout carries only the JSON line. */
const step = (line: string) => console.error(`[bench:meetings ${new Date().toISOString().slice(11, 19)}] ${line}`);

const dir = scratchDir("bench-meetings");
const log = () => {};
const [postgres, meili] = await Promise.all([startEmbeddedPostgres({ dataDir: dir, log, database: "bench_meetings" }), startEmbeddedMeilisearch({ dataDir: dir, log })]);
const db = new pg.Client({ connectionString: postgres.url });
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  await migrate(postgres.url);
  await db.connect();
  // The server seeds the demo university into the empty database first (as on a fresh `npm start`);
  // the large university is written beside it afterwards.
  app = await startApp({
    dataDir: scratchDir("bench-meetings-app"),
    env: { DATABASE_URL: postgres.url, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SESSION_SECRET: "bench-meetings" },
    timeoutMs: 300_000,
  });
  const base = app.baseUrl;
  step("server ready; writing the university");
  const now = new Date();
  const written = performance.now();

  // ── People: 50 colleges, 5,000 counselors, a college admin per college, 学工部 ──
  const colleges = Array.from({ length: COLLEGES }, (_, i) => ({ id: newId(), code: `M${String(i + 1).padStart(3, "0")}`, name: `例会基准第${i + 1}学院` }));
  await insertRows(db, "College", [["id", "text"], ["code", "text"], ["name", "text"]], colleges.map((c) => [c.id, c.code, c.name]));
  const passwordHash = await hashPassword(PASSWORD);
  const name = () => pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : "");
  const people = Array.from({ length: COUNSELORS }, (_, i) => ({ id: newId(), username: `M${String(i + 1).padStart(5, "0")}`, college: i % COLLEGES }));
  const collegeAdmins = colleges.map((c, i) => ({ id: newId(), username: `MCA${String(i + 1).padStart(3, "0")}`, collegeId: c.id }));
  const admin = { id: newId(), username: "MADMIN" };
  await insertRows(
    db,
    "User",
    [["id", "text"], ["username", "text"], ["passwordHash", "text"], ["name", "text"], ["nameSortKey", "text"], ["roles", '"Role"[]'], ["collegeId", "text"], ["updatedAt", "timestamptz"]],
    [
      ...people.map((p) => [p.id, p.username, passwordHash, name(), p.username.toLowerCase(), "{COUNSELOR}", colleges[p.college]!.id, now]),
      ...collegeAdmins.map((a) => [a.id, a.username, passwordHash, name(), a.username.toLowerCase(), "{COLLEGE_ADMIN}", a.collegeId, now]),
      [admin.id, admin.username, passwordHash, "基准学工部", admin.username.toLowerCase(), "{ADMIN}", null, now],
    ],
  );
  await insertRows(
    db,
    "CounselorProfile",
    [["userId", "text"], ["counselorSince", "date"], ["fullTime", "bool"], ["groups", '"TargetGroup"[]'], ["updatedAt", "timestamptz"]],
    people.map((p) => [p.id, new Date(now.getTime() - (30 + Math.floor(rand() * 7_300)) * DAY).toISOString().slice(0, 10), true, "{ALL_COUNSELORS}", now]),
  );

  // ── 40 series: 学工部's (everyone invited) and one per college for 39 colleges (its counselors) ──
  const series = Array.from({ length: SERIES }, (_, s) => ({
    id: newId(),
    school: s === 0,
    college: s === 0 ? null : s - 1,
    organiserId: s === 0 ? admin.id : collegeAdmins[s - 1]!.id,
    title: s === 0 ? "学工部月度交流例会" : `${colleges[s - 1]!.name}月度工作例会`,
    weekday: 1 + (s % 5),
  }));
  await insertRows(
    db,
    "MeetingSeries",
    [["id", "text"], ["title", "text"], ["organiserKind", '"MeetingOrganiserKind"'], ["collegeId", "text"], ["weekOfMonth", "int4"], ["weekday", "int4"], ["startTime", "text"], ["durationMinutes", "int4"], ["segmentTemplate", "jsonb"], ["createdById", "text"], ["updatedAt", "timestamptz"]],
    series.map((s) => [s.id, s.title, s.school ? "SCHOOL" : "COLLEGE", s.college === null ? null : colleges[s.college]!.id, 2, s.weekday, "14:30", 120, JSON.stringify(SEGMENTS.map(([n, m]) => ({ name: n, minutes: m }))), s.organiserId, now]),
  );
  await insertRows(db, "MeetingSeriesOrganiser", [["seriesId", "text"], ["userId", "text"]], series.map((s) => [s.id, s.organiserId]));
  await insertRows(
    db,
    "MeetingSeriesTarget",
    [["id", "text"], ["seriesId", "text"], ["kind", '"MeetingTargetKind"'], ["group", '"TargetGroup"'], ["collegeId", "text"]],
    series.map((s) => [newId(), s.id, s.school ? "GROUP" : "COLLEGE", s.school ? "ALL_COUNSELORS" : null, s.college === null ? null : colleges[s.college]!.id]),
  );
  const audience = (s: (typeof series)[number]) => (s.school ? people : people.filter((p) => p.college === s.college));

  // ── 1,440 meetings: one a month for three years, 30 held (closed), 6 ahead ──
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  interface MeetingRow { id: string; seriesIndex: number; startsAt: Date; closed: boolean; scheduledOn: Date }
  const meetings: MeetingRow[] = [];
  for (const [seriesIndex, s] of series.entries()) {
    for (let m = 0; m < MONTHS; m++) {
      const month = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - (MONTHS - MONTHS_AHEAD) + m, 1));
      const scheduledOn = new Date(month.getTime() + (7 + s.weekday) * DAY);
      const startsAt = new Date(scheduledOn.getTime() + 6.5 * 3_600_000);
      meetings.push({ id: newId(), seriesIndex, startsAt, closed: startsAt < now, scheduledOn });
    }
  }
  await insertRows(
    db,
    "Meeting",
    [["id", "text"], ["seriesId", "text"], ["scheduledOn", "date"], ["startsAt", "timestamptz"], ["endsAt", "timestamptz"], ["status", '"MeetingStatus"'], ["agendaPublishedAt", "timestamptz"], ["closedAt", "timestamptz"], ["checkInSecret", "text"], ["updatedAt", "timestamptz"]],
    meetings.map((m) => [m.id, series[m.seriesIndex]!.id, m.scheduledOn.toISOString().slice(0, 10), m.startsAt, new Date(m.startsAt.getTime() + 2 * 3_600_000), m.closed ? "CLOSED" : "SCHEDULED", new Date(m.startsAt.getTime() - 7 * DAY), m.closed ? new Date(m.startsAt.getTime() + 2 * 3_600_000) : null, crypto.randomBytes(32).toString("base64url"), now]),
  );
  const segments: unknown[][] = [];
  const items: unknown[][] = [];
  for (const m of meetings) {
    const ids = SEGMENTS.map(() => newId());
    SEGMENTS.forEach(([n, minutes], position) => segments.push([ids[position], m.id, n, minutes, position]));
    const pool = audience(series[m.seriesIndex]!);
    for (let i = 0; i < 3; i++) items.push([newId(), m.id, ids[i + 0], pick(TOPICS), pick(pool).id, 25, "", i]);
  }
  await insertRows(db, "MeetingSegment", [["id", "text"], ["meetingId", "text"], ["name", "text"], ["plannedMinutes", "int4"], ["position", "int4"]], segments);
  await insertRows(db, "AgendaItem", [["id", "text"], ["meetingId", "text"], ["segmentId", "text"], ["title", "text"], ["presenterId", "text"], ["minutes", "int4"], ["notes", "text"], ["position", "int4"]], items);

  // ── Invitations for every meeting, attendance (with its ledger entry) at the held ones ──
  const platform = (await db.query<{ id: string }>(`SELECT id FROM "TrainingPlatform" WHERE code = 'MONTHLY_MEETING'`)).rows[0]?.id ?? null;
  let invitationCount = 0;
  let attendanceCount = 0;
  for (const m of meetings) {
    const s = series[m.seriesIndex]!;
    const invited = audience(s);
    const invitations = invited.map((p) => [m.id, p.id, now]);
    await insertRows(db, "MeetingInvitation", [["meetingId", "text"], ["userId", "text"], ["createdAt", "timestamptz"]], invitations);
    invitationCount += invitations.length;
    if (!m.closed) continue;
    const present = invited.filter(() => rand() < 0.85);
    const attendances = present.map((p) => [newId(), m.id, p.id, pick(["CODE", "QR", "MANUAL"]), m.startsAt]);
    await insertRows(db, "MeetingAttendance", [["id", "text"], ["meetingId", "text"], ["userId", "text"], ["method", '"CheckInMethod"'], ["createdAt", "timestamptz"]], attendances);
    await insertRows(
      db,
      "TrainingHoursEntry",
      [["id", "text"], ["userId", "text"], ["year", "int4"], ["hours", "numeric"], ["source", '"TrainingHoursSource"'], ["sourceId", "text"], ["platformId", "text"], ["schoolLevel", "bool"], ["title", "text"], ["createdById", "text"], ["createdAt", "timestamptz"]],
      attendances.map((a) => [newId(), a[2], trainingYear(m.startsAt), 2, "MEETING", a[0], platform, true, s.title, a[2], m.startsAt]),
    );
    attendanceCount += attendances.length;
  }

  // A held meeting's counts are fixed when it is closed (closeMeeting): as the service leaves them.
  await db.query(`UPDATE "Meeting" m SET "invitedCount" = (SELECT COUNT(*) FROM "MeetingInvitation" i WHERE i."meetingId" = m.id),
                    "presentCount" = (SELECT COUNT(*) FROM "MeetingAttendance" a WHERE a."meetingId" = m.id) WHERE m.status = 'CLOSED'`);

  // ── 20,000 action items across the held meetings, owned by their invitees, in every state ──
  const held = meetings.filter((m) => m.closed);
  const today = schoolToday(now);
  const actionRows: unknown[][] = [];
  const updates: unknown[][] = [];
  for (let i = 0; i < ACTION_ITEMS; i++) {
    const m = pick(held);
    const s = series[m.seriesIndex]!;
    const owner = pick(audience(s));
    const dueOn = new Date(m.scheduledOn.getTime() + (14 + Math.floor(rand() * 40)) * DAY);
    const recent = now.getTime() - m.startsAt.getTime() < 120 * DAY;
    // Older items are mostly closed; recent ones mostly open (some of them overdue).
    const r = rand();
    const status = recent ? (r < 0.45 ? "OPEN" : r < 0.75 ? "IN_PROGRESS" : r < 0.95 ? "DONE" : "DROPPED") : r < 0.08 ? "IN_PROGRESS" : r < 0.85 ? "DONE" : "DROPPED";
    const closedAt = status === "DONE" || status === "DROPPED" ? new Date(Math.min(now.getTime(), dueOn.getTime() - 2 * DAY)) : null;
    const id = newId();
    actionRows.push([id, s.id, m.id, pick(ACTIONS), owner.id, dueOn.toISOString().slice(0, 10), status, closedAt, s.organiserId, m.startsAt, now]);
    if (status !== "OPEN") updates.push([newId(), id, "OPEN", status, "落实情况说明", null, owner.id, closedAt ?? now]);
  }
  await insertRows(
    db,
    "ActionItem",
    [["id", "text"], ["seriesId", "text"], ["meetingId", "text"], ["title", "text"], ["ownerId", "text"], ["dueOn", "date"], ["status", '"ActionItemStatus"'], ["closedAt", "timestamptz"], ["createdById", "text"], ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"]],
    actionRows,
  );
  await insertRows(
    db,
    "ActionItemUpdate",
    [["id", "text"], ["actionItemId", "text"], ["fromStatus", '"ActionItemStatus"'], ["toStatus", '"ActionItemStatus"'], ["note", "text"], ["meetingId", "text"], ["authorId", "text"], ["createdAt", "timestamptz"]],
    updates,
  );
  // As autovacuum soon would after a bulk load: statistics, and the visibility map index-only scans need.
  await db.query("VACUUM (ANALYZE)");

  const counts = (await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "CounselorProfile") AS counselors, (SELECT count(*) FROM "MeetingSeries") AS series,
            (SELECT count(*) FROM "Meeting") AS meetings, (SELECT count(*) FROM "AgendaItem") AS agenda_items,
            (SELECT count(*) FROM "MeetingInvitation") AS invitations, (SELECT count(*) FROM "MeetingAttendance") AS attendances,
            (SELECT count(*) FROM "ActionItem") AS action_items,
            (SELECT count(*) FROM "ActionItem" WHERE status IN ('OPEN', 'IN_PROGRESS') AND "dueOn" < $1::date) AS overdue`,
    [today],
  )).rows[0]!;
  results.university = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
  results.write_s = ms((performance.now() - written) / 1000);
  if (invitationCount === 0 || attendanceCount === 0) failures.push("nothing written");

  // The people and meetings just written go through the search outbox: let the worker finish
  // indexing them so that it does not run during the measurements.
  step("written; waiting for the search outbox");
  const drainStarted = performance.now();
  for (;;) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "SearchOutbox"`);
    if (Number(rows[0]!.n) === 0) break;
    if (performance.now() - drainStarted > 900_000) throw new Error(`search outbox still has ${rows[0]!.n} rows after 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  results.search_outbox_drain_s = ms((performance.now() - drainStarted) / 1000);

  // Readers: counselors who own action items (most do), and 学工部 for the overview.
  const owners = new Set(actionRows.map((row) => row[4] as string));
  const readers = people.filter((p) => owners.has(p.id)).slice(0, PEOPLE);
  step("signing in");
  const signInStarted = performance.now();
  const cookies = await signInAll(base, [admin.username, ...readers.map((p) => p.username)], PASSWORD);
  results.sign_ins = { count: cookies.size, s: ms((performance.now() - signInStarted) / 1000) };

  const get = async (path: string, cookie: string) => {
    const t0 = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { Cookie: cookie, "Accept-Language": "zh-CN", Accept: "text/html" } });
    const html = await response.text();
    return { took: performance.now() - t0, status: response.status, html };
  };
  const adminCookie = cookies.get(admin.username)!;
  const missing: string[] = [];
  for (const path of ["/meetings/actions", "/meetings/overview"]) {
    const probe = await get(path, path === "/meetings/overview" ? adminCookie : cookies.get(readers[0]!.username)!);
    if (probe.status !== 200) missing.push(`${path} (${probe.status})`);
  }
  results.missing_pages = missing;

  if (missing.length === 0) {
    for (const p of readers.slice(0, 10)) {
      await get("/meetings/actions", cookies.get(p.username)!); // warm-up
      await get("/", cookies.get(p.username)!);
    }
    await get("/meetings/overview", adminCookie);
    step("measuring /meetings/actions, /meetings/overview and /");
    const times: Record<"actions" | "overview" | "home", number[]> = { actions: [], overview: [], home: [] };
    for (let i = 0; i < REQUESTS; i++) {
      const cookie = cookies.get(readers[i % readers.length]!.username)!;
      // Rotate the order, so no page always follows another.
      const pages = [
        ["actions", "/meetings/actions", cookie],
        ["overview", "/meetings/overview", adminCookie],
        ["home", "/", cookie],
      ] as const;
      for (let k = 0; k < pages.length; k++) {
        const [key, path, who] = pages[(i + k) % pages.length]!;
        const { took, status } = await get(path, who);
        if (status !== 200) throw new Error(`${path}: status ${status}`);
        times[key].push(took);
      }
    }
    if (process.env.BENCH_SPLIT) {
      // Where the time goes: the overview's loader alone (Remix's single-fetch data URL), its page, and the home page.
      const split: Record<string, number[]> = { "/meetings/overview.data": [], "/meetings/overview": [], "/": [] };
      for (let i = 0; i < 120; i++) for (const path of Object.keys(split)) split[path]!.push((await get(path, adminCookie)).took);
      results.split_ms = Object.fromEntries(Object.entries(split).map(([path, list]) => [path, summary(list)]));
    }
    const actions = summary(times.actions);
    const overviewPage = summary(times.overview);
    const home = summary(times.home);
    Object.assign(results, {
      actions_ms: actions,
      overview_ms: overviewPage,
      home_ms: home,
      actions_p95_ms: actions.p95,
      overview_p95_ms: overviewPage.p95,
      home_p95_ms: home.p95,
      actions_vs_home: Math.round((actions.p95 / home.p95) * 100) / 100,
      overview_vs_home: Math.round((overviewPage.p95 / home.p95) * 100) / 100,
    });
  } else {
    failures.push(`pages missing: ${missing.join(", ")}`);
    // The services the pages will call, in this process, to find slow queries meanwhile.
    step(`pages missing (${missing.join(", ")}); measuring the services and the home page`);
    Object.assign(process.env, { DATABASE_URL: postgres.url, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SESSION_SECRET: "bench-meetings" });
    const { myActionItems } = await import("~/meetings/action-items.server.ts");
    const { overview } = await import("~/meetings/meetings.server.ts");
    const actors = readers.map((p) => ({ id: p.id, roles: ["COUNSELOR" as const], collegeId: colleges[p.college]!.id }));
    const year = trainingYear(now);
    const times: Record<"actions" | "overview" | "home", number[]> = { actions: [], overview: [], home: [] };
    for (let i = 0; i < REQUESTS; i++) {
      let t0 = performance.now();
      await myActionItems(actors[i % actors.length]!);
      times.actions.push(performance.now() - t0);
      t0 = performance.now();
      await overview({ kind: "school" }, year, now);
      times.overview.push(performance.now() - t0);
      const home = await get("/", cookies.get(readers[i % readers.length]!.username)!);
      times.home.push(home.took);
    }
    Object.assign(results, {
      actions_service_ms: summary(times.actions),
      overview_service_ms: summary(times.overview),
      home_ms: summary(times.home),
      actions_p95_ms: null,
      overview_p95_ms: null,
      home_p95_ms: summary(times.home).p95,
    });
    const { prisma } = await import("~/db/client.server.ts");
    await prisma.$disconnect();
  }
} finally {
  if (app) await app.stop();
  await db.end().catch(() => {});
  await meili.stop();
  await postgres.stop();
  removeDataDir(dir);
  if (app) removeDataDir(app.dataDir);
}
const within = (ratio: unknown) => typeof ratio === "number" && ratio <= TARGET;
results.targets = {
  actions_vs_home_max: TARGET,
  overview_vs_home_max: TARGET,
  actions_within_target: within(results.actions_vs_home),
  overview_within_target: within(results.overview_vs_home),
};
if (results.actions_vs_home !== undefined && !within(results.actions_vs_home)) failures.push(`actions p95 ${results.actions_vs_home}× home`);
if (results.overview_vs_home !== undefined && !within(results.overview_vs_home)) failures.push(`overview p95 ${results.overview_vs_home}× home`);
results.failures = failures;
console.log(JSON.stringify(results));
if (failures.length) {
  console.error(`bench:meetings: ${failures.join("; ")}`);
  process.exit(1);
}
