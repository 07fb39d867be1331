/**
 * npm run bench:studios
 * A large university (50 colleges, 5,000 counselors, 300 studios) in a throwaway database, served
 * by the real server (`npm start` with DATABASE_URL / MEILI_URL pointing at it). Measured over HTTP:
 *  - the 5,000-row roster import (.xlsx upload → check/preview → confirm, one transaction);
 *  - the personnel directory with filters (college, stage, group, duty, title, search), p95;
 *  - studio pages (large and small studios, as leader, member and outsider), p95.
 * The 5,000 counselors are created by the measured roster import itself; colleges and studios
 * (with leaders, backbones, newcomers and directions) are written with SQL before and after it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import ExcelJS from "exceljs";
import pg from "pg";
import { migrate } from "~/db/migrate.server.ts";
import { startEmbeddedMeilisearch } from "~/infra/embedded-meilisearch.server.ts";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { scratchDir } from "../support/scratch-dir.ts";
import { ms, percentile, random } from "./bench-support.ts";

const COLLEGES = 50;
const COUNSELORS = 5_000;
const STUDIOS = 300;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

const DUTIES = ["IDEOLOGY", "PARTY_CLASS", "STUDY_STYLE", "DAILY_AFFAIRS", "MENTAL_HEALTH", "ONLINE_EDUCATION", "CRISIS", "CAREER", "RESEARCH"];
const DUTY_ZH = ["思想理论教育和价值引领", "党团和班级建设", "学风建设", "学生日常事务管理", "心理健康教育与咨询工作", "网络思想政治教育", "校园危机事件应对", "职业规划与就业创业指导", "理论和实践研究"];
const TITLE_ZH = ["未评职称", "助教", "讲师", "讲师", "副教授", "副研究员", "教授"];
const GROUP_ZH = ["全体辅导员", "新入职辅导员", "骨干辅导员", "分管学生工作副书记", "学工管理干部"];
const TAGS = ["朋辈心理互助", "新生适应", "新媒体运营", "就业指导", "党建", "学风建设", "危机干预", "生涯规划", "资助育人", "宿舍文化"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欢阳佳";

const rand = random(2026);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ intent: "signIn", username, password: "Fudao@2026", redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("fudao_session="));
  if (!cookie) throw new Error(`login failed for ${username}: ${response.status}`);
  return cookie.split(";")[0]!;
}

/** GETs the URLs round-robin, one at a time, and returns latency percentiles. */
async function measure(urls: Array<{ url: string; cookie: string; expect?: string }>, total: number) {
  for (const { url, cookie } of urls) await (await fetch(url, { headers: { Cookie: cookie } })).arrayBuffer(); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < total; i++) {
    const { url, cookie, expect } = urls[i % urls.length]!;
    const t0 = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    const html = await response.text();
    latencies.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`${url}: status ${response.status}`);
    if (expect && !html.includes(expect)) throw new Error(`${url}: page lacks “${expect}”`);
  }
  latencies.sort((a, b) => a - b);
  return { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), p99: ms(percentile(latencies, 99)), requests: total };
}

const results: Record<string, unknown> = {
  machine: `${os.cpus()[0]?.model} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  date: new Date().toISOString().slice(0, 10),
};

// Throwaway PostgreSQL and Meilisearch under a scratch directory; the server connects to them as
// external services (it starts neither itself; it applies migrations as always, here already done).
const dir = scratchDir("bench-studios");
const log = () => {};
const [postgres, meili] = await Promise.all([startEmbeddedPostgres({ dataDir: dir, log, database: "bench_studios" }), startEmbeddedMeilisearch({ dataDir: dir, log })]);
const db = new pg.Client({ connectionString: postgres.url });
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  await migrate(postgres.url);
  await db.connect();

  // 1. Fifty more colleges (the demo seed adds its own when the server first starts).
  const collegeNames = Array.from({ length: COLLEGES }, (_, i) => `基准测试第${i + 1}学院`);
  for (const [i, name] of collegeNames.entries()) {
    await db.query(`INSERT INTO "College" (id, code, name) VALUES ($1, $2, $3)`, [crypto.randomUUID(), `B${String(i + 1).padStart(3, "0")}`, name]);
  }

  app = await startApp({
    dataDir: scratchDir("bench-studios-app"),
    env: { DATABASE_URL: postgres.url, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SESSION_SECRET: "bench-studios" },
    timeoutMs: 300_000,
  });
  const base = app.baseUrl;
  const admin = await signIn(base, "admin");

  // 2. The 5,000-row roster import over HTTP, as 学工部 does it: upload → checked preview → confirm.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名单");
  sheet.addRow(["工号", "姓名", "学院", "性别", "出生日期", "辅导员工作起始日期", "职称", "学历", "专长职责", "专长标签", "研究兴趣", "五类群体"]);
  const today = new Date();
  for (let i = 0; i < COUNSELORS; i++) {
    const since = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 30 - Math.floor(rand() * 7300)));
    const birth = new Date(Date.UTC(since.getUTCFullYear() - 24 - Math.floor(rand() * 6), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
    sheet.addRow([
      `B${String(i + 1).padStart(5, "0")}`,
      pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : ""),
      collegeNames[i % COLLEGES],
      rand() < 0.55 ? "女" : "男",
      birth,
      since,
      pick(TITLE_ZH),
      pick(["本科", "硕士研究生", "硕士研究生", "博士研究生"]),
      [pick(DUTY_ZH), pick(DUTY_ZH)].join("、"),
      [pick(TAGS), pick(TAGS)].join("、"),
      rand() < 0.5 ? `${pick(TAGS)}与${pick(TAGS)}的实践研究` : "",
      pick(GROUP_ZH),
    ]);
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  const importStarted = performance.now();
  const upload = new FormData();
  upload.set("intent", "check");
  upload.set("file", new Blob([file], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "全校辅导员名单.xlsx");
  const checked = await fetch(`${base}/people/import`, { method: "POST", body: upload, headers: { Cookie: admin } });
  const previewHtml = await checked.text();
  const token = /name="token" value="([^"]+)"/.exec(previewHtml)?.[1];
  const checkSeconds = (performance.now() - importStarted) / 1000;
  if (checked.status !== 200 || !token) {
    fs.mkdirSync(".tmp", { recursive: true });
    fs.writeFileSync(".tmp/bench-roster-check.html", previewHtml);
    throw new Error(`roster check failed: ${checked.status} (see .tmp/bench-roster-check.html)`);
  }
  const confirmStarted = performance.now();
  const confirmed = await fetch(`${base}/people/import`, {
    method: "POST",
    body: new URLSearchParams({ intent: "confirm", token, initialPassword: "Fudao@2026" }),
    headers: { Cookie: admin },
  });
  const doneHtml = await confirmed.text();
  const importSeconds = (performance.now() - importStarted) / 1000;
  if (confirmed.status !== 200 || !doneHtml.includes(`导入完成：新增 ${COUNSELORS} 人`)) throw new Error(`roster import failed: ${confirmed.status}`);
  results.roster_import_5000_s = { total: ms(importSeconds), check_and_preview: ms(checkSeconds), confirm: ms((performance.now() - confirmStarted) / 1000), file_kb: Math.round(file.length / 1024) };

  // 3. 300 studios: a leader, 3 backbones and 8 newcomers each (from any college), two directions.
  const people = (await db.query<{ id: string }>(`SELECT id FROM "User" WHERE username LIKE 'B%' ORDER BY username`)).rows.map((r) => r.id);
  const studioIds: string[] = [];
  for (let s = 0; s < STUDIOS; s++) {
    const id = crypto.randomUUID();
    studioIds.push(id);
    const duty = DUTIES[s % DUTIES.length]!;
    await db.query(
      `INSERT INTO "Studio" (id, name, duty, level, description, "updatedAt") VALUES ($1, $2, $3::"Duty", $4::"Level", $5, now())`,
      [id, `基准测试工作室${s + 1}`, duty, pick(["COLLEGE", "SCHOOL", "SCHOOL", "PROVINCIAL", "NATIONAL"]), `围绕${DUTY_ZH[s % DUTIES.length]}开展研究与实践。`],
    );
    const members = new Set<string>();
    while (members.size < 12) members.add(people[Math.floor(rand() * people.length)]!);
    const roles = ["LEADER", "BACKBONE", "BACKBONE", "BACKBONE", ...Array(8).fill("NEWCOMER")];
    const values = [...members].map((userId, i) => `('${crypto.randomUUID()}', '${id}', '${userId}', '${roles[i]}'::"StudioRole")`);
    await db.query(`INSERT INTO "StudioMembership" (id, "studioId", "userId", role) VALUES ${values.join(", ")} ON CONFLICT DO NOTHING`);
    for (const d of [1, 2]) {
      await db.query(`INSERT INTO "Direction" (id, "studioId", name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [crypto.randomUUID(), id, `方向${d}：${pick(TAGS)}`]);
    }
  }
  const counts = (await db.query<{ users: string; studios: string; memberships: string; colleges: string }>(
    `SELECT (SELECT count(*) FROM "CounselorProfile") AS users, (SELECT count(*) FROM "Studio") AS studios,
            (SELECT count(*) FROM "StudioMembership") AS memberships, (SELECT count(*) FROM "College") AS colleges`,
  )).rows[0]!;
  results.university = { colleges: Number(counts.colleges), counselors: Number(counts.users), studios: Number(counts.studios), memberships: Number(counts.memberships) };
  await db.query("ANALYZE");

  // 4. The directory with filters, as 学工部 (all 5,000+) and as a college admin's usual views.
  const collegeIds = (await db.query<{ id: string }>(`SELECT id FROM "College" WHERE name LIKE '基准测试%' ORDER BY code`)).rows.map((r) => r.id);
  const filters = [
    "",
    "?stage=NOVICE",
    "?stage=GROWING&title=LECTURER",
    `?collegeId=${collegeIds[7]}`,
    `?collegeId=${collegeIds[12]}&stage=EXPERIENCED`,
    "?group=NEW_HIRES&duty=MENTAL_HEALTH",
    "?duty=CAREER&stage=EXPERT",
    "?q=朋辈心理互助",
    "?q=王&stage=GROWING",
    "?title=PROFESSOR&page=3",
    "?page=40",
  ];
  results.directory_filters_ms = await measure(filters.map((f) => ({ url: `${base}/people${f}`, cookie: admin })), REQUESTS);

  // 5. Studio pages: as the leader, a backbone, an outsider counselor and 学工部.
  const sample = (await db.query<{ studioId: string; username: string; role: string }>(
    `SELECT m."studioId", u.username, m.role FROM "StudioMembership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."studioId" = ANY($1) AND m.role IN ('LEADER', 'BACKBONE') ORDER BY u.username LIMIT 6`,
    [studioIds],
  )).rows;
  const outsider = (await db.query<{ username: string }>(
    `SELECT username FROM "User" u WHERE username LIKE 'B%' AND NOT EXISTS (SELECT 1 FROM "StudioMembership" m WHERE m."userId" = u.id) ORDER BY username LIMIT 1`,
  )).rows[0]!.username;
  const cookies = new Map<string, string>([["admin", admin]]);
  for (const username of [...sample.map((s) => s.username), outsider]) cookies.set(username, await signIn(base, username));
  const studioUrls = [
    ...sample.map((s) => ({ url: `${base}/studios/${s.studioId}`, cookie: cookies.get(s.username)! })),
    ...sample.slice(0, 3).map((s) => ({ url: `${base}/studios/${s.studioId}`, cookie: cookies.get(outsider)! })),
    ...sample.slice(3, 6).map((s) => ({ url: `${base}/studios/${s.studioId}`, cookie: admin })),
  ];
  results.studio_page_ms = await measure(studioUrls, REQUESTS);
  // The demo studio with its projects, outputs, documents and activities, as its leader.
  const demo = (await db.query<{ id: string }>(`SELECT id FROM "Studio" WHERE name = '“心晴”心理健康教育辅导员工作室'`)).rows[0]!;
  results.demo_studio_page_ms = await measure([{ url: `${base}/studios/${demo.id}`, cookie: await signIn(base, "leader"), expect: "心晴" }], REQUESTS / 2);
  results.studio_list_ms = await measure([{ url: `${base}/studios`, cookie: cookies.get(outsider)! }, { url: `${base}/studios?duty=CAREER&page=2`, cookie: admin }], REQUESTS / 4);

  results.targets = { directory_filters_p95_ms: 100, roster_import_5000_s: 10, studio_page_p95_ms: 50 };
} finally {
  if (app) await app.stop();
  await db.end().catch(() => {});
  await meili.stop();
  await postgres.stop();
  removeDataDir(dir);
  if (app) removeDataDir(app.dataDir);
}
fs.mkdirSync(".tmp", { recursive: true });
console.log(JSON.stringify(results));
