import { describe, expect, it } from "vitest";
import type { StudioRole } from "~/generated/prisma/enums.ts";
import { abilities, actionsOf, authorize, can, ownScope, RESOURCE_KINDS, requireOwnScope, type Actor } from "./index.ts";

/**
 * The seven kinds of people the issue names, as the policy sees them, and three more that tell the
 * conditions of a rule apart: a member with no part in the thing at hand (not its author, creator,
 * assignee or principal), a former member who still holds every such part from before they left,
 * and a college admin whose account names no college.
 */
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
  bystander: { id: "u-bystander", roles: ["COUNSELOR"], collegeId: COLLEGE_A },
  formerMember: { id: "u-former", roles: ["COUNSELOR"], collegeId: COLLEGE_B },
  collegeAdminWithoutCollege: { id: "u-college-none", roles: ["COLLEGE_ADMIN"], collegeId: null },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;
const everyone = Object.keys(actors) as Who[];

const studioRoles: Partial<Record<Who, StudioRole>> = { leader: "LEADER", backbone: "BACKBONE", newcomer: "NEWCOMER", bystander: "NEWCOMER" };
const studioFor = (who: Who) => ({ studioId: "s1", viewerRole: studioRoles[who] ?? null, viewerMentors: who === "mentor" });
/** Who did the thing at hand (recorded the activity, is assigned the task, wrote the output): the newcomer, and the former member before leaving. */
const didIt = (who: Who) => who === "newcomer" || who === "formerMember";

function allowed(check: (who: Who) => boolean): Who[] {
  return everyone.filter(check);
}

describe("policy: school", () => {
  it("only 学工部 administers the school", () => {
    expect(allowed((who) => can(actors[who], "school:administer", null))).toEqual(["admin"]);
  });
  it("dashboards are for 学工部 and college staff", () => {
    // The page and its link; which part of the figures someone sees is "dashboard:view" below.
    expect(allowed((who) => can(actors[who], "school:view-dashboard", null))).toEqual(["admin", "collegeAdmin", "collegeAdminWithoutCollege"]);
  });
});

describe("policy: people", () => {
  const newcomerRecord = { userId: actors.newcomer.id, collegeId: COLLEGE_A };
  it("everyone signed in sees a colleague's card", () => {
    expect(allowed((who) => can(actors[who], "person:view-card", newcomerRecord))).toEqual(everyone);
  });
  it("the full profile is for the person, their college admin and 学工部", () => {
    expect(allowed((who) => can(actors[who], "person:view-profile", newcomerRecord))).toEqual(["admin", "collegeAdmin", "newcomer"]);
    expect(allowed((who) => can(actors[who], "person:edit-profile", newcomerRecord))).toEqual(["admin", "collegeAdmin", "newcomer"]);
  });
  it("a college admin cannot edit people of another college", () => {
    const other = { userId: actors.leader.id, collegeId: COLLEGE_B };
    expect(allowed((who) => can(actors[who], "person:edit-profile", other))).toEqual(["admin", "leader"]);
  });
  it("people without a college are looked after by 学工部 alone — not by a college admin without one", () => {
    const noCollege = { userId: actors.mentor.id, collegeId: null };
    expect(allowed((who) => can(actors[who], "person:view-profile", noCollege))).toEqual(["admin", "mentor"]);
    expect(allowed((who) => can(actors[who], "person:edit-record", noCollege))).toEqual(["admin"]);
  });
  it("a career stage (the home page's card) is a counselor's", () => {
    expect(allowed((who) => can(actors[who], "career:view-own", null))).toEqual(["leader", "backbone", "newcomer", "outsider", "bystander", "formerMember"]);
  });
  it("accounts and roles are 学工部's", () => {
    expect(allowed((who) => can(actors[who], "person:manage-account", newcomerRecord))).toEqual(["admin"]);
  });
});

describe("policy: studios", () => {
  it("every signed-in person may look at a studio", () => {
    expect(allowed((who) => can(actors[who], "studio:view", studioFor(who)))).toEqual(everyone);
  });
  it("working material is for members, the studio's mentors and 学工部", () => {
    expect(allowed((who) => can(actors[who], "studio:view-workspace", studioFor(who)))).toEqual([
      "admin",
      "leader",
      "backbone",
      "newcomer",
      "mentor",
      "bystander",
    ]);
  });
  it("only the leader and 学工部 manage a studio", () => {
    expect(allowed((who) => can(actors[who], "studio:manage", studioFor(who)))).toEqual(["admin", "leader"]);
  });
  it("only 学工部 creates studios", () => {
    expect(allowed((who) => can(actors[who], "studio:create", null))).toEqual(["admin"]);
  });
  it("counselors take part in studios (recommended, apply, invited, appointed); staff and mentors do not", () => {
    expect(allowed((who) => can(actors[who], "studio:join", null))).toEqual(["leader", "backbone", "newcomer", "outsider", "bystander", "formerMember"]);
  });
});

describe("policy: the personnel database", () => {
  it("the card directory is for programme staff; mentors reach people through studios", () => {
    expect(allowed((who) => can(actors[who], "people:browse", null))).toEqual([
      "admin",
      "collegeAdmin",
      "leader",
      "backbone",
      "newcomer",
      "outsider",
      "bystander",
      "formerMember",
      "collegeAdminWithoutCollege",
    ]);
  });
  it("the official record (start date, title, honours) is kept by the college and 学工部, not the person", () => {
    const newcomerRecord = { userId: actors.newcomer.id, collegeId: COLLEGE_A };
    expect(allowed((who) => can(actors[who], "person:edit-record", newcomerRecord))).toEqual(["admin", "collegeAdmin"]);
    const otherCollege = { userId: actors.leader.id, collegeId: COLLEGE_B };
    expect(allowed((who) => can(actors[who], "person:edit-record", otherCollege))).toEqual(["admin"]);
  });
  it("rosters of the whole school are 学工部's; a college admin exports and imports their own college only", () => {
    for (const action of ["people:export", "people:import"] as const) {
      expect(allowed((who) => can(actors[who], action, { kind: "school" })), action).toEqual(["admin"]);
      expect(allowed((who) => can(actors[who], action, { kind: "college", collegeId: COLLEGE_A })), action).toEqual(["admin", "collegeAdmin"]);
      expect(allowed((who) => can(actors[who], action, { kind: "college", collegeId: COLLEGE_B })), action).toEqual(["admin"]);
    }
  });
  it("what each person looks after: 学工部 the school, a college admin their college, a college admin without a college nothing", () => {
    const scopes = Object.fromEntries(everyone.map((who) => [who, ownScope(actors[who])]));
    expect(scopes).toEqual({
      admin: { kind: "school" },
      collegeAdmin: { kind: "college", collegeId: COLLEGE_A },
      leader: null,
      backbone: null,
      newcomer: null,
      mentor: null,
      outsider: null,
      bystander: null,
      formerMember: null,
      collegeAdminWithoutCollege: null,
    });
  });
});

describe("policy: dashboard scopes", () => {
  it("学工部 sees the whole school and any college; a college admin only their own college", () => {
    expect(allowed((who) => can(actors[who], "dashboard:view", { kind: "school" }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "dashboard:view", { kind: "college", collegeId: COLLEGE_A }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "dashboard:view", { kind: "college", collegeId: COLLEGE_B }))).toEqual(["admin"]);
  });
});

describe("policy: studio life", () => {
  it("only 学工部 changes what it approved (name, level, budget, leader)", () => {
    expect(allowed((who) => can(actors[who], "studio:administer", studioFor(who)))).toEqual(["admin"]);
  });
  it("counselors outside the studio (former members too) may apply; members, staff and mentors may not", () => {
    expect(allowed((who) => can(actors[who], "studio:apply", studioFor(who)))).toEqual(["outsider", "formerMember"]);
  });
  it("members other than the leader may leave", () => {
    expect(allowed((who) => can(actors[who], "studio:leave", studioFor(who)))).toEqual(["backbone", "newcomer", "bystander"]);
  });
  it("members and 学工部 record activities and outputs", () => {
    const members = ["admin", "leader", "backbone", "newcomer", "bystander"];
    expect(allowed((who) => can(actors[who], "studio:contribute", studioFor(who)))).toEqual(members);
    expect(allowed((who) => can(actors[who], "output:create", studioFor(who)))).toEqual(members);
  });
  it("an activity record is removed by the leader, 学工部 or the member who recorded it, while still a member", () => {
    const activity = (who: Who) => ({ studio: studioFor(who), viewerRecorded: didIt(who) });
    expect(allowed((who) => can(actors[who], "activity:delete", activity(who)))).toEqual(["admin", "leader", "newcomer"]);
  });
  it("the annual report is for the team, its mentors, 学工部 and college staff", () => {
    expect(allowed((who) => can(actors[who], "studio:view-report", studioFor(who)))).toEqual([
      "admin",
      "collegeAdmin",
      "leader",
      "backbone",
      "newcomer",
      "mentor",
      "bystander",
      "collegeAdminWithoutCollege",
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
  /**
   * The backbone member leads (主持) the project; the newcomer and the bystander work on it and the
   * task is the newcomer's. The former member led it too and still holds the task from before leaving.
   */
  const projectRoles: Partial<Record<Who, "PRINCIPAL" | "MEMBER">> = { backbone: "PRINCIPAL", newcomer: "MEMBER", bystander: "MEMBER", formerMember: "PRINCIPAL" };
  const projectFor = (who: Who) => ({ studio: studioFor(who), viewerProjectRole: projectRoles[who] ?? null });
  it("projects are working material: members, the studio's mentors and 学工部", () => {
    expect(allowed((who) => can(actors[who], "project:view", projectFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor", "bystander"]);
  });
  it("the leader opens and deletes projects", () => {
    expect(allowed((who) => can(actors[who], "project:create", studioFor(who)))).toEqual(["admin", "leader"]);
    expect(allowed((who) => can(actors[who], "project:delete", projectFor(who)))).toEqual(["admin", "leader"]);
  });
  it("the leader and the project's principal manage tasks and milestones; a principal who left manages nothing", () => {
    expect(allowed((who) => can(actors[who], "project:manage", projectFor(who)))).toEqual(["admin", "leader", "backbone"]);
  });
  it("the assignee moves their own task along, besides those who manage the project; not other members, not once they left", () => {
    const task = (who: Who) => ({ project: projectFor(who), viewerIsAssignee: didIt(who) });
    expect(allowed((who) => can(actors[who], "task:update-status", task(who)))).toEqual(["admin", "leader", "backbone", "newcomer"]);
  });
});

describe("policy: outputs", () => {
  /** The newcomer wrote it, and so did the former member before leaving. */
  const outputFor = (who: Who) => ({ studio: studioFor(who), viewerIsAuthor: didIt(who) });
  it("every signed-in person sees a studio's outputs", () => {
    expect(allowed((who) => can(actors[who], "output:view", outputFor(who)))).toEqual(everyone);
  });
  it("attached files are for the team, its mentors, 学工部 and the output's authors (also after they left)", () => {
    expect(allowed((who) => can(actors[who], "output:download", outputFor(who)))).toEqual([
      "admin",
      "leader",
      "backbone",
      "newcomer",
      "mentor",
      "bystander",
      "formerMember",
    ]);
  });
  it("the leader, 学工部 and the output's own authors correct it; an author who left does not", () => {
    expect(allowed((who) => can(actors[who], "output:edit", outputFor(who)))).toEqual(["admin", "leader", "newcomer"]);
  });
});

describe("policy: periodic evaluation", () => {
  it("the leader, 学工部 and college staff read the history", () => {
    expect(allowed((who) => can(actors[who], "evaluation:view", studioFor(who)))).toEqual(["admin", "collegeAdmin", "leader", "collegeAdminWithoutCollege"]);
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
    expect(allowed((who) => can(actors[who], "mentor:view-pool", null))).toEqual(everyone);
    expect(allowed((who) => can(actors[who], "mentor:view-profile", ownProfile))).toEqual(everyone);
  });
  it("contact details are for 学工部, the mentor and the studios they guide", () => {
    expect(allowed((who) => can(actors[who], "mentor:view-contact", ownProfile))).toEqual(["admin", "mentor"]);
    expect(allowed((who) => can(actors[who], "mentor:view-contact", menteeView(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor", "bystander"]);
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
    expect(allowed((who) => can(actors[who], "search:use", null))).toEqual(everyone);
  });
  it("a studio's documents appear for its members, its accepted mentors and 学工部 only", () => {
    expect(allowed((who) => can(actors[who], "search:see-document", studioFor(who)))).toEqual(["admin", "leader", "backbone", "newcomer", "mentor", "bystander"]);
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
    expect(allowed((who) => can(actors[who], "search:see-public", null))).toEqual(everyone);
  });
  it("synonyms and rebuilding the index are 学工部's", () => {
    expect(allowed((who) => can(actors[who], "search:administer", null))).toEqual(["admin"]);
  });
  it("only 学工部 see where a search's time went", () => {
    expect(allowed((who) => can(actors[who], "search:timings", null))).toEqual(["admin"]);
  });
  it("each person creates their own tokens, and nobody else's", () => {
    expect(allowed((who) => can(actors[who], "api-token:create", { userId: actors[who].id }))).toEqual(everyone);
    expect(allowed((who) => can(actors[who], "api-token:create", { userId: actors.newcomer.id }))).toEqual(["newcomer"]);
  });
  it("a token is revoked by its owner or by 学工部", () => {
    expect(allowed((who) => can(actors[who], "api-token:revoke", { userId: actors.newcomer.id }))).toEqual(["admin", "newcomer"]);
  });
});

describe("policy: documents", () => {
  type Status = "DRAFT" | "IN_REVIEW" | "CHANGES_REQUESTED" | "APPROVED" | "PUBLISHED";
  /**
   * The backbone member created and wrote it, and so did the former member before leaving; the
   * mentor has the pending review when it is in review.
   */
  const wroteIt = (who: Who) => who === "backbone" || who === "formerMember";
  const documentFor = (who: Who, status: Status = "DRAFT") => ({
    studioId: "s1",
    status,
    viewerRole: studioRoles[who] ?? null,
    viewerMentors: who === "mentor",
    viewerCreated: wroteIt(who),
    viewerIsAuthor: wroteIt(who),
    viewerIsReviewer: who === "mentor" && status === "IN_REVIEW",
  });
  const check = (action: Parameters<typeof can>[1], status: Status = "DRAFT") =>
    allowed((who) => can(actors[who], action as "document:read", documentFor(who, status)));

  it("is read and commented on by members, the studio's mentors and 学工部 — nobody else, not its authors once they left", () => {
    for (const status of ["DRAFT", "IN_REVIEW", "PUBLISHED"] as const) {
      expect(check("document:read", status)).toEqual(["admin", "leader", "backbone", "newcomer", "mentor", "bystander"]);
      expect(check("document:comment", status)).toEqual(["admin", "leader", "backbone", "newcomer", "mentor", "bystander"]);
    }
  });

  it("is written by members only, and only while it is a draft or needs changes", () => {
    expect(check("document:edit", "DRAFT")).toEqual(["leader", "backbone", "newcomer", "bystander"]);
    expect(check("document:edit", "CHANGES_REQUESTED")).toEqual(["leader", "backbone", "newcomer", "bystander"]);
    for (const locked of ["IN_REVIEW", "APPROVED", "PUBLISHED"] as const) expect(check("document:edit", locked)).toEqual([]);
  });

  it("is sent to review by its authors or the leader, and withdrawn by them — not by an author who left", () => {
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
    // A review left pending on a document that is no longer in review decides nothing.
    for (const status of ["DRAFT", "CHANGES_REQUESTED", "APPROVED", "PUBLISHED"] as const) {
      expect(can(actors.mentor, "document:decide-review", { ...documentFor("mentor", status), viewerIsReviewer: true }), status).toBe(false);
    }
  });

  it("is published by the leader once approved, and reopened by authors (still members) or the leader", () => {
    expect(check("document:publish", "APPROVED")).toEqual(["leader"]);
    expect(check("document:publish", "IN_REVIEW")).toEqual([]);
    expect(check("document:reopen", "APPROVED")).toEqual(["leader", "backbone"]);
    expect(check("document:reopen", "PUBLISHED")).toEqual(["leader", "backbone"]);
    expect(check("document:reopen", "DRAFT")).toEqual([]);
  });

  it("is deleted by the leader, or by its creator while it is a draft and they are still a member", () => {
    expect(check("document:delete", "DRAFT")).toEqual(["leader", "backbone"]);
    expect(check("document:delete", "PUBLISHED")).toEqual(["leader"]);
  });

  it("gets named versions from members and becomes a template through the leader or 学工部", () => {
    expect(check("document:create-version", "PUBLISHED")).toEqual(["leader", "backbone", "newcomer", "bystander"]);
    expect(check("document:save-as-template")).toEqual(["admin", "leader"]);
  });

  it("is created or imported into a studio by its members", () => {
    expect(allowed((who) => can(actors[who], "studio:create-document", studioFor(who)))).toEqual(["leader", "backbone", "newcomer", "bystander"]);
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
  it("throws a 403 response when denied and nothing when allowed", async () => {
    expect(() => authorize(actors.outsider, "studio:manage", studioFor("outsider"))).toThrow(Response);
    try {
      authorize(actors.outsider, "studio:manage", studioFor("outsider"));
    } catch (error) {
      // What a download or API client reads: "403 Forbidden" and a body that says so.
      const response = error as Response;
      expect([response.status, response.statusText, await response.text()]).toEqual([403, "Forbidden", "forbidden"]);
    }
    expect(() => authorize(actors.leader, "studio:manage", studioFor("leader"))).not.toThrow();
  });
  it("hands out what a person looks after, and a 403 to anyone who looks after nothing — a college admin without a college included", () => {
    expect(requireOwnScope(actors.admin)).toEqual({ kind: "school" });
    expect(requireOwnScope(actors.collegeAdmin)).toEqual({ kind: "college", collegeId: COLLEGE_A });
    for (const who of ["collegeAdminWithoutCollege", "leader", "mentor"] as const) {
      let thrown: unknown = null;
      try {
        requireOwnScope(actors[who]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, who).toBeInstanceOf(Response);
      expect((thrown as Response).status, who).toBe(403);
    }
  });
});

describe("policy: passwords (accounts)", () => {
  const account = (who: Who, roles = actors[who].roles) => ({ userId: actors[who].id, collegeId: actors[who].collegeId, roles });
  it("each person changes their own password, and nobody else's", () => {
    for (const owner of Object.keys(actors) as Who[]) {
      expect(allowed((who) => can(actors[who], "account:change-password", { userId: actors[owner].id }))).toEqual([owner]);
    }
  });
  it("学工部 resets anyone's password; a college admin the people of their own college", () => {
    // The newcomer and backbone are in the college admin's college A; the leader is in college B.
    expect(allowed((who) => can(actors[who], "person:reset-password", account("newcomer")))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "person:reset-password", account("backbone")))).toEqual(["admin", "collegeAdmin"]);
  });
  it("a college admin is refused for another college, for people without a college and for administrators", () => {
    expect(allowed((who) => can(actors[who], "person:reset-password", account("leader")))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "person:reset-password", account("mentor")))).toEqual(["admin"]);
    const peer = { userId: "u-peer", collegeId: COLLEGE_A, roles: ["COLLEGE_ADMIN" as const] };
    const schoolAdminInCollegeA = { userId: "u-admin-2", collegeId: COLLEGE_A, roles: ["ADMIN" as const, "COUNSELOR" as const] };
    expect(allowed((who) => can(actors[who], "person:reset-password", peer))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "person:reset-password", schoolAdminInCollegeA))).toEqual(["admin"]);
  });
  it("nobody resets their own password (they change it, knowing the current one)", () => {
    expect(can(actors.admin, "person:reset-password", account("admin"))).toBe(false);
    expect(can(actors.collegeAdmin, "person:reset-password", account("collegeAdmin"))).toBe(false);
  });
  it("a reset is an admin's: 403 for everyone else", () => {
    expect(() => authorize(actors.leader, "person:reset-password", account("newcomer"))).toThrow(Response);
    expect(() => authorize(actors.admin, "person:reset-password", account("newcomer"))).not.toThrow();
  });
});

describe("policy: training", () => {
  const course = (who: Who, overrides: Partial<Parameters<typeof can<"training-course:view">>[2]> = {}) => ({
    courseId: "c1",
    status: "PUBLISHED" as const,
    level: "SCHOOL" as const,
    collegeId: null,
    groupCollegeIds: [],
    viewerEnrolment: who === "newcomer" ? ("ENROLLED" as const) : who === "bystander" ? ("WAITLISTED" as const) : null,
    ...overrides,
  });
  const collegeCourse = (who: Who, status: "DRAFT" | "PUBLISHED" = "DRAFT") => course(who, { level: "COLLEGE", collegeId: COLLEGE_A, status });
  const groupCourse = (who: Who) => course(who, { level: "COLLEGE", status: "DRAFT", groupCollegeIds: [COLLEGE_B, COLLEGE_A] });
  const counselors: Who[] = ["leader", "backbone", "newcomer", "outsider", "bystander", "formerMember"];

  it("menus and external records are counselors'; the programme's settings 学工部's", () => {
    expect(allowed((who) => can(actors[who], "training:view-menu", null))).toEqual(counselors);
    expect(allowed((who) => can(actors[who], "training:record-external", null))).toEqual(counselors);
    expect(allowed((who) => can(actors[who], "training:calendar-feed", null))).toEqual(counselors);
    expect(allowed((who) => can(actors[who], "training:administer", null))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training:browse", null))).toEqual(everyone.filter((who) => who !== "mentor"));
  });
  it("the school organises school courses; a college admin their college's and their joint group's, never another college's", () => {
    expect(allowed((who) => can(actors[who], "training:organise", { level: "SCHOOL", collegeId: null, groupCollegeIds: [] }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training:organise", { level: "COLLEGE", collegeId: COLLEGE_A, groupCollegeIds: [] }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "training:organise", { level: "COLLEGE", collegeId: COLLEGE_B, groupCollegeIds: [] }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training:organise", { level: "COLLEGE", collegeId: null, groupCollegeIds: [COLLEGE_A] }))).toEqual(["admin", "collegeAdmin"]);
  });
  it("a draft is seen by its organisers only; published courses by everyone", () => {
    expect(allowed((who) => can(actors[who], "training-course:view", collegeCourse(who)))).toEqual(["admin", "collegeAdmin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "training-course:view", groupCourse(who)))).toEqual(["admin", "collegeAdmin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "training-course:view", course(who)))).toEqual(everyone);
    expect(allowed((who) => can(actors[who], "training-course:manage", course(who)))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training-course:manage", collegeCourse(who)))).toEqual(["admin", "collegeAdmin"]);
  });
  it("counselors enrol in published courses; the enrolled and waitlisted withdraw; only the enrolled check in", () => {
    expect(allowed((who) => can(actors[who], "training-course:enrol", course(who)))).toEqual(["leader", "backbone", "outsider", "formerMember"]);
    expect(allowed((who) => can(actors[who], "training-course:enrol", collegeCourse(who)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "training-course:withdraw", course(who)))).toEqual(["newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "training-course:check-in", course(who)))).toEqual(["newcomer"]);
    expect(allowed((who) => can(actors[who], "training-course:check-in", course(who, { status: "CANCELLED" })))).toEqual([]);
  });
  it("cohorts are assigned by organisers, and by a college admin (with a college) to published school courses", () => {
    expect(allowed((who) => can(actors[who], "training-course:assign", course(who)))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "training-course:assign", course(who, { status: "DRAFT" })))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training-course:assign", collegeCourse(who, "PUBLISHED")))).toEqual(["admin", "collegeAdmin"]);
  });
  it("progress is the person's, their college admin's, 学工部's and their studio leader's; the ledger not the leader's", () => {
    const person = (who: Who) => ({ userId: actors.newcomer.id, collegeId: COLLEGE_A, viewerLeadsTheirStudio: who === "leader" });
    expect(allowed((who) => can(actors[who], "training:view-progress", person(who)))).toEqual(["admin", "collegeAdmin", "leader", "newcomer"]);
    expect(allowed((who) => can(actors[who], "training:view-ledger", person(who)))).toEqual(["admin", "collegeAdmin", "newcomer"]);
    expect(allowed((who) => can(actors[who], "training:correct-ledger", person(who)))).toEqual(["admin"]);
  });
  it("external records are decided by the person's college admin or 学工部, once, never by the person", () => {
    const record = (status: "PENDING" | "APPROVED", userId = actors.newcomer.id) => ({ userId, collegeId: COLLEGE_A, status });
    expect(allowed((who) => can(actors[who], "training-external:view", record("PENDING")))).toEqual(["admin", "collegeAdmin", "newcomer"]);
    expect(allowed((who) => can(actors[who], "training-external:decide", record("PENDING")))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "training-external:decide", record("APPROVED")))).toEqual([]);
    expect(allowed((who) => can(actors[who], "training-external:decide", record("PENDING", actors.collegeAdmin.id)))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training-external:withdraw", record("PENDING")))).toEqual(["newcomer"]);
  });
  it("compliance lists and ledgers of a scope: 学工部 the school, a college admin their college", () => {
    expect(allowed((who) => can(actors[who], "training:view-scope", { kind: "school" }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training:view-scope", { kind: "college", collegeId: COLLEGE_A }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "training:import-hours", { kind: "school" }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "training:import-hours", { kind: "college", collegeId: COLLEGE_A }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "training:import-hours", { kind: "college", collegeId: COLLEGE_B }))).toEqual(["admin"]);
  });
  it("a roster line is the person's and the organisers'", () => {
    expect(allowed((who) => can(actors[who], "training-enrolment:view", { userId: actors.newcomer.id, course: collegeCourse(who) }))).toEqual(["admin", "collegeAdmin", "newcomer"]);
  });
});

describe("policy: meetings", () => {
  /** A series as each person sees it: the backbone invited to it, the bystander its co-organiser, the leader leading the studio. */
  const series = (who: Who, overrides: Partial<Parameters<typeof can<"meeting-series:view">>[2]> = {}) => ({
    seriesId: "ms1",
    organiserKind: "SCHOOL" as const,
    collegeId: null,
    groupCollegeIds: [],
    studioId: null,
    viewerStudioRole: studioRoles[who] ?? null,
    viewerOrganises: who === "bystander",
    viewerInvited: who === "backbone" || who === "newcomer",
    ...overrides,
  });
  const meeting = (who: Who, status: "SCHEDULED" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" = "SCHEDULED", overrides: Partial<Parameters<typeof can<"meeting:view">>[2]> = {}) => ({
    ...series(who),
    meetingId: "m1",
    status,
    viewerInvitedHere: who === "backbone" || who === "newcomer",
    viewerNoteTaker: who === "newcomer",
    minutesConfirmed: false,
    ...overrides,
  });
  const collegeSeries = (who: Who) => series(who, { organiserKind: "COLLEGE", collegeId: COLLEGE_A });

  it("a series is created by 学工部 for the school, a college admin for their college or group, a studio's leader for the studio", () => {
    const organiser = (who: Who, kind: "SCHOOL" | "COLLEGE" | "JOINT_GROUP" | "STUDIO", collegeId: string | null = null, groupCollegeIds: string[] = []) => ({
      organiserKind: kind,
      collegeId,
      groupCollegeIds,
      studioId: kind === "STUDIO" ? "s1" : null,
      viewerStudioRole: studioRoles[who] ?? null,
    });
    expect(allowed((who) => can(actors[who], "meeting-series:create", organiser(who, "SCHOOL")))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "meeting-series:create", organiser(who, "COLLEGE", COLLEGE_A)))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "meeting-series:create", organiser(who, "COLLEGE", COLLEGE_B)))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "meeting-series:create", organiser(who, "JOINT_GROUP", null, [COLLEGE_B, COLLEGE_A])))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "meeting-series:create", organiser(who, "STUDIO")))).toEqual(["admin", "leader"]);
  });
  it("a series is seen by its organisers and invitees, managed by its organisers; a college admin only their own college's", () => {
    expect(allowed((who) => can(actors[who], "meeting-series:view", series(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting-series:manage", series(who)))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting-series:propose", series(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting-series:manage", collegeSeries(who)))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting-series:manage", series(who, { organiserKind: "COLLEGE", collegeId: COLLEGE_B })))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting-series:manage", series(who, { organiserKind: "STUDIO", studioId: "s1" })))).toEqual(["admin", "leader", "bystander"]);
  });
  it("an invitee reads a meeting and checks in while it is open; the organiser edits until it is closed or cancelled", () => {
    expect(allowed((who) => can(actors[who], "meeting:view", meeting(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting:manage", meeting(who)))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting:edit", meeting(who, "IN_PROGRESS")))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting:edit", meeting(who, "CLOSED")))).toEqual([]);
    expect(allowed((who) => can(actors[who], "meeting:edit", meeting(who, "CANCELLED")))).toEqual([]);
    expect(allowed((who) => can(actors[who], "meeting:check-in", meeting(who)))).toEqual(["backbone", "newcomer"]);
    expect(allowed((who) => can(actors[who], "meeting:check-in", meeting(who, "CLOSED")))).toEqual([]);
  });
  it("minutes are read by whoever sees the meeting, written by organisers and note-takers until confirmed", () => {
    expect(allowed((who) => can(actors[who], "meeting:read-minutes", meeting(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting:write-minutes", meeting(who, "CLOSED")))).toEqual(["admin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "meeting:write-minutes", meeting(who, "CLOSED", { minutesConfirmed: true })))).toEqual([]);
    expect(allowed((who) => can(actors[who], "meeting:write-minutes", meeting(who, "CANCELLED")))).toEqual([]);
    // A note-taker uninvited since is no longer one.
    expect(allowed((who) => can(actors[who], "meeting:write-minutes", meeting(who, "IN_PROGRESS", { viewerInvitedHere: false })))).toEqual(["admin", "bystander"]);
    // The minutes as a document follow the meeting's rules, and nothing of a studio's workflow.
    const minutes = (who: Who, confirmed = false) => ({
      studioId: "",
      status: "DRAFT" as const,
      viewerRole: null,
      viewerMentors: false,
      viewerCreated: false,
      viewerIsAuthor: false,
      viewerIsReviewer: false,
      minutes: meeting(who, "CLOSED", { minutesConfirmed: confirmed }),
    });
    expect(allowed((who) => can(actors[who], "document:read", minutes(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "document:edit", minutes(who)))).toEqual(["admin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "document:edit", minutes(who, true)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "document:save-as-template", minutes(who)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "document:delete", minutes(who)))).toEqual([]);
  });
  it("an action item's owner and the series' organisers update it, nobody else; its series' invitees see it", () => {
    const item = (who: Who) => ({ ownerId: actors.newcomer.id, series: series(who, { viewerInvited: who === "backbone" || who === "newcomer" }) });
    expect(allowed((who) => can(actors[who], "action-item:view", item(who)))).toEqual(["admin", "backbone", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "action-item:update", item(who)))).toEqual(["admin", "newcomer", "bystander"]);
  });
  it("the overview of a scope: 学工部 the school, a college admin their college; the meetings area is everyone's", () => {
    expect(allowed((who) => can(actors[who], "meetings:view-overview", { kind: "school" }))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "meetings:view-overview", { kind: "college", collegeId: COLLEGE_A }))).toEqual(["admin", "collegeAdmin"]);
    expect(allowed((who) => can(actors[who], "meetings:use", null))).toEqual(everyone);
  });
});

describe("policy: ability camp", () => {
  type Status = "DRAFT" | "OPEN" | "SCORING" | "RELEASED" | "ARCHIVED";
  const STATUSES: Status[] = ["DRAFT", "OPEN", "SCORING", "RELEASED", "ARCHIVED"];
  /**
   * One camp as each person sees it: the bystander is a named organiser; the newcomer and the
   * backbone (college A) and the leader (college B) take part; the mentor (no college) and the
   * outsider (college B) judge. The former member and the college admin without a college have no
   * part in it.
   */
  const camp = (who: Who, status: Status = "OPEN", participantCollegeIds: string[] = [COLLEGE_A, COLLEGE_B]) => ({
    campId: "c1",
    status,
    viewerOrganises: who === "bystander",
    viewerParticipates: who === "newcomer" || who === "backbone" || who === "leader",
    viewerJudges: who === "mentor" || who === "outsider",
    participantCollegeIds,
  });
  /** The newcomer's attempt at the knowledge test. */
  const attempt = (who: Who, status: Status, ended: boolean) => ({ camp: camp(who, status), userId: actors.newcomer.id, ended });
  /**
   * An entry in a judged round, assigned to the mentor (no college), the outsider (college B) and —
   * which the services never do, and the policy refuses anyway — the backbone (college A).
   */
  const entry = (who: Who, contestant: "newcomer" | "leader", status: Status = "OPEN", drawn = false) => ({
    camp: camp(who, status),
    userId: actors[contestant].id,
    collegeId: actors[contestant].collegeId,
    viewerAssigned: who === "mentor" || who === "outsider" || who === "backbone",
    drawn,
  });
  /** A student in the newcomer's charge (college A), drawn into the newcomer's attempt while it runs. */
  const student = (who: Who, status: Status = "OPEN", collegeId: string | null = COLLEGE_A, attemptRunning = true) => ({
    camp: camp(who, status),
    collegeId,
    viewerDrawnInOpenAttempt: who === "newcomer" && attemptRunning,
  });

  it("学工部 creates camps and keeps the question bank and the quotas; the camp area is everyone's", () => {
    expect(allowed((who) => can(actors[who], "camp:create", null))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "camp-bank:manage", null))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "quota:manage", null))).toEqual(["admin"]);
    expect(allowed((who) => can(actors[who], "camps:use", null))).toEqual(everyone);
  });
  it("a draft is the organisers'; once open, participants, judges and the participants' college admins see the camp", () => {
    expect(allowed((who) => can(actors[who], "camp:view", camp(who, "DRAFT")))).toEqual(["admin", "bystander"]);
    const seeing = ["admin", "collegeAdmin", "leader", "backbone", "newcomer", "mentor", "outsider", "bystander"];
    for (const status of ["OPEN", "SCORING", "RELEASED", "ARCHIVED"] as const) {
      expect(allowed((who) => can(actors[who], "camp:view", camp(who, status))), status).toEqual(seeing);
    }
    // A college admin whose college has nobody in the camp does not see it.
    expect(allowed((who) => can(actors[who], "camp:view", camp(who, "OPEN", [COLLEGE_B]))).includes("collegeAdmin")).toBe(false);
  });
  it("the organisers manage the camp until it is archived, release it once scored and archive it once released", () => {
    for (const status of STATUSES) {
      expect(allowed((who) => can(actors[who], "camp:manage", camp(who, status))), status).toEqual(status === "ARCHIVED" ? [] : ["admin", "bystander"]);
      expect(allowed((who) => can(actors[who], "camp:view-all", camp(who, status))), status).toEqual(["admin", "bystander"]);
      expect(allowed((who) => can(actors[who], "camp:release", camp(who, status))), status).toEqual(status === "SCORING" ? ["admin", "bystander"] : []);
      expect(allowed((who) => can(actors[who], "camp:archive", camp(who, status))), status).toEqual(status === "RELEASED" ? ["admin", "bystander"] : []);
    }
  });
  it("students for 人物辨识 are uploaded by the organisers, and by the participants' college admins while the camp is open", () => {
    expect(allowed((who) => can(actors[who], "camp:upload-students", camp(who, "DRAFT")))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp:upload-students", camp(who, "OPEN")))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp:upload-students", camp(who, "OPEN", [COLLEGE_B])))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp:upload-students", camp(who, "SCORING")))).toEqual([]);
  });
  it("the students' page is for the organisers and the participants' college admins, never a participant or judge, and gone once archived", () => {
    expect(allowed((who) => can(actors[who], "camp:view-students", camp(who, "DRAFT")))).toEqual(["admin", "bystander"]);
    for (const status of ["OPEN", "SCORING", "RELEASED"] as const) {
      expect(allowed((who) => can(actors[who], "camp:view-students", camp(who, status))), status).toEqual(["admin", "collegeAdmin", "bystander"]);
    }
    expect(allowed((who) => can(actors[who], "camp:view-students", camp(who, "OPEN", [COLLEGE_B])))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp:view-students", camp(who, "ARCHIVED")))).toEqual([]);
  });
  it("a counselor takes only their own test while it runs, and sees the marked paper only after the release", () => {
    expect(allowed((who) => can(actors[who], "camp-attempt:take", attempt(who, "OPEN", false)))).toEqual(["newcomer"]);
    // After the deadline or the submission, nobody answers any more; nor once the camp is scoring.
    expect(allowed((who) => can(actors[who], "camp-attempt:take", attempt(who, "OPEN", true)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "camp-attempt:take", attempt(who, "SCORING", false)))).toEqual([]);
    // The key and the marks: nobody while the attempt runs, the organisers once it has ended, the taker after the release.
    expect(allowed((who) => can(actors[who], "camp-attempt:review", attempt(who, "OPEN", false)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "camp-attempt:review", attempt(who, "SCORING", true)))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-attempt:review", attempt(who, "RELEASED", true)))).toEqual(["admin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-attempt:review", attempt(who, "ARCHIVED", true)))).toEqual(["admin", "newcomer", "bystander"]);
  });
  it("a counselor's results are the organisers' and, once released, their own — never another participant's or a judge's", () => {
    const result = (who: Who, status: Status) => ({ camp: camp(who, status), userId: actors.newcomer.id });
    for (const status of ["DRAFT", "OPEN", "SCORING"] as const) {
      expect(allowed((who) => can(actors[who], "camp-result:view", result(who, status))), status).toEqual(["admin", "bystander"]);
    }
    for (const status of ["RELEASED", "ARCHIVED"] as const) {
      expect(allowed((who) => can(actors[who], "camp-result:view", result(who, status))), status).toEqual(["admin", "newcomer", "bystander"]);
    }
  });
  it("only the person dismisses (or takes back) a course the camp recommended them, and only once the results are released", () => {
    const result = (who: Who, status: Status) => ({ camp: camp(who, status), userId: actors.newcomer.id });
    for (const status of ["DRAFT", "OPEN", "SCORING"] as const) {
      expect(allowed((who) => can(actors[who], "camp-recommendation:dismiss", result(who, status))), status).toEqual([]);
    }
    for (const status of ["RELEASED", "ARCHIVED"] as const) {
      expect(allowed((who) => can(actors[who], "camp-recommendation:dismiss", result(who, status))), status).toEqual(["newcomer"]);
    }
  });
  it("a judge sees and scores only the contestants assigned to them, never one of their own college", () => {
    // The backbone is assigned the newcomer but shares the college: refused. The mentor has no college.
    expect(allowed((who) => can(actors[who], "camp-entry:view", entry(who, "newcomer")))).toEqual(["admin", "newcomer", "mentor", "outsider", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-entry:score", entry(who, "newcomer")))).toEqual(["mentor", "outsider"]);
    // The outsider shares college B with the leader.
    expect(allowed((who) => can(actors[who], "camp-entry:view", entry(who, "leader")))).toEqual(["admin", "leader", "backbone", "mentor", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-entry:score", entry(who, "leader")))).toEqual(["backbone", "mentor"]);
    // A contestant without a college conflicts with nobody, not even a judge without one.
    expect(allowed((who) => can(actors[who], "camp-entry:score", { ...entry(who, "newcomer"), collegeId: null }))).toEqual(["backbone", "mentor", "outsider"]);
    // Scores are given while the camp is open or scoring, not after the release.
    expect(allowed((who) => can(actors[who], "camp-entry:score", entry(who, "newcomer", "SCORING")))).toEqual(["mentor", "outsider"]);
    expect(allowed((who) => can(actors[who], "camp-entry:score", entry(who, "newcomer", "RELEASED")))).toEqual([]);
    expect(allowed((who) => can(actors[who], "camp-entry:score", entry(who, "newcomer", "DRAFT")))).toEqual([]);
  });
  it("the topic is drawn once, by the contestant or an organiser, while the camp is open", () => {
    expect(allowed((who) => can(actors[who], "camp-entry:draw", entry(who, "newcomer")))).toEqual(["admin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-entry:draw", entry(who, "newcomer", "OPEN", true)))).toEqual([]);
    expect(allowed((who) => can(actors[who], "camp-entry:draw", entry(who, "newcomer", "SCORING")))).toEqual([]);
  });
  it("short answers are graded blind by the judge they are assigned to, who never opens the attempt", () => {
    const answer = (who: Who, status: Status) => ({ camp: camp(who, status), viewerAssigned: who === "mentor" });
    expect(allowed((who) => can(actors[who], "camp-short-answer:grade", answer(who, "OPEN")))).toEqual(["mentor"]);
    expect(allowed((who) => can(actors[who], "camp-short-answer:grade", answer(who, "SCORING")))).toEqual(["mentor"]);
    expect(allowed((who) => can(actors[who], "camp-short-answer:grade", answer(who, "RELEASED")))).toEqual([]);
    expect(can(actors.mentor, "camp-attempt:review", attempt("mentor", "SCORING", true))).toBe(false);
  });
  it("students' personal data is seen by the organisers and that college only, and by nobody once archived", () => {
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who)))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who, "OPEN", COLLEGE_B)))).toEqual(["admin", "bystander"]);
    // A counselor without a college in the camp: the organisers alone (not a college admin without a college).
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who, "OPEN", null)))).toEqual(["admin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who, "RELEASED")))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who, "ARCHIVED")))).toEqual([]);
    expect(allowed((who) => can(actors[who], "camp-student:manage", student(who, "OPEN")))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:manage", student(who, "SCORING")))).toEqual([]);
  });
  it("the counselor sees a student's photo only while it is drawn into their running round, never the facts", () => {
    expect(allowed((who) => can(actors[who], "camp-student:view-photo", student(who)))).toEqual(["admin", "collegeAdmin", "newcomer", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view", student(who))).includes("newcomer")).toBe(false);
    expect(allowed((who) => can(actors[who], "camp-student:view-photo", student(who, "OPEN", COLLEGE_A, false)))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view-photo", student(who, "SCORING")))).toEqual(["admin", "collegeAdmin", "bystander"]);
    expect(allowed((who) => can(actors[who], "camp-student:view-photo", student(who, "ARCHIVED")))).toEqual([]);
  });
  it("abilities() of a camp answer what can() answers", () => {
    for (const who of everyone) {
      const resource = camp(who, "SCORING");
      const campAbilities = abilities(actors[who], "camp", resource);
      for (const action of actionsOf("camp")) expect(campAbilities[action], `${who} ${action}`).toBe(can(actors[who], action, resource));
    }
  });
});

describe("policy: every rule once, by kind of resource", () => {
  it("names each action under one kind of resource only (a second one would silently replace the first)", () => {
    const names = RESOURCE_KINDS.flatMap((kind) => actionsOf(kind));
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
  it("abilities() answers, for every action of the resource, what can() answers", () => {
    for (const who of everyone) {
      const studio = studioFor(who);
      const studioAbilities = abilities(actors[who], "studio", studio);
      expect(Object.keys(studioAbilities).sort()).toEqual([...actionsOf("studio")].sort());
      for (const action of actionsOf("studio")) expect(studioAbilities[action], `${who} ${action}`).toBe(can(actors[who], action, studio));
      const schoolAbilities = abilities(actors[who], "school", null);
      for (const action of actionsOf("school")) expect(schoolAbilities[action], `${who} ${action}`).toBe(can(actors[who], action, null));
    }
    expect(abilities(actors.leader, "studio", studioFor("leader"))["studio:manage"]).toBe(true);
    expect(abilities(actors.outsider, "studio", studioFor("outsider"))["studio:manage"]).toBe(false);
  });
  it("gives an anonymous visitor no ability at all", () => {
    expect(Object.values(abilities(null, "studio", studioFor("leader")))).not.toContain(true);
  });
});
