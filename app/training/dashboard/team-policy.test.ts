import { describe, expect, it } from "vitest";
import type { StudioRole } from "~/generated/prisma/enums.ts";
import { abilities, can, type Actor } from "~/policy/index.ts";

/**
 * "Studio leaders see their team's progress": the 培训进度 tab of a studio is its leader's and
 * 学工部's. The other members, its mentor, a college admin and outsiders get no tab and a 403.
 */
const actors = {
  admin: { id: "u-admin", roles: ["ADMIN"], collegeId: null },
  collegeAdmin: { id: "u-college", roles: ["COLLEGE_ADMIN"], collegeId: "college-a" },
  leader: { id: "u-leader", roles: ["COUNSELOR"], collegeId: "college-b" },
  backbone: { id: "u-backbone", roles: ["COUNSELOR"], collegeId: "college-a" },
  newcomer: { id: "u-newcomer", roles: ["COUNSELOR"], collegeId: "college-a" },
  mentor: { id: "u-mentor", roles: ["MENTOR"], collegeId: null },
  outsider: { id: "u-outsider", roles: ["COUNSELOR"], collegeId: "college-b" },
  collegeAdminWithoutCollege: { id: "u-college-none", roles: ["COLLEGE_ADMIN"], collegeId: null },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;
const roleIn: Partial<Record<Who, StudioRole>> = { leader: "LEADER", backbone: "BACKBONE", newcomer: "NEWCOMER" };
const studioFor = (who: Who) => ({ studioId: "s1", viewerRole: roleIn[who] ?? null, viewerMentors: who === "mentor" });

describe("policy: a studio's team training progress", () => {
  it("is the leader's and 学工部's only", () => {
    const allowed = (Object.keys(actors) as Who[]).filter((who) => can(actors[who], "training:view-team", studioFor(who)));
    expect(allowed).toEqual(["admin", "leader"]);
  });
  it("is among the studio's abilities, so the chrome shows the tab to them alone", () => {
    expect(abilities(actors.leader, "studio", studioFor("leader"))["training:view-team"]).toBe(true);
    expect(abilities(actors.backbone, "studio", studioFor("backbone"))["training:view-team"]).toBe(false);
  });
});
