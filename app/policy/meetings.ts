import type { Prisma } from "~/generated/prisma/client.ts";
import type { MeetingOrganiserKind, MeetingStatus, StudioRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import { managesScope, ownScope, type SchoolScope } from "./scope.ts";

/**
 * Monthly exchange meetings (issue 19, decision 059). 学工部 organises school-wide series, a college
 * admin their college's or their college's joint group's, a studio leader their studio's; the
 * creator and co-organisers of a series organise it too. Invitees (rows written when the agenda is
 * published) read the meeting, check in and propose agenda items; an action item's owner and the
 * series' organisers update it, nobody else.
 */

/** Who would organise a series: the school, a college, a joint group (its colleges) or a studio. */
export interface MeetingOrganiserResource {
  organiserKind: MeetingOrganiserKind;
  collegeId: string | null;
  groupCollegeIds: readonly string[];
  studioId: string | null;
  /** The viewer's role in the organising studio (studio series). */
  viewerStudioRole: StudioRole | null;
}

/** A series as one actor sees it. Loaded by app/meetings/access.server.ts. */
export interface MeetingSeriesResource extends MeetingOrganiserResource {
  seriesId: string;
  /** The viewer created the series or is one of its co-organisers. */
  viewerOrganises: boolean;
  /** The viewer is invited to at least one meeting of the series. */
  viewerInvited: boolean;
}

/** One meeting as one actor sees it. */
export interface MeetingResource extends MeetingSeriesResource {
  meetingId: string;
  status: MeetingStatus;
  /** The viewer is invited to this meeting. */
  viewerInvitedHere: boolean;
  /** The viewer takes notes at this meeting (writes the minutes). */
  viewerNoteTaker: boolean;
  minutesConfirmed: boolean;
}

/** An action item (督办事项) as one actor sees it. */
export interface ActionItemResource {
  ownerId: string;
  series: MeetingSeriesResource;
}

/** 学工部 every series; a college admin their college's and their joint group's; a studio's leader the studio's. */
function organisesFor(actor: Actor, organiser: MeetingOrganiserResource): boolean {
  if (hasRole(actor, "ADMIN")) return true;
  if (organiser.organiserKind === "STUDIO") return organiser.viewerStudioRole === "LEADER";
  const own = ownScope(actor);
  if (own?.kind !== "college") return false;
  if (organiser.organiserKind === "COLLEGE") return organiser.collegeId === own.collegeId;
  if (organiser.organiserKind === "JOINT_GROUP") return organiser.groupCollegeIds.includes(own.collegeId);
  return false;
}

const manages = (actor: Actor, series: MeetingSeriesResource) => series.viewerOrganises || organisesFor(actor, series);
const OPEN: readonly MeetingStatus[] = ["SCHEDULED", "IN_PROGRESS"];

export const meetingRules = {
  school: {
    /** The meetings area (my meetings, my action items): every signed-in member of staff. */
    "meetings:use": (_actor: Actor, _resource: null) => true,
  },
  schoolScope: {
    /** The 督导落实 overview of a slice of the school: 学工部 for all, a college admin for their college. */
    "meetings:view-overview": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
  },
  meetingOrganiser: {
    /** Creating a series for this organiser. */
    "meeting-series:create": (actor: Actor, organiser: MeetingOrganiserResource) => organisesFor(actor, organiser),
  },
  meetingSeries: {
    /** The series page: its organisers and whoever has been invited to one of its meetings. */
    "meeting-series:view": (actor: Actor, series: MeetingSeriesResource) => manages(actor, series) || series.viewerInvited,
    /** Rule, template, audience, co-organisers, generating meetings, the backlog's decisions. */
    "meeting-series:manage": (actor: Actor, series: MeetingSeriesResource) => manages(actor, series),
    /** Proposing an agenda item (议题池): invitees and organisers. */
    "meeting-series:propose": (actor: Actor, series: MeetingSeriesResource) => manages(actor, series) || series.viewerInvited,
  },
  meeting: {
    /** The meeting page (agenda, attendance, groups, outcomes, carried-over action items): organisers and its invitees. */
    "meeting:view": (actor: Actor, meeting: MeetingResource) => manages(actor, meeting) || meeting.viewerInvitedHere,
    /**
     * Agenda, move, cancel, publish, attendance by hand, groups, outcomes, close and confirm: the
     * organisers (a closed or cancelled meeting is refused by the service, with the reason).
     */
    "meeting:manage": (actor: Actor, meeting: MeetingResource) => manages(actor, meeting),
    /** Whether the page should offer the editing forms at all (the service refuses the rest with a reason). */
    "meeting:edit": (actor: Actor, meeting: MeetingResource) => manages(actor, meeting) && OPEN.includes(meeting.status),
    /** Checking in with the code or QR: an invitee of a meeting not closed or cancelled. */
    "meeting:check-in": (_actor: Actor, meeting: MeetingResource) => meeting.viewerInvitedHere && OPEN.includes(meeting.status),
    /** Reading the minutes: whoever sees the meeting. */
    "meeting:read-minutes": (actor: Actor, meeting: MeetingResource) => manages(actor, meeting) || meeting.viewerInvitedHere,
    /** Writing the minutes: organisers and note-takers, until they are confirmed (签发); never for a cancelled meeting. */
    "meeting:write-minutes": (actor: Actor, meeting: MeetingResource) =>
      (manages(actor, meeting) || (meeting.viewerNoteTaker && meeting.viewerInvitedHere)) && !meeting.minutesConfirmed && meeting.status !== "CANCELLED",
  },
  actionItem: {
    /** An action item: its owner, the series' organisers and the series' invitees (it is reviewed at their meetings). */
    "action-item:view": (actor: Actor, item: ActionItemResource) => actor.id === item.ownerId || manages(actor, item.series) || item.series.viewerInvited,
    /** Status and notes: the owner and the series' organisers, nobody else. */
    "action-item:update": (actor: Actor, item: ActionItemResource) => actor.id === item.ownerId || manages(actor, item.series),
  },
};

/** The series an actor organises by office or by name, as a where clause (the list side of `manages`). */
function managedSeries(actor: Actor): Prisma.MeetingSeriesWhereInput[] {
  const ways: Prisma.MeetingSeriesWhereInput[] = [
    { organisers: { some: { userId: actor.id } } },
    { organiserKind: "STUDIO", studio: { memberships: { some: { userId: actor.id, role: "LEADER" } } } },
  ];
  const own = ownScope(actor);
  if (own?.kind === "college") {
    ways.push({ organiserKind: "COLLEGE", collegeId: own.collegeId }, { organiserKind: "JOINT_GROUP", jointGroup: { members: { some: { collegeId: own.collegeId } } } });
  }
  return ways;
}

/**
 * The series an actor organises — the list side of `manages` (学工部: all), for search, which
 * finds every meeting of these series and, beyond them, only the meetings one is invited to
 * (app/search/scope.server.ts; compared with "meeting:view" in app/search/meetings-search.server.test.ts).
 */
export function manageableSeries(actor: Actor): Prisma.MeetingSeriesWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return { OR: managedSeries(actor) };
}

/** The list side of "meeting-series:view". */
function viewableSeries(actor: Actor): Prisma.MeetingSeriesWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return { OR: [...managedSeries(actor), { meetings: { some: { invitations: { some: { userId: actor.id } } } } }] };
}

/** The list side of "meeting:view": one indexed lookup of the invitation for invitees. */
function viewableMeetings(actor: Actor): Prisma.MeetingWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return { OR: [{ invitations: { some: { userId: actor.id } } }, { series: { OR: managedSeries(actor) } }] };
}

/** The list side of "action-item:view". */
function viewableActionItems(actor: Actor): Prisma.ActionItemWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return {
    OR: [{ ownerId: actor.id }, { series: { OR: [...managedSeries(actor), { meetings: { some: { invitations: { some: { userId: actor.id } } } } }] } }],
  };
}

export const meetingScopes = {
  "meeting-series:view": viewableSeries,
  "meeting:view": viewableMeetings,
  "action-item:view": viewableActionItems,
};
