import { beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import { readMatchingSettings } from "~/mentors/matching-settings.server.ts";
import ExcelJS from "exceljs";
import * as boardRoute from "~/routes/admin_.matching._index.tsx";
import * as candidatesRoute from "~/routes/admin_.matching.directions.$directionId.tsx";
import * as settingsRoute from "~/routes/admin_.matching.settings.tsx";
import * as mentoringRoute from "~/routes/mentoring.tsx";
import * as profileRoute from "~/routes/mentors.$mentorId.tsx";
import * as editRoute from "~/routes/mentors.$mentorId_.edit.tsx";
import * as poolRoute from "~/routes/mentors._index.tsx";
import * as importRoute from "~/routes/mentors.import.tsx";
import * as newRoute from "~/routes/mentors.new.tsx";
import * as preferencesRoute from "~/routes/studios.$studioId.mentor-preferences.tsx";
import { assignMentor, buildCast, buildMentor, buildStudio, type BuiltMentor } from "../../tests/support/factories.ts";

/**
 * The routes as the seven kinds of people reach them, signed in with real sessions, around a
 * studio of the test's own: who gets the page, who gets 403, and that a refused change writes nothing.
 */
type Who = "admin" | "collegeAdmin" | "leader" | "backbone" | "newcomer" | "mentor" | "outsider";
const WHO: Who[] = ["admin", "collegeAdmin", "leader", "backbone", "newcomer", "mentor", "outsider"];

const cookies = {} as Record<Who, string>;
const userIds = {} as Record<Who, string>;
let studioId: string;
let ownMentorId: string;
let otherMentorId: string;
/** An external mentor of the pool who guides none of these people's studios. */
let other: BuiltMentor;

async function signIn(userId: string) {
  const response = await createUserSession(new Request("http://localhost/login"), userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

beforeAll(async () => {
  // The mentor guides the studio's first direction; the outsider is a counselor of no studio.
  const cast = await buildCast();
  studioId = cast.studio.id;
  for (const who of WHO) {
    userIds[who] = cast[who].id;
    cookies[who] = await signIn(cast[who].id);
  }
  ownMentorId = cast.studio.mentors[0]!.id;
  other = await buildMentor({ kind: "EXTERNAL" });
  otherMentorId = other.id;
});

function request(who: Who, path: string, form?: Record<string, string>) {
  const headers = new Headers({ Cookie: cookies[who], "Accept-Language": "zh-CN" });
  if (!form) return new Request(`http://localhost${path}`, { headers });
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(form).toString() });
}

interface Outcome {
  status: number;
  body: unknown;
}

/** Calls a loader or action like Remix does and reports the HTTP status it would answer with. */
async function call(fn: (args: never) => unknown, req: Request, params: Record<string, string> = {}): Promise<Outcome> {
  try {
    const result = (await fn({ request: req, params, context: {} } as never)) as unknown;
    if (result instanceof Response) return { status: result.status, body: null };
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const { init, data } = result as { init?: { status?: number } | null; data: unknown };
      return { status: init?.status ?? 200, body: data };
    }
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null };
    throw thrown;
  }
}

async function statuses(fn: (args: never) => unknown, path: string, params: Record<string, string> = {}, form?: Record<string, string>) {
  const out = {} as Record<Who, number>;
  for (const who of WHO) out[who] = (await call(fn, request(who, path, form), params)).status;
  return out;
}

/** The per-field errors of a refused form (the reply's Conform result), already in Chinese. */
const fieldErrors = (outcome: Outcome) => (outcome.body as { form: { error: Record<string, string[]> } }).form.error;

const only = (allowed: Who[], yes = 200, no = 403) => Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? yes : no]));

describe("pages by role", () => {
  it("the pool and every profile are open to all signed-in staff; contact details are not", async () => {
    expect(await statuses(poolRoute.loader, "/mentors")).toEqual(only(WHO));
    expect(await statuses(profileRoute.loader, `/mentors/${ownMentorId}`, { mentorId: ownMentorId })).toEqual(only(WHO));
    const seen = {} as Record<Who, boolean>;
    for (const who of WHO) {
      const { body } = await call(profileRoute.loader, request(who, `/mentors/${otherMentorId}`), { mentorId: otherMentorId });
      seen[who] = (body as { abilities: Record<string, boolean> }).abilities["mentor:view-contact"]!;
    }
    // The other mentor guides none of these people's studios: only 学工部 sees how to reach them.
    for (const who of WHO) expect(seen[who], who).toBe(who === "admin");
    // The studio's own mentor is reachable by its team.
    for (const who of WHO) {
      const { body } = await call(profileRoute.loader, request(who, `/mentors/${ownMentorId}`), { mentorId: ownMentorId });
      expect((body as { abilities: Record<string, boolean> }).abilities["mentor:view-contact"], who).toBe(["admin", "leader", "backbone", "newcomer", "mentor"].includes(who));
    }
  });

  it("an unknown mentor is 404, not an error", async () => {
    expect((await call(profileRoute.loader, request("admin", "/mentors/nope"), { mentorId: "nope" })).status).toBe(404);
  });

  it("curation pages (add, import) and the matching board and its weights are 学工部's only", async () => {
    expect(await statuses(newRoute.loader, "/mentors/new")).toEqual(only(["admin"]));
    expect(await statuses(importRoute.loader, "/mentors/import")).toEqual(only(["admin"]));
    expect(await statuses(boardRoute.loader, "/admin/matching")).toEqual(only(["admin"]));
    expect(await statuses(settingsRoute.loader, "/admin/matching/settings")).toEqual(only(["admin"]));
  });

  it("a profile is edited by the mentor and 学工部 only", async () => {
    expect(await statuses(editRoute.loader, `/mentors/${ownMentorId}/edit`, { mentorId: ownMentorId })).toEqual(only(["admin", "mentor"]));
  });

  it("我的指导 is the mentors' page", async () => {
    expect(await statuses(mentoringRoute.loader, "/mentoring")).toEqual(only(["mentor"]));
  });

  it("a studio's preferred mentors are for its leader and 学工部; an unknown studio is 404", async () => {
    expect(await statuses(preferencesRoute.loader, `/studios/${studioId}/mentor-preferences`, { studioId })).toEqual(only(["admin", "leader"]));
    expect((await call(preferencesRoute.loader, request("admin", "/studios/nope/mentor-preferences"), { studioId: "nope" })).status).toBe(404);
  });
});

describe("refused changes write nothing", () => {
  it("only 学工部 runs the matching", async () => {
    const runs = await prisma.matchingRun.count();
    const result = await statuses(boardRoute.action, "/admin/matching", {}, { intent: "run" });
    expect(result).toEqual(only(["admin"]));
    // The admin's run is the only one recorded.
    expect(await prisma.matchingRun.count()).toBe(runs + 1);
  });

  it("only the leader and 学工部 add a preferred mentor", async () => {
    const before = await prisma.mentorPreference.count({ where: { studioId } });
    const denied: Who[] = ["collegeAdmin", "backbone", "newcomer", "mentor", "outsider"];
    for (const who of denied) {
      const { status } = await call(preferencesRoute.action, request(who, `/studios/${studioId}/mentor-preferences`, { intent: "add", mentorId: otherMentorId }), { studioId });
      expect(status, who).toBe(403);
    }
    expect(await prisma.mentorPreference.count({ where: { studioId } })).toBe(before);
    const ok = await call(preferencesRoute.action, request("leader", `/studios/${studioId}/mentor-preferences`, { intent: "add", mentorId: otherMentorId }), { studioId });
    expect(ok.status).toBe(200);
    expect(await prisma.mentorPreference.count({ where: { studioId } })).toBe(before + 1);
    // Twice is a clear error in Chinese, not a crash.
    const again = await call(preferencesRoute.action, request("leader", `/studios/${studioId}/mentor-preferences`, { intent: "add", mentorId: otherMentorId }), { studioId });
    expect(again.status).toBe(409);
    expect((again.body as { error: string }).error).toContain(other.user.name);
    expect(await prisma.mentorPreference.count({ where: { studioId } })).toBe(before + 1);
  });

  it("only 学工部 changes availability or removes a mentor from the pool", async () => {
    const denied = WHO.filter((w) => w !== "admin");
    for (const who of denied) {
      const { status } = await call(profileRoute.action, request(who, `/mentors/${otherMentorId}`, { intent: "availability", available: "no" }), { mentorId: otherMentorId });
      expect(status, who).toBe(403);
    }
    expect((await prisma.mentor.findUniqueOrThrow({ where: { id: otherMentorId } })).available).toBe(true);
  });

  it("only the invited mentor answers an invitation — 学工部 and the other six cannot", async () => {
    // An invitation to another studio's direction, as a published matching leaves it.
    const elsewhere = await buildStudio();
    const invitation = await assignMentor({ id: ownMentorId }, elsewhere.directions[0]!.id, "INVITED");
    for (const who of WHO.filter((w) => w !== "mentor")) {
      const { status } = await call(mentoringRoute.action, request(who, "/mentoring", { intent: "accept", assignmentId: invitation.id }), {});
      expect(status, who).toBe(403);
    }
    expect((await prisma.mentorAssignment.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("INVITED");
    // The external mentor is a mentor too, but not this invitation's.
    const external = await signIn(other.user.id);
    const foreign = await call(
      mentoringRoute.action,
      new Request("http://localhost/mentoring", { method: "POST", headers: { Cookie: external, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ intent: "accept", assignmentId: invitation.id }).toString() }),
    );
    expect(foreign.status).toBe(403);
    const ok = await call(mentoringRoute.action, request("mentor", "/mentoring", { intent: "accept", assignmentId: invitation.id }));
    expect(ok.status).toBe(200);
    expect((await prisma.mentorAssignment.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe("ACCEPTED");
  });
});

describe("a mentor keeps their own profile", () => {
  const form = { intent: "save", organisation: "教育学院心理学系", title: "教授", rank: "SENIOR", primaryDuty: "MENTAL_HEALTH", otherDuties: "RESEARCH", keywords: "朋辈心理互助、团体心理辅导", capacity: "4", available: "on", bio: "新的简介" };

  it("only the mentor and 学工部 save it; the other five get 403 and nothing changes", async () => {
    const before = await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } });
    for (const who of WHO.filter((w) => w !== "admin" && w !== "mentor")) {
      const { status } = await call(editRoute.action, request(who, `/mentors/${ownMentorId}/edit`, form), { mentorId: ownMentorId });
      expect(status, who).toBe(403);
    }
    expect((await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } })).bio).toBe(before.bio);
    const saved = await call(editRoute.action, request("mentor", `/mentors/${ownMentorId}/edit`, form), { mentorId: ownMentorId });
    expect(saved.status).toBe(302);
    expect(await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } })).toMatchObject({ bio: "新的简介", capacity: 4, expertiseDuties: ["MENTAL_HEALTH", "RESEARCH"] });
    // The mentor cannot edit someone else's profile.
    const foreign = await call(editRoute.action, request("mentor", `/mentors/${otherMentorId}/edit`, form), { mentorId: otherMentorId });
    expect(foreign.status).toBe(403);
  });

  it("bad values come back per field in Chinese, and nothing is saved", async () => {
    const before = await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } });
    const result = await call(editRoute.action, request("mentor", `/mentors/${ownMentorId}/edit`, { ...form, capacity: "0", primaryDuty: "COOKING", bio: "x".repeat(1001) }), { mentorId: ownMentorId });
    expect(result.status).toBe(400);
    const errors = (result.body as { form: { error: Record<string, string[]> } }).form.error;
    expect(Object.keys(errors).sort()).toEqual(["bio", "capacity", "primaryDuty"]);
    for (const messages of Object.values(errors)) expect(messages.join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } })).toMatchObject({ capacity: before.capacity, bio: before.bio });
  });
});

describe("bad input", () => {
  it("unknown intents are a 400; malformed ids a 400 with a Chinese message", async () => {
    const board = await call(boardRoute.action, request("admin", "/admin/matching", { intent: "explode" }));
    expect(board.status).toBe(400);
    const respond = await call(mentoringRoute.action, request("mentor", "/mentoring", { intent: "maybe", assignmentId: "x" }));
    expect(respond.status).toBe(400);
    const lock = await call(boardRoute.action, request("admin", "/admin/matching", { intent: "lock", assignmentId: "" }));
    expect(lock.status).toBe(400);
    expect(fieldErrors(lock).assignmentId).toEqual(["请求无效，请刷新页面后重试。"]);
  });

  it("a direction target outside 1–3 is refused with the reason and nothing changes", async () => {
    const direction = await prisma.direction.findFirstOrThrow({ where: { studioId } });
    const result = await call(preferencesRoute.action, request("leader", `/studios/${studioId}/mentor-preferences`, { intent: "targets", directionId: direction.id, internal: "4", external: "1" }), { studioId });
    expect(result.status).toBe(400);
    expect(fieldErrors(result)).toEqual({ internal: ["请填写 1–3 之间的整数。"] });
    const after = await prisma.direction.findUniqueOrThrow({ where: { id: direction.id } });
    expect([after.internalMentorTarget, after.externalMentorTarget]).toEqual([direction.internalMentorTarget, direction.externalMentorTarget]);
  });

  it("a decline note longer than 500 characters is refused", async () => {
    const result = await call(mentoringRoute.action, request("mentor", "/mentoring", { intent: "decline", assignmentId: "c".repeat(25), note: "很".repeat(501) }));
    expect(result.status).toBe(400);
    expect(fieldErrors(result).note).toEqual(["内容过长。"]);
  });
});

/** A refusal or question of the one reply shape (app/lib/action-reply.ts). */
interface Reply {
  status: "success" | "error" | "confirm";
  notice?: string;
  error?: string;
  confirm?: { message: string; confirmLabel: string; fields: Array<[string, string]> };
  data?: unknown;
}
const replyOf = (outcome: Outcome) => outcome.body as Reply;

describe("destructive changes ask first; nothing changes until confirmed=yes", () => {
  /** Posts without confirmation (the question comes back, nothing changed), then with it. */
  async function asksFirst(options: {
    action: (args: never) => unknown;
    who?: Who;
    path: string;
    params?: Record<string, string>;
    form: Record<string, string>;
    question: RegExp;
    state: () => Promise<unknown>;
  }) {
    const { action, who = "admin", path, params = {}, form, question, state } = options;
    const before = await state();
    const asked = await call(action, request(who, path, form), params);
    expect(asked.status).toBe(200);
    expect(replyOf(asked).status).toBe("confirm");
    expect(replyOf(asked).confirm?.message).toMatch(question);
    // The question carries the fields to post again.
    expect(replyOf(asked).confirm?.fields).toEqual(expect.arrayContaining(Object.entries(form)));
    expect(await state()).toEqual(before);
    const done = await call(action, request(who, path, { ...form, confirmed: "yes" }), params);
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(400);
    expect(await state()).not.toEqual(before);
  }

  /** A proposal (or another pair) of a studio of its own, for the board's buttons. */
  async function pairOf(status: "PROPOSED" | "ACCEPTED", locked = false) {
    const studio = await buildStudio();
    const mentor = await buildMentor({ kind: "EXTERNAL" });
    const pair = await assignMentor(mentor, studio.directions[0]!.id, status);
    if (locked) await prisma.mentorAssignment.update({ where: { id: pair.id }, data: { locked: true } });
    return { pair, mentor, direction: studio.directions[0]! };
  }
  const pairState = (id: string) => () => prisma.mentorAssignment.findUnique({ where: { id }, select: { status: true, locked: true } });

  it("removing a mentor from the pool (profile page)", async () => {
    const mentor = await buildMentor({ kind: "EXTERNAL" });
    await asksFirst({
      action: profileRoute.action,
      path: `/mentors/${mentor.id}`,
      params: { mentorId: mentor.id },
      form: { intent: "remove" },
      question: new RegExp(mentor.user.name),
      state: () => prisma.mentor.count({ where: { id: mentor.id } }),
    });
  });

  it("the board's unlock, exclude, remove and release", async () => {
    for (const [intent, status, locked] of [
      ["unlock", "PROPOSED", true],
      ["exclude", "PROPOSED", false],
      ["remove", "PROPOSED", false],
      ["release", "ACCEPTED", false],
    ] as const) {
      const { pair, mentor } = await pairOf(status, locked);
      await asksFirst({ action: boardRoute.action, path: "/admin/matching", form: { intent, assignmentId: pair.id }, question: new RegExp(mentor.user.name), state: pairState(pair.id) });
    }
  });

  it("publishing asks first with the number of invitations", async () => {
    await pairOf("PROPOSED");
    const invited = () => prisma.mentorAssignment.count({ where: { status: "INVITED" } });
    const before = await invited();
    const asked = await call(boardRoute.action, request("admin", "/admin/matching", { intent: "publish" }));
    expect(replyOf(asked)).toMatchObject({ status: "confirm", confirm: { message: expect.stringMatching(/位导师将收到邀请/) } });
    expect(await invited()).toBe(before);
  });

  it("excluding a candidate of a slot", async () => {
    const { mentor, direction } = await pairOf("PROPOSED");
    await asksFirst({
      action: candidatesRoute.action,
      path: `/admin/matching/directions/${direction.id}`,
      params: { directionId: direction.id },
      form: { intent: "exclude", mentorId: mentor.id },
      question: new RegExp(`${mentor.user.name}.*${direction.name}`),
      state: () => prisma.mentorAssignment.findMany({ where: { directionId: direction.id, mentorId: mentor.id }, select: { status: true } }),
    });
  });

  it("removing one of the studio's preferred mentors", async () => {
    const mentor = await buildMentor({ kind: "EXTERNAL" });
    const add = await call(preferencesRoute.action, request("leader", `/studios/${studioId}/mentor-preferences`, { intent: "add", mentorId: mentor.id }), { studioId });
    expect(replyOf(add)).toMatchObject({ status: "success", notice: "已加入意向导师。" });
    const preference = await prisma.mentorPreference.findUniqueOrThrow({ where: { studioId_mentorId: { studioId, mentorId: mentor.id } } });
    await asksFirst({
      action: preferencesRoute.action,
      who: "leader",
      path: `/studios/${studioId}/mentor-preferences`,
      params: { studioId },
      form: { intent: "remove", preferenceId: preference.id },
      question: new RegExp(mentor.user.name),
      state: () => prisma.mentorPreference.count({ where: { id: preference.id } }),
    });
  });
});

describe("each page's changes: who may, and bad input in Chinese", () => {
  it("the pool's availability switch is 学工部's; a row without its mentor is a 400", async () => {
    const mentor = await buildMentor({ kind: "EXTERNAL" });
    for (const who of WHO.filter((w) => w !== "admin")) {
      expect((await call(poolRoute.action, request(who, "/mentors", { intent: "availability", mentorId: mentor.id, available: "no" }))).status, who).toBe(403);
    }
    expect((await prisma.mentor.findUniqueOrThrow({ where: { id: mentor.id } })).available).toBe(true);
    const bad = await call(poolRoute.action, request("admin", "/mentors", { intent: "availability", available: "no" }));
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad).mentorId).toEqual(["请求无效，请刷新页面后重试。"]);
    const ok = await call(poolRoute.action, request("admin", "/mentors", { intent: "availability", mentorId: mentor.id, available: "no" }));
    expect(replyOf(ok).notice).toContain(mentor.user.name);
    expect((await prisma.mentor.findUniqueOrThrow({ where: { id: mentor.id } })).available).toBe(false);
  });

  it("adding a mentor is 学工部's; an external one without a name is told per field", async () => {
    const form = { intent: "create", kind: "EXTERNAL", username: "route_ext_mentor", name: "", organisation: "", rank: "SENIOR", primaryDuty: "IDEOLOGY", capacity: "2" };
    for (const who of WHO.filter((w) => w !== "admin")) expect((await call(newRoute.action, request(who, "/mentors/new", { ...form, name: "某导师", organisation: "某单位" }))).status, who).toBe(403);
    const bad = await call(newRoute.action, request("admin", "/mentors/new", form));
    expect(bad.status).toBe(400);
    expect(Object.values(fieldErrors(bad)).flat().join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await prisma.user.count({ where: { username: "route_ext_mentor" } })).toBe(0);
  });

  it("the matching weights are 学工部's; all-zero weights are refused on the field", async () => {
    const before = await readMatchingSettings();
    const zero = { intent: "save", duty: "0", keywords: "0", seniority: "0", preference: "0", load: "0" };
    for (const who of WHO.filter((w) => w !== "admin")) expect((await call(settingsRoute.action, request(who, "/admin/matching/settings", { ...zero, duty: "5" }))).status, who).toBe(403);
    const bad = await call(settingsRoute.action, request("admin", "/admin/matching/settings", zero));
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad).duty?.join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await readMatchingSettings()).toEqual(before);
  });

  it("a slot's candidates are 学工部's to change; a target of 0 is refused on the field", async () => {
    const studio = await buildStudio();
    const direction = await prisma.direction.findUniqueOrThrow({ where: { id: studio.directions[0]!.id } });
    const path = `/admin/matching/directions/${direction.id}`;
    const form = { intent: "targets", directionId: direction.id, internal: "2", external: "2" };
    for (const who of WHO.filter((w) => w !== "admin")) expect((await call(candidatesRoute.action, request(who, path, form), { directionId: direction.id })).status, who).toBe(403);
    const bad = await call(candidatesRoute.action, request("admin", path, { ...form, external: "0" }), { directionId: direction.id });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)).toEqual({ external: ["请填写 1–3 之间的整数。"] });
    expect(await prisma.direction.findUniqueOrThrow({ where: { id: direction.id } })).toMatchObject({ internalMentorTarget: direction.internalMentorTarget, externalMentorTarget: direction.externalMentorTarget });
    const saved = await call(candidatesRoute.action, request("admin", path, form), { directionId: direction.id });
    expect(replyOf(saved)).toMatchObject({ status: "success", notice: "已更新导师人数目标。" });
  });

  it("the studio's preferences: adding without choosing a mentor is told on the field; moving is the leader's", async () => {
    const path = `/studios/${studioId}/mentor-preferences`;
    const bad = await call(preferencesRoute.action, request("leader", path, { intent: "add", mentorId: "" }), { studioId });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad).mentorId).toEqual(["请选择导师。"]);
    const [first, second] = [await buildMentor({ kind: "EXTERNAL" }), await buildMentor({ kind: "EXTERNAL" })];
    for (const mentor of [first, second]) await call(preferencesRoute.action, request("leader", path, { intent: "add", mentorId: mentor.id }), { studioId });
    const row = await prisma.mentorPreference.findUniqueOrThrow({ where: { studioId_mentorId: { studioId, mentorId: second.id } } });
    for (const who of ["backbone", "newcomer", "mentor", "outsider", "collegeAdmin"] as const) {
      expect((await call(preferencesRoute.action, request(who, path, { intent: "up", preferenceId: row.id }), { studioId })).status, who).toBe(403);
    }
    expect((await prisma.mentorPreference.findUniqueOrThrow({ where: { id: row.id } })).rank).toBe(row.rank);
    const moved = await call(preferencesRoute.action, request("leader", path, { intent: "up", preferenceId: row.id }), { studioId });
    expect(replyOf(moved)).toMatchObject({ status: "success", notice: "已调整顺序。" });
    expect((await prisma.mentorPreference.findUniqueOrThrow({ where: { id: row.id } })).rank).toBe(row.rank - 1);
    // Another studio's preference is not this page's to move.
    const elsewhere = await call(preferencesRoute.action, request("leader", path, { intent: "down", preferenceId: "not-a-preference" }), { studioId });
    expect(elsewhere.status).toBe(404);
  });
});

describe("importing mentors from Excel through the page", () => {
  function upload(who: Who, body: FormData) {
    return new Request("http://localhost/mentors/import", { method: "POST", headers: { Cookie: cookies[who], "Accept-Language": "zh-CN" }, body });
  }
  async function workbookFile(rows: string[][]) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("导师");
    for (const row of rows) sheet.addRow(row);
    return new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "导师.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  }
  const HEADER = ["类型", "工号/账号", "姓名", "单位", "主要职责"];

  it("checks the upload, then imports the checked rows; only 学工部 may", async () => {
    const file = await workbookFile([HEADER, ["校外", "route_import_ext", "导入导师", "省辅导员研修基地", "学风建设"]]);
    const form = () => {
      const body = new FormData();
      body.set("intent", "check");
      body.set("file", file);
      return body;
    };
    for (const who of WHO.filter((w) => w !== "admin")) expect((await call(importRoute.action, upload(who, form()))).status, who).toBe(403);
    const checked = await call(importRoute.action, upload("admin", form()));
    expect(checked.status).toBe(200);
    const report = replyOf(checked).data as { ok: boolean; raw: string; created: number };
    expect(report).toMatchObject({ ok: true, created: 1 });
    expect(await prisma.user.count({ where: { username: "route_import_ext" } })).toBe(0);

    const imported = await call(importRoute.action, request("admin", "/mentors/import", { intent: "import", rows: report.raw }));
    expect(replyOf(imported)).toMatchObject({ status: "success", notice: "导入完成：新增 1 位，更新 0 位。" });
    expect((replyOf(imported).data as { passwords: Array<{ username: string }> }).passwords.map((p) => p.username)).toEqual(["route_import_ext"]);
    expect(await prisma.mentor.count({ where: { user: { username: "route_import_ext" } } })).toBe(1);
  });

  it("no file, a file too large, or altered rows are refused in Chinese and nothing is written", async () => {
    const before = await prisma.mentor.count();
    const empty = new FormData();
    empty.set("intent", "check");
    const missing = await call(importRoute.action, upload("admin", empty));
    expect(missing.status).toBe(400);
    expect(fieldErrors(missing).file).toEqual(["请选择要上传的 .xlsx 文件。"]);

    const large = new FormData();
    large.set("intent", "check");
    large.set("file", new File([new Uint8Array(6 * 1024 * 1024)], "大.xlsx"));
    const tooLarge = await call(importRoute.action, upload("admin", large));
    expect(tooLarge.status).toBe(413);
    expect(replyOf(tooLarge).error).toBe("文件过大，最大 5 MB。");

    const altered = await call(importRoute.action, request("admin", "/mentors/import", { intent: "import", rows: "[{\"row\":1}]" }));
    expect(altered.status).toBe(400);
    expect(fieldErrors(altered).rows).toEqual(["请求无效，请刷新页面后重试。"]);
    expect(await prisma.mentor.count()).toBe(before);
  });
});
