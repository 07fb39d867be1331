import { describe, expect, it } from "vitest";
import type { StudioRole } from "~/generated/prisma/enums.ts";
import { authorize, can, type Actor } from "./index.ts";

/** The seven kinds of people the issue names, as the policy sees them. */
const COLLEGE_A = "college-a";
const COLLEGE_B = "college-b";
const actors = {
  admin: { id: "u-admin", roles: ["ADMIN"], collegeId: null },
  collegeAdmin: { id: "u-college", roles: ["COLLEGE_ADMIN"], collegeId: COLLEGE_A },
  leader: { id: "u-leader", roles: ["COUNSELOR"], collegeId: COLLEGE_B },
  backbone: { id: "u-backbone", roles: ["COUNSELOR"], collegeId: COLLEGE_A },
  newcomer: { id: "u-newcomer", roles: ["COUNSELOR"], collegeId: COLLEGE_A },
  mentor: { id: "u-mentor", roles: ["MENTOR"], collegeId: null },
  outsider: { id: "u-outsider", roles: ["COUNSELOR"], collegeId: COLLEGE_B },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

const studioRoles: Partial<Record<Who, StudioRole>> = { leader: "LEADER", backbone: "BACKBONE", newcomer: "NEWCOMER" };
const studioFor = (who: Who) => ({ studioId: "s1", viewerRole: studioRoles[who] ?? null, viewerMentors: who === "mentor" });

function allowed(check: (who: Who) => boolean): Who[] {
  return (Object.keys(actors) as Who[]).filter(check);
}

describe("policy: school", () => {
  it("only 学工部 administers the school", () => {
    expect(allowed((who) => can(actors[who], "school:administer", null))).toEqual(["admin"]);
  });
  it("dashboards are for 学工部 and college staff", () => {
    expect(allowed((who) => can(actors[who], "school:view-dashboard", null))).toEqual(["admin", "collegeAdmin"]);
  });
});

describe("policy: people", () => {
  const newcomerRecord = { userId: actors.newcomer.id, collegeId: COLLEGE_A };
  it("everyone signed in sees a colleague's card", () => {
    expect(allowed((who) => can(actors[who], "person:view-card", newcomerRecord))).toHaveLength(7);
  });
  it("the full profile is for the person, their college admin and 学工部", () => {
    expect(allowed((who) => can(actors[who], "person:view-profile", newcomerRecord))).toEqual(["admin", "collegeAdmin", "newcomer"]);
    expect(allowed((who) => can(actors[who], "person:edit-profile", newcomerRecord))).toEqual(["admin", "collegeAdmin", "newcomer"]);
  });
  it("a college admin cannot edit people of another college", () => {
    const other = { userId: actors.leader.id, collegeId: COLLEGE_B };
    expect(allowed((who) => can(actors[who], "person:edit-profile", other))).toEqual(["admin", "leader"]);
  });
  it("a college admin without a college manages nobody", () => {
    const stray = { id: "u-stray", roles: ["COLLEGE_ADMIN" as const], collegeId: null };
    expect(can(stray, "person:edit-profile", { userId: "x", collegeId: null })).toBe(false);
  });
  it("accounts and roles are 学工部's", () => {
    expect(allowed((who) => can(actors[who], "person:manage-account", newcomerRecord))).toEqual(["admin"]);
  });
});

describe("policy: studios", () => {
  it("every signed-in person may look at a studio", () => {
    expect(allowed((who) => can(actors[who], "studio:view", studioFor(who)))).toHaveLength(7);
  });
  it("working material is for members, the studio's mentors and 学工部", () => {
    expect(allowed((who) => can(actors[who], "studio:view-workspace", studioFor(who)))).toEqual([
      "admin",
      "leader",
      "backbone",
      "newcomer",
      "mentor",
    ]);
  });
  it("only the leader and 学工部 manage a studio", () => {
    expect(allowed((who) => can(actors[who], "studio:manage", studioFor(who)))).toEqual(["admin", "leader"]);
  });
  it("only 学工部 creates studios", () => {
    expect(allowed((who) => can(actors[who], "studio:create", null))).toEqual(["admin"]);
  });
});

describe("policy: the personnel database", () => {
  it("the card directory is for programme staff; mentors reach people through studios", () => {
    expect(allowed((who) => can(actors[who], "people:browse", null))).toEqual(["admin", "collegeAdmin", "leader", "backbone", "newcomer", "outsider"]);
  });
  it("the official record (start date, title, honours) is kept by the college and 学工部, not the person", () => {
    const newcomerRecord = { userId: actors.newcomer.id, collegeId: COLLEGE_A };
    expect(allowed((who) => can(actors[who], "person:edit-record", newcomerRecord))).toEqual(["admin", "collegeAdmin"]);
    const otherCollege = { userId: actors.leader.id, collegeId: COLLEGE_B };
    expect(allowed((who) => can(actors[who], "person:edit-record", otherCollege))).toEqual(["admin"]);
  });
  it("rosters of the whole school are 学工部's; a college admin exports and imports their own college only", () => {
    for (const action of ["people:export", "people:import"] as const) {
      expect(allowed((who) => can(actors[who], action, { collegeId: null })), action).toEqual(["admin"]);
      expect(allowed((who) => can(actors[who], action, { collegeId: COLLEGE_A })), action).toEqual(["admin", "collegeAdmin"]);
      expect(allowed((who) => can(actors[who], action, { collegeId: COLLEGE_B })), action).toEqual(["admin"]);
    }
  });
});

describe("policy: dashboard scopes", () => {
  it("学工部 sees the whole school and any college; a college admin only their own college", () => {
    expect(allowed((who) => can(actors[who], "dashboard:view", { collegeId: null }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "dashboard:view", { collegeId: COLLEGE_A }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "dashboard:view", { collegeId: COLLEGE_B }))).toEqual(["admin"]);
  });
});

describe("policy: studio life", () => {
  it("only 学工部 changes what it approved (name, level, budget, leader)", () => {
    expect(allowed((who) => can(actors[who], "studio:administer", studioFor(who)))).toEqual(["admin"]);
  });
  it("counselors outside the studio may apply; members, staff and mentors may not", () => {
    expect(allowed((who) => can(actors[who], "studio:apply", studioFor(who)))).toEqual(["outsider"]);
  });
  it("members other than the leader may leave", () => {
    expect(allowed((who) => can(actors[who], "studio:leave", studioFor(who)))).toEqual(["backbone", "newcomer"]);
  });
  it("members and 学工部 record activities and outputs", () => {
    expect(allowed((who) => can(actors[who], "studio:contribute", studioFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer"]);
    expect(allowed((who) => can(actors[who], "output:create", studioFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer"]);
  });
  it("an activity record is removed by the leader, 学工部 or the member who recorded it", () => {
    const recordedByNewcomer = (who: Who) => ({ studio: studioFor(who), viewerRecorded: who === "newcomer" });
    expect(allowed((who) => can(actors[who], "activity:delete", recordedByNewcomer(who)))).toEqual(["admin", "leader", "newcomer"]);
  });
  it("the annual report is for the team, its mentors, 学工部 and college staff", () => {
    expect(allowed((who) => can(actors[who], "studio:view-report", studioFor(who)))).toEqual([
      "admin",
      "collegeAdmin",
      "leader",
      "backbone",
      "newcomer",
      "mentor",
    ]);
  });
});

describe("policy: join requests and invitations", () => {
  const application = (who: Who, applicant: Who) => ({ kind: "APPLICATION" as const, userId: actors[applicant].id, studio: studioFor(who) });
  const invitation = (who: Who, invitee: Who) => ({ kind: "INVITATION" as const, userId: actors[invitee].id, studio: studioFor(who) });
  it("the leader and 学工部 see requests and invite", () => {
    expect(allowed((who) => can(actors[who], "studio:view-requests", studioFor(who)))).toEqual(["admin", "leader"]);
    expect(allowed((who) => can(actors[who], "studio:invite", studioFor(who)))).toEqual(["admin", "leader"]);
  });
  it("an application is decided by the leader (or 学工部), never by the applicant", () => {
    expect(allowed((who) => can(actors[who], "join-request:decide", application(who, "outsider")))).toEqual(["admin", "leader"]);
  });
  it("an invitation is accepted or declined by the person invited only", () => {
    expect(allowed((who) => can(actors[who], "join-request:decide", invitation(who, "outsider")))).toEqual(["outsider"]);
  });
  it("the applicant withdraws an application; the leader withdraws an invitation", () => {
    expect(allowed((who) => can(actors[who], "join-request:withdraw", application(who, "outsider")))).toEqual(["outsider"]);
    expect(allowed((who) => can(actors[who], "join-request:withdraw", invitation(who, "outsider")))).toEqual(["admin", "leader"]);
  });
});

describe("policy: projects and tasks", () => {
  /** The backbone member leads (主持) the project; the newcomer works on it and is assigned the task. */
  const projectFor = (who: Who) => ({
    studio: studioFor(who),
    viewerProjectRole: who === "backbone" ? ("PRINCIPAL" as const) : who === "newcomer" ? ("MEMBER" as const) : null,
  });
  it("projects are working material: members, the studio's mentors and 学工部", () => {
    expect(allowed((who) => can(actors[who], "project:view", projectFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
  });
  it("the leader opens and deletes projects", () => {
    expect(allowed((who) => can(actors[who], "project:create", studioFor(who)))).toEqual(["admin", "leader"]);
    expect(allowed((who) => can(actors[who], "project:delete", projectFor(who)))).toEqual(["admin", "leader"]);
  });
  it("the leader and the project's principal manage tasks and milestones", () => {
    expect(allowed((who) => can(actors[who], "project:manage", projectFor(who)))).toEqual(["admin", "leader", "backbone"]);
  });
  it("a former member who still holds the principal role manages nothing", () => {
    const left = { studio: { studioId: "s1", viewerRole: null, viewerMentors: false }, viewerProjectRole: "PRINCIPAL" as const };
    expect(can(actors.outsider, "project:manage", left)).toBe(false);
  });
  it("the assignee moves their own task along, besides those who manage the project", () => {
    const task = (who: Who) => ({ project: projectFor(who), viewerIsAssignee: who === "newcomer" });
    expect(allowed((who) => can(actors[who], "task:update-status", task(who)))).toEqual(["admin", "leader", "backbone", "newcomer"]);
  });
});

describe("policy: outputs", () => {
  const outputFor = (who: Who) => ({ studio: studioFor(who), viewerIsAuthor: who === "newcomer" });
  it("every signed-in person sees a studio's outputs", () => {
    expect(allowed((who) => can(actors[who], "output:view", outputFor(who)))).toHaveLength(7);
  });
  it("attached files are for the team, its mentors and 学工部", () => {
    expect(allowed((who) => can(actors[who], "output:download", outputFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
  });
  it("the leader, 学工部 and the output's own authors correct it", () => {
    expect(allowed((who) => can(actors[who], "output:edit", outputFor(who)))).toEqual(["admin", "leader", "newcomer"]);
  });
});

describe("policy: periodic evaluation", () => {
  it("the leader, 学工部 and college staff read the history", () => {
    expect(allowed((who) => can(actors[who], "evaluation:view", studioFor(who)))).toEqual(["admin", "collegeAdmin", "leader"]);
  });
  it("only the leader submits the cycle report", () => {
    expect(allowed((who) => can(actors[who], "evaluation:submit", studioFor(who)))).toEqual(["leader"]);
  });
  it("only 学工部 grades", () => {
    expect(allowed((who) => can(actors[who], "evaluation:grade", studioFor(who)))).toEqual(["admin"]);
  });
});

describe("policy: notifications", () => {
  it("only the recipient opens a notification", () => {
    expect(allowed((who) => can(actors[who], "notification:open", { userId: actors.newcomer.id }))).toEqual(["newcomer"]);
  });
});

describe("policy: mentors and matching", () => {
  /** The mentor in `actors` looks at their own profile; everyone else at it as a colleague. */
  const ownProfile = { mentorUserId: actors.mentor.id, viewerIsMentee: false };
  const menteeView = (who: Who) => ({ mentorUserId: actors.mentor.id, viewerIsMentee: studioRoles[who] !== undefined });
  const someoneElse = { mentorUserId: "u-other-mentor", viewerIsMentee: false };

  it("every signed-in person may browse the pool and open a profile", () => {
    expect(allowed((who) => can(actors[who], "mentor:view-pool", null))).toHaveLength(7);
    expect(allowed((who) => can(actors[who], "mentor:view-profile", ownProfile))).toHaveLength(7);
  });
  it("contact details are for 学工部, the mentor and the studios they guide", () => {
    expect(allowed((who) => can(actors[who], "mentor:view-contact", ownProfile))).toEqual(["admin", "mentor"]);
    expect(allowed((who) => can(actors[who], "mentor:view-contact", menteeView(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
    expect(allowed((who) => can(actors[who], "mentor:view-contact", someoneElse))).toEqual(["admin"]);
  });
  it("a mentor edits their own profile, 学工部 any; nobody else", () => {
    expect(allowed((who) => can(actors[who], "mentor:edit-profile", ownProfile))).toEqual(["admin", "mentor"]);
    expect(allowed((who) => can(actors[who], "mentor:edit-profile", someoneElse))).toEqual(["admin"]);
  });
  it("only 学工部 curates the pool (add, import, remove)", () => {
    expect(allowed((who) => can(actors[who], "mentor:curate", null))).toEqual(["admin"]);
  });
  it("the mentoring page is for mentors", () => {
    expect(allowed((who) => can(actors[who], "mentoring:view-own", null))).toEqual(["mentor"]);
  });
  it("only the invited mentor answers an invitation — not even 学工部", () => {
    expect(allowed((who) => can(actors[who], "mentoring:respond", { mentorUserId: actors.mentor.id }))).toEqual(["mentor"]);
    expect(allowed((who) => can(actors[who], "mentoring:respond", { mentorUserId: "u-other-mentor" }))).toEqual([]);
  });
  it("only 学工部 runs, edits and publishes the matching", () => {
    expect(allowed((who) => can(actors[who], "matching:administer", null))).toEqual(["admin"]);
  });
  it("a studio's preferred mentors are stated by its leader or 学工部", () => {
    expect(allowed((who) => can(actors[who], "matching:state-preferences", studioFor(who)))).toEqual(["admin", "leader"]);
  });
});

describe("policy: search", () => {
  it("everyone signed in may search", () => {
    expect(allowed((who) => can(actors[who], "search:use", null))).toHaveLength(7);
  });
  it("a studio's documents appear for its members, its accepted mentors and 学工部 only", () => {
    expect(allowed((who) => can(actors[who], "search:see-document", studioFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
  });
  it("a mentor of another studio, or a member of another studio, does not see its documents", () => {
    const otherStudio = { studioId: "s2", viewerRole: null, viewerMentors: false };
    expect(allowed((who) => can(actors[who], "search:see-document", otherStudio))).toEqual(["admin"]);
  });
  it("finds exactly the documents each person may open, whatever the document's status", () => {
    for (const status of ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "PUBLISHED"] as const) {
      for (const studio of [studioFor, (_who: Who) => ({ studioId: "s2", viewerRole: null, viewerMentors: false })]) {
        const opens = allowed((who) =>
          can(actors[who], "document:read", { ...studio(who), status, viewerCreated: false, viewerIsAuthor: false, viewerIsReviewer: false }),
        );
        expect(allowed((who) => can(actors[who], "search:see-document", studio(who)))).toEqual(opens);
      }
    }
  });
  it("studios, people's cards and outputs are for all staff", () => {
    expect(allowed((who) => can(actors[who], "search:see-public", null))).toHaveLength(7);
  });
  it("synonyms and rebuilding the index are 学工部's", () => {
    expect(allowed((who) => can(actors[who], "search:administer", null))).toEqual(["admin"]);
  });
  it("only 学工部 see where a search's time went", () => {
    expect(allowed((who) => can(actors[who], "search:timings", null))).toEqual(["admin"]);
  });
  it("each person creates their own tokens, and nobody else's", () => {
    expect(allowed((who) => can(actors[who], "api-token:create", { userId: actors[who].id }))).toHaveLength(7);
    expect(allowed((who) => can(actors[who], "api-token:create", { userId: actors.newcomer.id }))).toEqual(["newcomer"]);
  });
  it("a token is revoked by its owner or by 学工部", () => {
    expect(allowed((who) => can(actors[who], "api-token:revoke", { userId: actors.newcomer.id }))).toEqual(["admin", "newcomer"]);
  });
});

describe("policy: documents", () => {
  type Status = "DRAFT" | "IN_REVIEW" | "CHANGES_REQUESTED" | "APPROVED" | "PUBLISHED";
  /** The backbone member wrote it; the mentor has the pending review when it is in review. */
  const documentFor = (who: Who, status: Status = "DRAFT") => ({
    studioId: "s1",
    status,
    viewerRole: studioRoles[who] ?? null,
    viewerMentors: who === "mentor",
    viewerCreated: who === "backbone",
    viewerIsAuthor: who === "backbone",
    viewerIsReviewer: who === "mentor" && status === "IN_REVIEW",
  });
  const check = (action: Parameters<typeof can>[1], status: Status = "DRAFT") =>
    allowed((who) => can(actors[who], action as "document:read", documentFor(who, status)));

  it("is read and commented on by members, the studio's mentors and 学工部 — nobody else", () => {
    for (const status of ["DRAFT", "IN_REVIEW", "PUBLISHED"] as const) {
      expect(check("document:read", status)).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
      expect(check("document:comment", status)).toEqual(["admin", "leader", "backbone", "newcomer", "mentor"]);
    }
  });

  it("is written by members only, and only while it is a draft or needs changes", () => {
    expect(check("document:edit", "DRAFT")).toEqual(["leader", "backbone", "newcomer"]);
    expect(check("document:edit", "CHANGES_REQUESTED")).toEqual(["leader", "backbone", "newcomer"]);
    for (const locked of ["IN_REVIEW", "APPROVED", "PUBLISHED"] as const) expect(check("document:edit", locked)).toEqual([]);
  });

  it("is sent to review by its authors or the leader, and withdrawn by them", () => {
    expect(check("document:request-review", "DRAFT")).toEqual(["leader", "backbone"]);
    expect(check("document:request-review", "CHANGES_REQUESTED")).toEqual(["leader", "backbone"]);
    expect(check("document:request-review", "IN_REVIEW")).toEqual([]);
    expect(check("document:withdraw-review", "IN_REVIEW")).toEqual(["leader", "backbone"]);
    expect(check("document:withdraw-review", "DRAFT")).toEqual([]);
  });

  it("is decided only by the mentor whose review is pending", () => {
    expect(check("document:decide-review", "IN_REVIEW")).toEqual(["mentor"]);
    expect(check("document:decide-review", "DRAFT")).toEqual([]);
    const otherMentor = { ...documentFor("mentor", "IN_REVIEW"), viewerIsReviewer: false };
    expect(can(actors.mentor, "document:decide-review", otherMentor)).toBe(false);
  });

  it("is published by the leader once approved, and reopened by authors or the leader", () => {
    expect(check("document:publish", "APPROVED")).toEqual(["leader"]);
    expect(check("document:publish", "IN_REVIEW")).toEqual([]);
    expect(check("document:reopen", "APPROVED")).toEqual(["leader", "backbone"]);
    expect(check("document:reopen", "PUBLISHED")).toEqual(["leader", "backbone"]);
    expect(check("document:reopen", "DRAFT")).toEqual([]);
  });

  it("is deleted by the leader, or by its creator while it is a draft", () => {
    expect(check("document:delete", "DRAFT")).toEqual(["leader", "backbone"]);
    expect(check("document:delete", "PUBLISHED")).toEqual(["leader"]);
  });

  it("gets named versions from members and becomes a template through the leader or 学工部", () => {
    expect(check("document:create-version", "PUBLISHED")).toEqual(["leader", "backbone", "newcomer"]);
    expect(check("document:save-as-template")).toEqual(["admin", "leader"]);
  });

  it("is created or imported into a studio by its members", () => {
    expect(allowed((who) => can(actors[who], "studio:create-document", studioFor(who)))).toEqual(["leader", "backbone", "newcomer"]);
  });

  it("keeps school templates to 学工部 and a studio's templates to its leader", () => {
    expect(allowed((who) => can(actors[who], "template:manage", { studioId: null, viewerRole: studioRoles[who] ?? null }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "template:manage", { studioId: "s1", viewerRole: studioRoles[who] ?? null }))).toEqual([
      "admin",
      "leader",
    ]);
  });

  it("lets only its writer delete a comment", () => {
    expect(allowed((who) => can(actors[who], "comment:delete", { authorId: actors.mentor.id }))).toEqual(["mentor"]);
  });
});

describe("authorize", () => {
  it("refuses anonymous visitors everything", () => {
    expect(can(null, "studio:view", studioFor("outsider"))).toBe(false);
  });
  it("throws a 403 response when denied and nothing when allowed", () => {
    expect(() => authorize(actors.outsider, "studio:manage", studioFor("outsider"))).toThrow(Response);
    try {
      authorize(actors.outsider, "studio:manage", studioFor("outsider"));
    } catch (error) {
      expect((error as Response).status).toBe(403);
    }
    expect(() => authorize(actors.leader, "studio:manage", studioFor("leader"))).not.toThrow();
  });
});
