import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignRoundJudges } from "~/camp/judged/assignment.server.ts";
import { BOARD_CHANGED, BOARD_WATCH } from "~/camp/judged/board-events.ts";
import { prisma } from "~/db/client.server.ts";
import { ADAPTER_LISTEN_APPLICATION } from "~/realtime/instances-adapter.server.ts";
import { launchApp, type FailedStart } from "../support/app-server.ts";
import { query } from "../support/databases.ts";
import { buildJudgedRound, buildUser, TEST_PASSWORD } from "../support/factories.ts";
import { signInOverHttp } from "../support/http-session.ts";
import { startInstances, type Instances } from "../support/instances.ts";

/**
 * Issue 21, items 1, 2 and 5: three real app instances in multi-instance mode on one PostgreSQL
 * database (this file's own, so the factories can set things up), one Meilisearch, one session
 * secret and one data directory. Real HTTP requests and real socket.io clients, each to a chosen
 * instance, as a load balancer without sticky sessions would send them.
 */
let cluster: Instances;
const sockets: Socket[] = [];

beforeAll(async () => {
  cluster = await startInstances(3, { databaseUrl: process.env.DATABASE_URL! });
}, 400_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await cluster?.stop();
}, 120_000);

const url = (index: number) => cluster.instances[index]!.baseUrl;

/** A browser tab's notification socket on instance `index`, connected. */
async function openSocket(index: number, cookie: string): Promise<Socket> {
  const socket = connect(url(index), { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("session", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function next<T = unknown>(socket: Socket, event: string, withinMs = 5_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${withinMs} ms`)), withinMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

async function post(index: number, path: string, cookie: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${url(index)}${path}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form), redirect: "manual" });
}

/** A judged round with one sheet; its board watched on one instance, the sheet submitted on another. */
async function expectBoardUpdate({ watchOn, submitOn }: { watchOn: number; submitOn: number }) {
  const organiser = await buildUser();
  const judge = await buildUser({ roles: ["MENTOR"], college: null });
  const contestant = await buildUser();
  const round = await buildJudgedRound({ organisers: [organiser], contestants: [contestant], judges: [judge], judgesPerContestant: 1 });
  await assignRoundJudges(round.roundId, organiser.id);
  const sheet = await prisma.judgeAssignment.findUniqueOrThrow({ where: { entryId_judgeId: { entryId: round.entryIds[0]!, judgeId: round.judgeIds[0]! } }, select: { id: true } });

  const board = await openSocket(watchOn, await signInOverHttp(url(watchOn), organiser.username, TEST_PASSWORD));
  expect(await board.emitWithAck(BOARD_WATCH, { campId: round.campId, roundId: round.roundId })).toEqual({ ok: true });
  const changed = next(board, BOARD_CHANGED);

  const judgeCookie = await signInOverHttp(url(submitOn), judge.username, TEST_PASSWORD);
  const scores = Object.fromEntries(round.criteria.map((criterion) => [`scores.${criterion.id}`, String(criterion.weight)]));
  const response = await post(submitOn, `/camp/judging/${sheet.id}`, judgeCookie, { intent: "submit", confirmed: "yes", comment: "", ...scores });
  expect(response.status).toBeLessThan(400);
  expect((await prisma.judgeAssignment.findUniqueOrThrow({ where: { id: sheet.id } })).submittedAt).not.toBeNull();
  expect(await changed).toEqual({ roundId: round.roundId, assignmentId: sheet.id });
}

describe("several instances on one database", () => {
  it("all three run in multi-instance mode on one shared data directory", () => {
    expect(cluster.instances).toHaveLength(3);
    for (const app of cluster.instances) {
      expect(app.dataDir).toBe(cluster.dataDir);
      expect(app.output()).toMatch(/多实例模式；数据库：外部 PostgreSQL/);
    }
  });

  it("delivers a notification raised by an action on A to the recipient's socket on C (and on A)", async () => {
    const studio = await prisma.studio.findFirstOrThrow({ where: { name: { contains: "心晴" } }, select: { id: true } });
    const leaderOnC = await openSocket(2, await signInOverHttp(url(2), "leader"));
    const leaderOnA = await openSocket(0, await signInOverHttp(url(0), "leader"));
    const arrivedOnC = next(leaderOnC, "notification");
    const arrivedOnA = next(leaderOnA, "notification");

    const applicant = await signInOverHttp(url(0), "counselor");
    const response = await post(0, `/studios/${studio.id}/apply`, applicant, { intent: "apply", motivation: "希望在工作室里学习谈心谈话的方法。" });
    expect(response.status, await response.clone().text()).toBe(302);

    expect(await arrivedOnC).toEqual({ unread: true });
    expect(await arrivedOnA).toEqual({ unread: true });
    const leader = await prisma.user.findUniqueOrThrow({ where: { username: "leader" }, select: { id: true } });
    expect(await prisma.notification.count({ where: { userId: leader.id, type: "studios.notices.joinRequested" } })).toBeGreaterThan(0);
  });

  it("serves a session signed in on A on B and C, on any request", async () => {
    const cookie = await signInOverHttp(url(0), "backbone");
    for (const index of [1, 2, 0, 2, 1]) {
      const response = await fetch(`${url(index)}/notifications`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(response.status, `instance ${index}`).toBe(200);
    }
    // A socket on C with the cookie B never saw is admitted too.
    await openSocket(2, cookie);
    // Long polling (whose requests a load balancer could spread over instances) is refused at once.
    const polling = connect(url(1), { transports: ["polling"], extraHeaders: { Cookie: cookie }, reconnection: false });
    sockets.push(polling);
    await next<Error>(polling, "connect_error");
    expect(polling.connected).toBe(false);
  });

  it("ends the session's sockets on every instance when it signs out on A", async () => {
    const cookie = await signInOverHttp(url(0), "mentor");
    const [onB, onC] = [await openSocket(1, cookie), await openSocket(2, cookie)];
    const endedOnB = next(onB, "session-ended", 3_000);
    const endedOnC = next(onC, "session-ended", 3_000);
    const closedOnC = next<string>(onC, "disconnect", 3_000);

    expect((await post(0, "/logout", cookie, {})).status).toBe(302);

    await Promise.all([endedOnB, endedOnC]);
    expect(await closedOnC).toBe("io server disconnect");
    // And the cookie opens nothing on any instance any more.
    const refused = connect(url(1), { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
    sockets.push(refused);
    expect((await next<Error>(refused, "connect_error")).message).toBe("UNAUTHENTICATED");
  });

  it("updates the live board watched on C when a judge submits a sheet on B", async () => {
    await expectBoardUpdate({ watchOn: 2, submitOn: 1 });
  });

  it("counts failed logins across instances: the sixth try on any instance is refused", async () => {
    const user = await buildUser();
    // Five wrong passwords spread over the three instances (two at most on any one of them).
    for (const index of [0, 1, 2, 0, 1]) {
      const response = await post(index, "/login", "", { intent: "signIn", username: user.username, password: "wrong-password-1", redirectTo: "/" });
      expect(response.status, `try on instance ${index}`).toBe(401);
    }
    // Then even the right password is refused, on the instance that saw only one failure.
    const refused = await post(2, "/login", "", { intent: "signIn", username: user.username, password: TEST_PASSWORD, redirectTo: "/" });
    expect(refused.status).toBe(429);
    expect(refused.headers.getSetCookie().some((cookie) => cookie.startsWith("fudao_session="))).toBe(false);
  });

  it("keeps delivering after the adapters' database connections are cut, and after kill -9 of one instance", async () => {
    const listening = async () =>
      (await query<{ n: number }>(cluster.databaseUrl, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [ADAPTER_LISTEN_APPLICATION]))[0]!.n;
    expect(await listening()).toBe(3);
    // More cuts than the adapter's pool has connections: a connection not given back would show here.
    for (let cut = 0; cut < 3; cut++) {
      await query(cluster.databaseUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'fudao-socketio-%' AND datname = current_database()`);
      const deadline = Date.now() + 15_000;
      while ((await listening()) < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await listening()).toBe(3);
    }

    await cluster.kill(1);
    await expectBoardUpdate({ watchOn: 2, submitOn: 0 });
  });
});

describe("multi-instance mode refuses to start without the shared services", () => {
  it("says in one line what is missing, before touching anything", async () => {
    const outcome = (await launchApp({ env: { FUDAO_INSTANCES: "multi", MEILI_URL: "http://127.0.0.1:9" }, timeoutMs: 60_000 })) as FailedStart;
    expect("baseUrl" in outcome).toBe(false);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain("多实例模式（FUDAO_INSTANCES=multi）下各实例必须共用同一个数据库、搜索引擎和会话密钥：请设置 DATABASE_URL、SESSION_SECRET。");
    expect(outcome.output).not.toMatch(/^\s+at /m);
  });
});
