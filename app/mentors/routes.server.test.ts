import { beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import * as boardRoute from "~/routes/admin_.matching._index.tsx";
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
  const form = { organisation: "教育学院心理学系", title: "教授", rank: "SENIOR", primaryDuty: "MENTAL_HEALTH", otherDuties: "RESEARCH", keywords: "朋辈心理互助、团体心理辅导", capacity: "4", available: "on", bio: "新的简介" };

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
    const errors = (result.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(Object.keys(errors).sort()).toEqual(["bio", "capacity", "primaryDuty"]);
    for (const messages of Object.values(errors)) expect(messages.join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await prisma.mentor.findUniqueOrThrow({ where: { id: ownMentorId } })).toMatchObject({ capacity: before.capacity, bio: before.bio });
  });
});

describe("bad input", () => {
  it("unknown intents and malformed ids are a 400 with a Chinese message", async () => {
    const board = await call(boardRoute.action, request("admin", "/admin/matching", { intent: "explode" }));
    expect(board.status).toBe(400);
    expect((board.body as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    const respond = await call(mentoringRoute.action, request("mentor", "/mentoring", { intent: "maybe", assignmentId: "x" }));
    expect(respond.status).toBe(400);
  });

  it("a direction target outside 1–3 is refused with the reason and nothing changes", async () => {
    const direction = await prisma.direction.findFirstOrThrow({ where: { studioId } });
    const result = await call(preferencesRoute.action, request("leader", `/studios/${studioId}/mentor-preferences`, { intent: "targets", directionId: direction.id, internal: "4", external: "1" }), { studioId });
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    const after = await prisma.direction.findUniqueOrThrow({ where: { id: direction.id } });
    expect([after.internalMentorTarget, after.externalMentorTarget]).toEqual([direction.internalMentorTarget, direction.externalMentorTarget]);
  });

  it("a decline note longer than 500 characters is refused", async () => {
    const result = await call(mentoringRoute.action, request("mentor", "/mentoring", { intent: "decline", assignmentId: "c".repeat(25), note: "很".repeat(501) }));
    expect(result.status).toBe(400);
    expect((result.body as { error: string }).error).toBe("婉拒原因（选填）：内容过长。");
  });
});
