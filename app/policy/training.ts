import type { Prisma } from "~/generated/prisma/client.ts";
import type { TrainingCourseStatus, TrainingEnrolmentStatus, TrainingLevel } from "~/generated/prisma/enums.ts";
import { hasRole, holdersOf, type Actor } from "./actor.ts";
import { ownScope, managesScope, type SchoolScope } from "./scope.ts";
import type { StudioResource } from "./studios.ts";

/**
 * The training programme (issue 18). 学工部 keeps the school catalogue, plans, platforms, budgets
 * and joint groups; a college admin keeps their college's offerings (or their joint group's);
 * counselors follow their own menu; a studio leader sees their members' progress.
 */

/** Who organises a course: the school, one college, or a joint training group (its colleges). */
export interface TrainingOrganiserResource {
  level: TrainingLevel;
  /** The organising college (college level). */
  collegeId: string | null;
  /** The colleges of the organising joint training group (college level, through a group). */
  groupCollegeIds: readonly string[];
}

/** A course as one actor sees it. Loaded by app/training/access.server.ts. */
export interface TrainingCourseResource extends TrainingOrganiserResource {
  courseId: string;
  status: TrainingCourseStatus;
  /** The viewer's own enrolment, if any. */
  viewerEnrolment: TrainingEnrolmentStatus | null;
}

/** Someone's training record (menu, progress, ledger, external records) as one actor sees it. */
export interface TrainingPersonResource {
  userId: string;
  collegeId: string | null;
  /** The viewer leads a studio this person is a member of (the leader follows their team's progress). */
  viewerLeadsTheirStudio: boolean;
}

export interface ExternalTrainingResource {
  userId: string;
  collegeId: string | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
}

/** 学工部 organises anything; a college admin what their own college or their college's joint group organises. */
function organises(actor: Actor, organiser: TrainingOrganiserResource): boolean {
  if (hasRole(actor, "ADMIN")) return true;
  const own = ownScope(actor);
  if (own === null || own.kind !== "college" || organiser.level !== "COLLEGE") return false;
  return organiser.collegeId === own.collegeId || organiser.groupCollegeIds.includes(own.collegeId);
}

/** 学工部 everyone; a college admin the people of their own college (none without a college). */
function looksAfter(actor: Actor, person: { collegeId: string | null }): boolean {
  const own = ownScope(actor);
  return own !== null && (own.kind === "school" || own.collegeId === person.collegeId);
}

/** Counselors follow a training menu: the programme counts them (as it does for career stages). */
const takesTraining = (actor: Actor) => hasRole(actor, "COUNSELOR");
const VISIBLE_TO_ALL: readonly TrainingCourseStatus[] = ["PUBLISHED", "CANCELLED"];
const ACTIVE: readonly TrainingEnrolmentStatus[] = ["ENROLLED", "WAITLISTED"];

export const trainingRules = {
  school: {
    /** 我的培训菜单: counselors. */
    "training:view-menu": (actor: Actor, _resource: null) => takesTraining(actor),
    /** The catalogue: every member of staff (counselors, college and school admins). */
    "training:browse": (actor: Actor, _resource: null) => takesTraining(actor) || hasRole(actor, "ADMIN") || hasRole(actor, "COLLEGE_ADMIN"),
    /** Platforms, stage plans, national rules, budgets, joint groups, the ≥6 override: 学工部. */
    "training:administer": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** Recording one's own external training (线上培训, 国家级培训, 海外研修 …): counselors. */
    "training:record-external": (actor: Actor, _resource: null) => takesTraining(actor),
    /** One's own calendar feed (.ics of one's enrolled sessions) and resetting its private link: counselors. */
    "training:calendar-feed": (actor: Actor, _resource: null) => takesTraining(actor),
  },
  trainingOrganiser: {
    /** Creating a course for this organiser (the ≥6 rule and budgets are the service's). */
    "training:organise": (actor: Actor, organiser: TrainingOrganiserResource) => organises(actor, organiser),
  },
  trainingCourse: {
    /** Published and cancelled courses are open to all staff; drafts to their organisers. */
    "training-course:view": (actor: Actor, course: TrainingCourseResource) =>
      organises(actor, course) || VISIBLE_TO_ALL.includes(course.status) || course.viewerEnrolment !== null,
    /** Edit, sessions, cancel, roster, open check-in, mark attendance by hand: the organisers. */
    "training-course:manage": (actor: Actor, course: TrainingCourseResource) => organises(actor, course),
    /**
     * Assigning cohorts: the organisers; a college admin also to a published school course, for the
     * people of their own college (the service narrows the cohort to the actor's own scope).
     */
    "training-course:assign": (actor: Actor, course: TrainingCourseResource) =>
      organises(actor, course) || (course.level === "SCHOOL" && course.status === "PUBLISHED" && ownScope(actor)?.kind === "college"),
    /** Self-enrolment: a counselor not yet enrolled, in a published course (the window is the service's). */
    "training-course:enrol": (actor: Actor, course: TrainingCourseResource) =>
      takesTraining(actor) && course.status === "PUBLISHED" && (course.viewerEnrolment === null || course.viewerEnrolment === "WITHDRAWN"),
    /** Withdrawing: whoever holds a seat or a waitlist place. */
    "training-course:withdraw": (_actor: Actor, course: TrainingCourseResource) =>
      course.viewerEnrolment !== null && ACTIVE.includes(course.viewerEnrolment),
    /** Checking in to a session: an enrolled person (not waitlisted) of a published course. */
    "training-course:check-in": (_actor: Actor, course: TrainingCourseResource) => course.status === "PUBLISHED" && course.viewerEnrolment === "ENROLLED",
  },
  trainingPerson: {
    /** Plan, menu and progress: the person, their college admin, 学工部, and the leader of a studio they belong to. */
    "training:view-progress": (actor: Actor, person: TrainingPersonResource) =>
      actor.id === person.userId || looksAfter(actor, person) || person.viewerLeadsTheirStudio,
    /** The ledger entry by entry: the person, their college admin and 学工部. */
    "training:view-ledger": (actor: Actor, person: TrainingPersonResource) => actor.id === person.userId || looksAfter(actor, person),
    /** Corrections to the ledger (new entries with a reason): 学工部. */
    "training:correct-ledger": (actor: Actor, _person: TrainingPersonResource) => hasRole(actor, "ADMIN"),
  },
  externalTraining: {
    "training-external:view": (actor: Actor, record: ExternalTrainingResource) => actor.id === record.userId || looksAfter(actor, record),
    /** Approving or rejecting a pending record: their college admin or 学工部, never the person themself. */
    "training-external:decide": (actor: Actor, record: ExternalTrainingResource) =>
      record.status === "PENDING" && actor.id !== record.userId && looksAfter(actor, record),
    /** The person withdraws a record still pending. */
    "training-external:withdraw": (actor: Actor, record: ExternalTrainingResource) => record.status === "PENDING" && actor.id === record.userId,
  },
  studio: {
    /** A studio's team progress (培训进度 tab): its leader and 学工部, not its other members. */
    "training:view-team": (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN"),
  },
  schoolScope: {
    /** Compliance lists, ledgers and exports of a slice of the school: 学工部 for all, a college admin for their own college. */
    "training:view-scope": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
    /** Importing hours from an external platform (.xlsx) for the people of a slice: 学工部 for all, a college admin for their own college. */
    "training:import-hours": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
  },
};

/** The list side of "training-course:view". */
function viewableCourses(actor: Actor): Prisma.TrainingCourseWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  const own = ownScope(actor);
  const ways: Prisma.TrainingCourseWhereInput[] = [{ status: { in: [...VISIBLE_TO_ALL] } }, { enrolments: { some: { userId: actor.id } } }];
  if (own?.kind === "college") {
    ways.push({ level: "COLLEGE", collegeId: own.collegeId }, { level: "COLLEGE", jointGroup: { members: { some: { collegeId: own.collegeId } } } });
  }
  return { OR: ways };
}

/** The people whose records an actor reads: themself, their college's, everyone's for 学工部. */
function ownedRecords(actor: Actor): { userId: string } | { user: Prisma.UserWhereInput } | Record<string, never> {
  const own = ownScope(actor);
  if (own?.kind === "school") return {};
  if (own?.kind === "college") return { user: { OR: [{ id: actor.id }, { collegeId: own.collegeId }] } };
  return { userId: actor.id };
}

export const trainingScopes = {
  "training-course:view": viewableCourses,
  /** The list side of "training:view-ledger", on ledger entries. */
  "training:view-ledger": (actor: Actor): Prisma.TrainingHoursEntryWhereInput => ownedRecords(actor),
  /** The list side of "training-external:view". */
  "training-external:view": (actor: Actor): Prisma.ExternalTrainingRecordWhereInput => ownedRecords(actor),
  /**
   * Enrolments an actor may list: their own, and everyone's in the courses they organise
   * (a course's roster). The list side of "training-enrolment:view".
   */
  "training-enrolment:view": (actor: Actor): Prisma.TrainingEnrolmentWhereInput => {
    if (hasRole(actor, "ADMIN")) return {};
    const own = ownScope(actor);
    if (own?.kind !== "college") return { userId: actor.id };
    return {
      OR: [
        { userId: actor.id },
        { course: { level: "COLLEGE", collegeId: own.collegeId } },
        { course: { level: "COLLEGE", jointGroup: { members: { some: { collegeId: own.collegeId } } } } },
      ],
    };
  },
};

/** An enrolment row as one actor sees it: whose it is, and the course it belongs to. */
export interface TrainingEnrolmentResource {
  userId: string;
  course: TrainingCourseResource;
}

export const trainingEnrolmentRules = {
  trainingEnrolment: {
    /** A roster line: the person themself and the course's organisers. */
    "training-enrolment:view": (actor: Actor, enrolment: TrainingEnrolmentResource) => actor.id === enrolment.userId || organises(actor, enrolment.course),
  },
};

/** Who takes training (menus, compliance lists, cohorts) and who organises it. */
export const trainingWhoMay = {
  "training:view-menu": holdersOf("COUNSELOR"),
  "training:administer": holdersOf("ADMIN"),
};
