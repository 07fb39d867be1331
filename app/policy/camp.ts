import type { Prisma } from "~/generated/prisma/client.ts";
import type { CampStatus } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import { ownScope } from "./scope.ts";

/**
 * The ability camp (素质能力提升训练营, issue 20, decision 080). 学工部 organises every camp, and a
 * camp may name further organisers. Participants take their own timed rounds and see their own
 * finished papers and results only once the camp's results are released. Judges see and score only
 * the contestants assigned to them, never one of their own college (short answers are graded blind:
 * a judge reaches an answer, never the attempt or the name). Students' personal data for 人物辨识 is
 * seen by the organisers and the college of the counselor in charge; the counselor sees only the
 * photos drawn into their own running round.
 */

/** A camp as one actor sees it. Loaded by the camp's access loader. */
export interface CampResource {
  campId: string;
  status: CampStatus;
  /** The camp names the viewer as an organiser (学工部 organises every camp by office). */
  viewerOrganises: boolean;
  /** The viewer is a participant (resolved when the camp opened). */
  viewerParticipates: boolean;
  /** The viewer is one of the camp's judges. */
  viewerJudges: boolean;
  /** The colleges of the camp's participants (their college at the time): whose admins upload students. */
  participantCollegeIds: readonly string[];
}

/** One person's timed attempt (基础知识测试 or 人物辨识). */
export interface CampAttemptResource {
  camp: CampResource;
  userId: string;
  /** Submitted, or past its server-kept deadline: nothing more is accepted. */
  ended: boolean;
}

/** One participant's results in a camp (scores per round, radar, recommendations). */
export interface CampResultResource {
  camp: CampResource;
  userId: string;
}

/** A contestant's entry in a judged round (案例研讨, 谈心谈话) as one actor sees it. */
export interface CampEntryResource {
  camp: CampResource;
  /** The contestant. */
  userId: string;
  /** The contestant's college when they joined the camp (null: none). */
  collegeId: string | null;
  /** A score sheet of this entry is assigned to the viewer. */
  viewerAssigned: boolean;
  /** The topic has been drawn (抽签 happens once, and is recorded). */
  drawn: boolean;
}

/** A short answer waiting for blind grading, as one judge sees it (no name, no attempt). */
export interface CampShortAnswerResource {
  camp: CampResource;
  /** This answer is assigned to the viewer for grading. */
  viewerAssigned: boolean;
}

/** A student of 人物辨识 (personal data): their counselor's college, and whether the viewer has them in a running round. */
export interface IdentificationStudentResource {
  camp: CampResource;
  /** The college of the counselor in charge (their college when they joined the camp). */
  collegeId: string | null;
  /** The student's photo is drawn into the viewer's own attempt, which has not ended. */
  viewerDrawnInOpenAttempt: boolean;
}

const RELEASED: readonly CampStatus[] = ["RELEASED", "ARCHIVED"];
/** While judges may score: during the camp and while scoring. */
const JUDGING: readonly CampStatus[] = ["OPEN", "SCORING"];
const PREPARING: readonly CampStatus[] = ["DRAFT", "OPEN"];

/** 学工部 organises every camp; others only the camps that name them. */
const organises = (actor: Actor, camp: CampResource) => hasRole(actor, "ADMIN") || camp.viewerOrganises;

/** A college admin of this college. `ownScope` gives no college to an admin whose account has none, so a null college matches nobody. */
function adminOfCollege(actor: Actor, collegeId: string | null): boolean {
  const own = ownScope(actor);
  return own?.kind === "college" && own.collegeId === collegeId;
}

/** A college admin of a college some participant belongs to. */
const adminOfParticipatingCollege = (actor: Actor, camp: CampResource) => camp.participantCollegeIds.some((id) => adminOfCollege(actor, id));

/** A judge never judges a contestant of their own college; an external judge (no college) has no conflict. */
const ownCollege = (actor: Actor, collegeId: string | null) => collegeId !== null && actor.collegeId === collegeId;

const judgesEntry = (actor: Actor, entry: CampEntryResource) => entry.viewerAssigned && !ownCollege(actor, entry.collegeId);

export const campRules = {
  school: {
    /** The camp area (my camps, my rounds, my results, my judging): every signed-in person; what is in it comes from the rules below. */
    "camps:use": (_actor: Actor, _resource: null) => true,
    /** Creating a camp: 学工部. */
    "camp:create": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** The school's question bank (题库: questions with their answers, imports, versions): 学工部. */
    "camp-bank:manage": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** Quotas (推荐名额): asking for candidates, choosing, notifying: 学工部. */
    "quota:manage": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
  },
  camp: {
    /** The camp's page: its organisers always; once open, its participants, judges and the admins of the participants' colleges. */
    "camp:view": (actor: Actor, camp: CampResource) =>
      organises(actor, camp) || (camp.status !== "DRAFT" && (camp.viewerParticipates || camp.viewerJudges || adminOfParticipatingCollege(actor, camp))),
    /** Rounds, weights, schedule, participants, judges, cuts, paper rules, topics, rubrics: the organisers, until archived (the service refuses what a state no longer allows). */
    "camp:manage": (actor: Actor, camp: CampResource) => organises(actor, camp) && camp.status !== "ARCHIVED",
    /** The live board, every attempt and score sheet, the camp's statistics and reports: the organisers. */
    "camp:view-all": (actor: Actor, camp: CampResource) => organises(actor, camp),
    /** Releasing the results (成绩发布): the organisers, once scoring is done. */
    "camp:release": (actor: Actor, camp: CampResource) => organises(actor, camp) && camp.status === "SCORING",
    /** Archiving, which deletes the students' personal data: the organisers, after the release. */
    "camp:archive": (actor: Actor, camp: CampResource) => organises(actor, camp) && camp.status === "RELEASED",
    /**
     * Uploading students for 人物辨识 (.xlsx and photos, or a .zip): the organisers before and during
     * the camp; the admins of the participants' colleges once it is open (a student belongs to a
     * participant, and participants exist from the opening on).
     */
    "camp:upload-students": (actor: Actor, camp: CampResource) =>
      (organises(actor, camp) && PREPARING.includes(camp.status)) || (adminOfParticipatingCollege(actor, camp) && camp.status === "OPEN"),
    /**
     * The page of 人物辨识's students (which students it lists is the list scope "camp-student:view"):
     * the organisers and the admins of the participants' colleges, until archived (the data is gone).
     */
    "camp:view-students": (actor: Actor, camp: CampResource) =>
      (organises(actor, camp) || (adminOfParticipatingCollege(actor, camp) && camp.status !== "DRAFT")) && camp.status !== "ARCHIVED",
  },
  campAttempt: {
    /** Reading one's paper (never the answer key), saving answers and submitting: the taker alone, while the camp is open and the attempt has not ended. */
    "camp-attempt:take": (actor: Actor, attempt: CampAttemptResource) => actor.id === attempt.userId && attempt.camp.status === "OPEN" && !attempt.ended,
    /** The finished paper with the key and the marks: the organisers once it has ended; the taker once the results are released. */
    "camp-attempt:review": (actor: Actor, attempt: CampAttemptResource) =>
      (organises(actor, attempt.camp) && attempt.ended) || (actor.id === attempt.userId && RELEASED.includes(attempt.camp.status)),
  },
  campResult: {
    /** Someone's scores, radar, weak areas and feedback report: the organisers; the person once released. */
    "camp-result:view": (actor: Actor, result: CampResultResource) => organises(actor, result.camp) || (actor.id === result.userId && RELEASED.includes(result.camp.status)),
    /** Dismissing a course the camp recommended (不感兴趣) or taking it back: the person alone, once released — not even an organiser for them. */
    "camp-recommendation:dismiss": (actor: Actor, result: CampResultResource) => actor.id === result.userId && RELEASED.includes(result.camp.status),
  },
  campEntry: {
    /** A contestant's entry (name, drawn topic): the organisers, the contestant, and the judges assigned to it who are not of the contestant's college. */
    "camp-entry:view": (actor: Actor, entry: CampEntryResource) => organises(actor, entry.camp) || actor.id === entry.userId || judgesEntry(actor, entry),
    /** Scoring it (per criterion, with a comment): the assigned judges not of the contestant's college, while the camp is open or scoring. Organisers score only as judges. */
    "camp-entry:score": (actor: Actor, entry: CampEntryResource) => judgesEntry(actor, entry) && JUDGING.includes(entry.camp.status),
    /** Drawing the topic (抽签), once: the contestant or an organiser on their behalf, while the camp is open. */
    "camp-entry:draw": (actor: Actor, entry: CampEntryResource) => (organises(actor, entry.camp) || actor.id === entry.userId) && entry.camp.status === "OPEN" && !entry.drawn,
  },
  campShortAnswer: {
    /** Grading a short answer blind: the judge it is assigned to, while the camp is open or scoring. */
    "camp-short-answer:grade": (_actor: Actor, answer: CampShortAnswerResource) => answer.viewerAssigned && JUDGING.includes(answer.camp.status),
  },
  identificationStudent: {
    /** A student's facts and photo (every view audited): the organisers and the admin of the counselor's college; nobody once archived (the data is gone). */
    "camp-student:view": (actor: Actor, student: IdentificationStudentResource) =>
      (organises(actor, student.camp) || adminOfCollege(actor, student.collegeId)) && student.camp.status !== "ARCHIVED",
    /** Changing or removing a student: the same people, before and during the camp. */
    "camp-student:manage": (actor: Actor, student: IdentificationStudentResource) =>
      (organises(actor, student.camp) || adminOfCollege(actor, student.collegeId)) && PREPARING.includes(student.camp.status),
    /** The photo alone: whoever may view the student, and the counselor in whose running round it was drawn (never the facts). */
    "camp-student:view-photo": (actor: Actor, student: IdentificationStudentResource) =>
      ((organises(actor, student.camp) || adminOfCollege(actor, student.collegeId)) && student.camp.status !== "ARCHIVED") ||
      (student.viewerDrawnInOpenAttempt && student.camp.status === "OPEN"),
  },
};

/** The camps an actor organises by name, as a where clause (学工部: all). */
function organisedCamps(actor: Actor): Prisma.CampWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return { organisers: { some: { userId: actor.id } } };
}

/** The list side of "camp:view". */
function viewableCamps(actor: Actor): Prisma.CampWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  const ways: Prisma.CampWhereInput[] = [{ participants: { some: { userId: actor.id } } }, { judges: { some: { userId: actor.id } } }];
  const own = ownScope(actor);
  if (own?.kind === "college") ways.push({ participants: { some: { collegeId: own.collegeId } } });
  return { OR: [organisedCamps(actor), { status: { not: "DRAFT" }, OR: ways }] };
}

/** The list side of "camp-result:view", over participants (one row per person and camp). */
function viewableResults(actor: Actor): Prisma.CampParticipantWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return { OR: [{ camp: organisedCamps(actor) }, { userId: actor.id, camp: { status: { in: [...RELEASED] } } }] };
}

/** The list side of "camp-entry:view": what an organiser, a contestant or a judge finds on their lists. */
function viewableEntries(actor: Actor): Prisma.CampRoundEntryWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  const assigned: Prisma.CampRoundEntryWhereInput = { assignments: { some: { judge: { userId: actor.id } } } };
  // Not of the judge's own college: a contestant without a college conflicts with nobody.
  const noConflict: Prisma.CampRoundEntryWhereInput =
    actor.collegeId === null ? {} : { participant: { OR: [{ collegeId: null }, { collegeId: { not: actor.collegeId } }] } };
  return { OR: [{ round: { camp: organisedCamps(actor) } }, { userId: actor.id }, { AND: [assigned, noConflict] }] };
}

/** The list side of "camp-student:view": organisers and the counselor's college admin, never an archived camp. */
function viewableStudents(actor: Actor): Prisma.IdentificationStudentWhereInput {
  const notArchived: Prisma.IdentificationStudentWhereInput = { participant: { camp: { status: { not: "ARCHIVED" } } } };
  if (hasRole(actor, "ADMIN")) return notArchived;
  const ways: Prisma.IdentificationStudentWhereInput[] = [{ participant: { camp: organisedCamps(actor) } }];
  const own = ownScope(actor);
  if (own?.kind === "college") ways.push({ participant: { collegeId: own.collegeId } });
  return { AND: [notArchived, { OR: ways }] };
}

export const campScopes = {
  "camp:view": viewableCamps,
  "camp-result:view": viewableResults,
  "camp-entry:view": viewableEntries,
  "camp-student:view": viewableStudents,
};
