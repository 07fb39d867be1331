/**
 * The one place that decides who may do what (like Outline's server/policies). Routes, services
 * and the realtime server ask `can(actor, action, resource)` or `authorize(...)`; lists select
 * their rows with `whereCan(actor, action)`, the list side of the same rule; pages receive
 * `abilities(actor, kind, resource)`, every rule of a resource evaluated at once. No permission
 * logic lives anywhere else (app/policy/no-checks-elsewhere.test.ts). Rules are pure functions of
 * the actor and a small resource description, so each is tested for every role in
 * app/policy/policy.test.ts.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Actor } from "./actor.ts";
import { accountRules, type AccountResource } from "./accounts.ts";
import { ownScope, type SchoolScope } from "./scope.ts";
import { mentorRules, mentorWhoMay, type InvitationResource, type MentorResource } from "./mentors.ts";
import { documentRules, documentScopes, type DocumentResource, type TemplateResource } from "./documents.ts";
import { evaluationRules, evaluationWhoMay } from "./evaluations.ts";
import {
  campRules,
  campScopes,
  type CampAttemptResource,
  type CampEntryResource,
  type CampResource,
  type CampResultResource,
  type CampShortAnswerResource,
  type IdentificationStudentResource,
} from "./camp.ts";
import {
  meetingRules,
  meetingScopes,
  type ActionItemResource,
  type MeetingOrganiserResource,
  type MeetingResource,
  type MeetingSeriesResource,
} from "./meetings.ts";
import { joinRequestRules, type JoinRequestResource } from "./join-requests.ts";
import { notificationRules } from "./notifications.ts";
import { outputRules, type OutputResource } from "./outputs.ts";
import { peopleRules, peopleScopes, peopleWhoMay } from "./people.ts";
import { projectRules, type ProjectResource, type TaskResource } from "./projects.ts";
import { schoolRules } from "./school.ts";
import { searchRules, searchScopes } from "./search.ts";
import { studioRules, studioScopes, studioWhoMay, type StudioResource } from "./studios.ts";
import {
  trainingEnrolmentRules,
  trainingRules,
  trainingScopes,
  trainingWhoMay,
  type ExternalTrainingResource,
  type TrainingCourseResource,
  type TrainingEnrolmentResource,
  type TrainingOrganiserResource,
  type TrainingPersonResource,
} from "./training.ts";

export type { Actor } from "./actor.ts";
export { ownScope, type SchoolScope } from "./scope.ts";

/** The kinds of resource rules decide about, and what describes one as an actor sees it. */
interface ResourceKinds {
  /** The school as a whole: what someone may do at all (pages, navigation, creating things). */
  school: null;
  /** A slice of the school: all of it or one college (rosters, dashboards). */
  schoolScope: SchoolScope;
  person: AccountResource;
  /** One's own account (a password, API tokens). */
  account: { userId: string };
  studio: StudioResource;
  activity: { studio: StudioResource; viewerRecorded: boolean };
  joinRequest: JoinRequestResource;
  project: ProjectResource;
  task: TaskResource;
  output: OutputResource;
  document: DocumentResource;
  template: TemplateResource;
  comment: { authorId: string };
  mentor: MentorResource;
  invitation: InvitationResource;
  notification: { userId: string };
  apiToken: { userId: string };
  /** Who would organise a course: the school, a college or a joint training group. */
  trainingOrganiser: TrainingOrganiserResource;
  trainingCourse: TrainingCourseResource;
  trainingEnrolment: TrainingEnrolmentResource;
  /** Someone's training record: plan, menu, progress, ledger. */
  trainingPerson: TrainingPersonResource;
  externalTraining: ExternalTrainingResource;
  /** Who would organise a meeting series: the school, a college, a joint group or a studio. */
  meetingOrganiser: MeetingOrganiserResource;
  meetingSeries: MeetingSeriesResource;
  meeting: MeetingResource;
  actionItem: ActionItemResource;
  camp: CampResource;
  campAttempt: CampAttemptResource;
  campResult: CampResultResource;
  /** A contestant's entry in a judged round. */
  campEntry: CampEntryResource;
  campShortAnswer: CampShortAnswerResource;
  /** A student of 人物辨识 (personal data). */
  identificationStudent: IdentificationStudentResource;
}

/**
 * Every rule, by the kind of resource it decides about. Rule files export their rules grouped the
 * same way; a new file adds its groups here, a new kind of resource a line in `ResourceKinds`.
 */
const RULES = {
  school: { ...schoolRules.school, ...studioRules.school, ...peopleRules.school, ...mentorRules.school, ...searchRules.school, ...trainingRules.school, ...meetingRules.school, ...campRules.school },
  schoolScope: { ...schoolRules.schoolScope, ...peopleRules.schoolScope, ...trainingRules.schoolScope, ...meetingRules.schoolScope },
  person: { ...peopleRules.person, ...accountRules.person },
  account: { ...accountRules.account, ...searchRules.account },
  studio: {
    ...studioRules.studio,
    ...documentRules.studio,
    ...joinRequestRules.studio,
    ...projectRules.studio,
    ...outputRules.studio,
    ...evaluationRules.studio,
    ...mentorRules.studio,
    ...searchRules.studio,
    ...trainingRules.studio,
  },
  activity: studioRules.activity,
  joinRequest: joinRequestRules.joinRequest,
  project: projectRules.project,
  task: projectRules.task,
  output: outputRules.output,
  document: documentRules.document,
  template: documentRules.template,
  comment: documentRules.comment,
  mentor: mentorRules.mentor,
  invitation: mentorRules.invitation,
  notification: notificationRules.notification,
  apiToken: searchRules.apiToken,
  trainingOrganiser: trainingRules.trainingOrganiser,
  trainingCourse: trainingRules.trainingCourse,
  trainingEnrolment: trainingEnrolmentRules.trainingEnrolment,
  trainingPerson: trainingRules.trainingPerson,
  externalTraining: trainingRules.externalTraining,
  meetingOrganiser: meetingRules.meetingOrganiser,
  meetingSeries: meetingRules.meetingSeries,
  meeting: meetingRules.meeting,
  actionItem: meetingRules.actionItem,
  camp: campRules.camp,
  campAttempt: campRules.campAttempt,
  campResult: campRules.campResult,
  campEntry: campRules.campEntry,
  campShortAnswer: campRules.campShortAnswer,
  identificationStudent: campRules.identificationStudent,
} satisfies { [K in keyof ResourceKinds]: Record<string, (actor: Actor, resource: ResourceKinds[K]) => boolean> };

export type ResourceKind = keyof ResourceKinds;
type RulesOf<K extends ResourceKind> = (typeof RULES)[K];
export type Action = { [K in ResourceKind]: keyof RulesOf<K> }[ResourceKind];
type RuleOf<A extends Action> = { [K in ResourceKind]: A extends keyof RulesOf<K> ? RulesOf<K>[A] : never }[ResourceKind];
export type ResourceOf<A extends Action> = Parameters<RuleOf<A>>[1];

type AnyRule = (actor: Actor, resource: unknown) => boolean;
const rules = Object.assign({}, ...Object.values(RULES)) as Record<Action, AnyRule>;

export const RESOURCE_KINDS = Object.keys(RULES) as ResourceKind[];

/** The actions decided about one kind of resource (an action name belongs to one kind only: policy.test.ts). */
export function actionsOf<K extends ResourceKind>(kind: K): Array<keyof RulesOf<K> & Action> {
  return Object.keys(RULES[kind]) as Array<keyof RulesOf<K> & Action>;
}

export function can<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): boolean {
  if (!actor) return false;
  return rules[action](actor, resource);
}

/** Throws a 403 response (rendered by the error boundary in the person's language) when not allowed. */
export function authorize<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/** Every action on one kind of resource → whether the actor may do it: what a page needs to show only what is allowed. */
export type Abilities<K extends ResourceKind> = { [A in keyof RulesOf<K>]: boolean };

/**
 * Every rule of a resource evaluated for the actor (Outline's `serialize`), for a loader to hand
 * to its page: components read `abilities["document:edit"]` instead of asking the policy or
 * receiving hand-picked flags. Plain booleans, so it serialises as it is.
 */
export function abilities<K extends ResourceKind>(actor: Actor | null | undefined, kind: K, resource: ResourceKinds[K]): Abilities<K> {
  const entries = Object.entries(RULES[kind] as Record<string, AnyRule>).map(([action, rule]) => [action, actor ? rule(actor, resource) : false]);
  return Object.fromEntries(entries) as Abilities<K>;
}

/**
 * The list side of read rules: for an actor, the Prisma where clause that selects exactly the rows
 * the rule allows one by one (tests/integration/list-scopes.test.ts compares the two for every
 * seeded person). Combine it with a page's own filters through `AND`, never by spreading.
 */
const LIST_SCOPES = { ...studioScopes, ...documentScopes, ...peopleScopes, ...searchScopes, ...trainingScopes, ...meetingScopes, ...campScopes };
export type ListedAction = keyof typeof LIST_SCOPES;
export type ListScope<A extends ListedAction> = ReturnType<(typeof LIST_SCOPES)[A]>;
export const LISTED_ACTIONS = Object.keys(LIST_SCOPES) as ListedAction[];

export function whereCan<A extends ListedAction>(actor: Actor, action: A): ListScope<A> {
  return LIST_SCOPES[action](actor) as ListScope<A>;
}

/**
 * The other list side, for rules that depend on the person alone (their roles): the people for
 * whom the rule holds, as a where clause on users — whom to offer in a picker, whom to tell.
 * tests/integration/list-scopes.test.ts checks each against the rule for every seeded person.
 */
const WHO_MAY = { ...studioWhoMay, ...evaluationWhoMay, ...mentorWhoMay, ...peopleWhoMay, ...trainingWhoMay };
export type PeopleListedAction = keyof typeof WHO_MAY;
export const PEOPLE_LISTED_ACTIONS = Object.keys(WHO_MAY) as PeopleListedAction[];

export function whoMay(action: PeopleListedAction): Prisma.UserWhereInput {
  return WHO_MAY[action];
}

/**
 * The slice of the school the actor looks after (app/policy/scope.ts), for pages that show "mine":
 * 学工部 the school, a college admin their college; a 403 for anyone else, including a college
 * admin whose account has no college — never the whole school.
 */
export function requireOwnScope(actor: Actor): SchoolScope {
  const scope = ownScope(actor);
  if (scope === null) throw forbidden();
  return scope;
}

function forbidden() {
  return new Response("forbidden", { status: 403, statusText: "Forbidden" });
}

declare const permitted: unique symbol;
/** Proof that the policy allowed an action; the action protocol's intents must return one. */
export type Permit = { readonly [permitted]: true };

/** authorize(), returning the proof an intent hands the action protocol (app/lib/actions.server.ts). */
export function permit<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): Permit {
  authorize(actor, action, resource);
  return {} as Permit;
}

/**
 * Signing in is the one action taken before anyone is known, so no rule about an actor can allow
 * it: it is open to every visitor. What guards it is the login service (the same answer for a
 * wrong password and an unknown 工号, lockout and rate limits per account and address).
 */
export function permitSignIn(): Permit {
  return {} as Permit;
}
