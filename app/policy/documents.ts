import type { Prisma } from "~/generated/prisma/client.ts";
import type { DocumentStatus, StudioRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import { meetingRules, meetingScopes, type MeetingResource } from "./meetings.ts";
import { seesWorkspace, studioScopes, type StudioResource } from "./studios.ts";

/**
 * A studio document as seen by one actor. Loaded by app/documents/access.server.ts.
 * - members (leader, backbone, newcomers) co-author it while it is a draft or needs changes;
 * - the studio's mentors (ACCEPTED on any of its directions) read, comment and review;
 * - 学工部 (ADMIN) reads and comments, school-wide oversight;
 * - everybody else (other counselors, college admins who are not members) sees nothing.
 * During review, after approval and once published the text is locked; reopening makes it a draft.
 */
export interface DocumentResource {
  studioId: string;
  status: DocumentStatus;
  viewerRole: StudioRole | null;
  viewerMentors: boolean;
  /** The viewer created the document. */
  viewerCreated: boolean;
  /** The viewer created or has edited the document (DocumentAuthor). */
  viewerIsAuthor: boolean;
  /** The viewer has a pending review request on the document. */
  viewerIsReviewer: boolean;
  /**
   * A meeting's minutes (decision 059) belong to the meeting, not to a studio: its rules decide who
   * reads and writes them, and nothing of a studio's workflow (review, publish, delete) applies.
   */
  minutes?: MeetingResource;
}

/** A template: studioId null is a school-wide template. */
export interface TemplateResource {
  studioId: string | null;
  viewerRole: StudioRole | null;
}

const EDITABLE: readonly DocumentStatus[] = ["DRAFT", "CHANGES_REQUESTED"];

/** A studio's documents are its working material: read whatever their status (search relies on it). */
const reads = (actor: Actor, doc: DocumentResource) =>
  doc.minutes ? meetingRules.meeting["meeting:read-minutes"](actor, doc.minutes) : seesWorkspace(actor, doc);

function authorOrLeader(doc: DocumentResource): boolean {
  return doc.viewerRole !== null && (doc.viewerIsAuthor || doc.viewerRole === "LEADER");
}

export const documentRules = {
  document: {
    /** Open the document, its comments, versions and review history; export it. */
    "document:read": (actor: Actor, doc: DocumentResource) => reads(actor, doc),
    /** Change the text (enforced by the collaboration server too) and its title, tags and links. */
    "document:edit": (actor: Actor, doc: DocumentResource) =>
      doc.minutes ? meetingRules.meeting["meeting:write-minutes"](actor, doc.minutes) : doc.viewerRole !== null && EDITABLE.includes(doc.status),
    /** Comment, reply, mention, resolve and reopen threads. */
    "document:comment": (actor: Actor, doc: DocumentResource) => reads(actor, doc),
    /** Save a named version. */
    "document:create-version": (_actor: Actor, doc: DocumentResource) => doc.viewerRole !== null,
    /** Ask the direction's mentors to review. */
    "document:request-review": (_actor: Actor, doc: DocumentResource) => authorOrLeader(doc) && EDITABLE.includes(doc.status),
    /** Take the request back to keep writing. */
    "document:withdraw-review": (_actor: Actor, doc: DocumentResource) => authorOrLeader(doc) && doc.status === "IN_REVIEW",
    /** Approve or request changes: only a mentor whose review is pending. */
    "document:decide-review": (_actor: Actor, doc: DocumentResource) => doc.viewerIsReviewer && doc.status === "IN_REVIEW",
    /** Publish an approved document (leader-responsibility system). */
    "document:publish": (_actor: Actor, doc: DocumentResource) => doc.viewerRole === "LEADER" && doc.status === "APPROVED",
    /** Turn an approved or published document back into a draft for revision. */
    "document:reopen": (_actor: Actor, doc: DocumentResource) =>
      authorOrLeader(doc) && (doc.status === "APPROVED" || doc.status === "PUBLISHED"),
    /** Delete: the leader; the creator while it is still a draft. */
    "document:delete": (_actor: Actor, doc: DocumentResource) =>
      doc.viewerRole === "LEADER" || (doc.viewerRole !== null && doc.viewerCreated && doc.status === "DRAFT"),
    /** Make a studio template from the document. */
    "document:save-as-template": (actor: Actor, doc: DocumentResource) => !doc.minutes && (doc.viewerRole === "LEADER" || hasRole(actor, "ADMIN")),
  },
  studio: {
    /** Write a new document or import files into a studio: its members. */
    "studio:create-document": (_actor: Actor, studio: StudioResource) => studio.viewerRole !== null,
  },
  template: {
    /** School templates are 学工部's; a studio's templates are its leader's (and 学工部's). */
    "template:manage": (actor: Actor, template: TemplateResource) =>
      hasRole(actor, "ADMIN") || (template.studioId !== null && template.viewerRole === "LEADER"),
  },
  comment: {
    /** A comment is deleted by whoever wrote it. */
    "comment:delete": (actor: Actor, comment: { authorId: string }) => actor.id === comment.authorId,
  },
};

export const documentScopes = {
  /** The list side of "document:read": the documents of the studios whose workspace the actor sees, and the minutes of the meetings they see. */
  "document:read": (actor: Actor): Prisma.DocumentWhereInput => ({
    OR: [{ studio: { is: studioScopes["studio:view-workspace"](actor) } }, { minutesOfMeeting: { is: meetingScopes["meeting:view"](actor) } }],
  }),
};
