import type {
  ActivityKind,
  DocumentStatus,
  DocumentType,
  Duty,
  Education,
  EvaluationGrade,
  JoinRequestKind,
  JoinRequestStatus,
  Level,
  MentorAssignmentStatus,
  MentorKind,
  QuestionKind,
  MentorRank,
  OutputType,
  ProfessionalTitle,
  ProjectStatus,
  ReviewStatus,
  Role,
  StudioRole,
  TargetGroup,
  TaskStatus,
  TrainingCourseStatus,
  TrainingEnrolmentSource,
  TrainingEnrolmentStatus,
  TrainingLevel,
  TrainingTargetKind,
  VersionReason,
  SpeakerKind,
  CheckInMethod,
  MeetingOrganiserKind,
  MeetingStatus,
  MeetingTargetKind,
  AgendaProposalStatus,
  AgendaOutcomeKind,
  ActionItemStatus,
} from "~/generated/prisma/enums.ts";
import type { CareerStage } from "~/people/career-stage.ts";
import type { Pair } from "./define-messages.ts";

/**
 * Every enum the interface shows, labelled once: one `[zh, en]` per value. Each table is checked
 * against its enum (`satisfies Labels<Enum>`), so a value added to prisma/schema.prisma fails to
 * compile until it is labelled here, and a value removed there fails until it goes here too.
 *
 * The tables sit at the top of the message tree under their own names, so a label is
 * t(`documentStatus.${status}`) everywhere; code that writes Chinese for the school (exports,
 * import templates, search records) reads the same tables (`documentStatus.DRAFT[0]`). A feature
 * never labels an enum in its own messages.ts.
 */
export type Labels<E extends string> = { readonly [V in E]: Pair };

// ───────────── people ─────────────

const role = {
  ADMIN: ["学工部管理员", "Student affairs admin"],
  COLLEGE_ADMIN: ["学院管理员", "College admin"],
  COUNSELOR: ["辅导员", "Counselor"],
  MENTOR: ["导师", "Mentor"],
} as const satisfies Labels<Role>;

const duty = {
  IDEOLOGY: ["思想理论教育和价值引领", "Ideological education and value guidance"],
  PARTY_CLASS: ["党团和班级建设", "Party, league and class building"],
  STUDY_STYLE: ["学风建设", "Study culture"],
  DAILY_AFFAIRS: ["学生日常事务管理", "Daily student affairs"],
  MENTAL_HEALTH: ["心理健康教育与咨询工作", "Mental health education and counseling"],
  ONLINE_EDUCATION: ["网络思想政治教育", "Online ideological education"],
  CRISIS: ["校园危机事件应对", "Campus crisis response"],
  CAREER: ["职业规划与就业创业指导", "Career planning and employment guidance"],
  RESEARCH: ["理论和实践研究", "Theory and practice research"],
} as const satisfies Labels<Duty>;

/** ProfessionalTitle. */
const title = {
  NONE: ["未评职称", "No title"],
  TEACHING_ASSISTANT: ["助教", "Teaching assistant"],
  LECTURER: ["讲师", "Lecturer"],
  ASSOCIATE_PROFESSOR: ["副教授", "Associate professor"],
  ASSOCIATE_RESEARCHER: ["副研究员", "Associate researcher"],
  PROFESSOR: ["教授", "Professor"],
  RESEARCHER: ["研究员", "Researcher"],
} as const satisfies Labels<ProfessionalTitle>;

/** TargetGroup: the five groups of the training programme. */
const group = {
  ALL_COUNSELORS: ["全体辅导员", "All counselors"],
  NEW_HIRES: ["新入职辅导员", "Newly hired counselors"],
  BACKBONE: ["骨干辅导员", "Backbone counselors"],
  DEPUTY_SECRETARIES: ["分管学生工作副书记", "Deputy secretaries for student work"],
  AFFAIRS_CADRES: ["学工管理干部", "Student affairs cadres"],
} as const satisfies Labels<TargetGroup>;

const education = {
  BACHELOR: ["本科", "Bachelor"],
  MASTER: ["硕士研究生", "Master"],
  DOCTOR: ["博士研究生", "Doctorate"],
} as const satisfies Labels<Education>;

const level = {
  COLLEGE: ["院级", "College"],
  SCHOOL: ["校级", "School"],
  MUNICIPAL: ["市级", "Municipal"],
  PROVINCIAL: ["省级", "Provincial"],
  NATIONAL: ["国家级", "National"],
} as const satisfies Labels<Level>;

/** The career stage (derived, not stored: app/people/career-stage.ts), its goal and its training plan. */
const stage = {
  NOVICE: ["初任期", "Novice"],
  GROWING: ["成长期", "Growing"],
  EXPERIENCED: ["经验期", "Experienced"],
  EXPERT: ["成熟期", "Expert"],
} as const satisfies Labels<CareerStage>;

const stageGoal = {
  NOVICE: ["工作适应", "Adapting to the work"],
  GROWING: ["专业探索", "Exploring a specialty"],
  EXPERIENCED: ["职业确定", "Settling the career"],
  EXPERT: ["成果展示", "Showing results"],
} as const satisfies Labels<CareerStage>;

const stagePlan = {
  NOVICE: ["新任辅导员基础能力提升计划", "Basic skills programme for new counselors"],
  GROWING: ["骨干辅导员交流培养计划", "Exchange programme for backbone counselors"],
  EXPERIENCED: ["资深辅导员助力培养计划", "Support programme for senior counselors"],
  EXPERT: ["学生工作专家型辅导员培训计划", "Expert counselor programme"],
} as const satisfies Labels<CareerStage>;

// ───────────── studios ─────────────

const studioRole = {
  LEADER: ["负责人", "Leader"],
  BACKBONE: ["骨干", "Backbone"],
  NEWCOMER: ["新成员", "Newcomer"],
} as const satisfies Labels<StudioRole>;

const joinRequestKind = {
  APPLICATION: ["申请", "Application"],
  INVITATION: ["邀请", "Invitation"],
} as const satisfies Labels<JoinRequestKind>;

const joinRequestStatus = {
  PENDING: ["待处理", "Pending"],
  APPROVED: ["已同意", "Approved"],
  DECLINED: ["已婉拒", "Declined"],
  WITHDRAWN: ["已撤回", "Withdrawn"],
} as const satisfies Labels<JoinRequestStatus>;

const projectStatus = {
  PLANNING: ["筹备中", "Planning"],
  IN_PROGRESS: ["进行中", "In progress"],
  CONCLUDED: ["已结题", "Concluded"],
  SUSPENDED: ["已暂停", "Suspended"],
} as const satisfies Labels<ProjectStatus>;

const taskStatus = {
  TODO: ["待开始", "To do"],
  IN_PROGRESS: ["进行中", "In progress"],
  DONE: ["已完成", "Done"],
} as const satisfies Labels<TaskStatus>;

const outputType = {
  PAPER: ["论文", "Paper"],
  BOOK: ["著作", "Book"],
  RESEARCH_PROJECT: ["科研项目", "Research project"],
  CASE: ["案例", "Case"],
  CULTURE_PRODUCT: ["育人文化产品", "Education culture product"],
  AWARD: ["获奖", "Award"],
  COURSE: ["课程", "Course"],
} as const satisfies Labels<OutputType>;

const evaluationGrade = {
  EXCELLENT: ["优秀", "Excellent"],
  QUALIFIED: ["合格", "Qualified"],
  UNQUALIFIED: ["不合格", "Unqualified"],
} as const satisfies Labels<EvaluationGrade>;

const activityKind = {
  SEMINAR: ["专题研讨", "Seminar"],
  TRAINING: ["专题培训", "Training"],
  LECTURE: ["主题讲堂", "Lecture"],
  FIELDWORK: ["调研实践", "Field research"],
  MEETING: ["工作例会", "Meeting"],
  OTHER: ["其他", "Other"],
} as const satisfies Labels<ActivityKind>;

// ───────────── mentors ─────────────

/** The kind as a name on its own. */
const mentorKind = {
  INTERNAL: ["校内导师", "Internal mentor"],
  EXTERNAL: ["校外导师", "External mentor"],
} as const satisfies Labels<MentorKind>;

/** The kind as a word inside a sentence: “{{kind}}导师”, “{{kind}} mentor”. */
const mentorKindModifier = {
  INTERNAL: ["校内", "internal"],
  EXTERNAL: ["校外", "external"],
} as const satisfies Labels<MentorKind>;

const mentorRank = {
  SENIOR: ["正高级", "Full senior"],
  ASSOCIATE: ["副高级", "Associate senior"],
  INTERMEDIATE: ["中级", "Intermediate"],
  JUNIOR: ["初级", "Junior"],
} as const satisfies Labels<MentorRank>;

const mentorAssignmentStatus = {
  PROPOSED: ["待发布", "Pending"],
  INVITED: ["已邀请", "Invited"],
  ACCEPTED: ["已接受", "Accepted"],
  DECLINED: ["已婉拒", "Declined"],
  EXCLUDED: ["已排除", "Excluded"],
} as const satisfies Labels<MentorAssignmentStatus>;

// ───────────── documents ─────────────

const documentType = {
  RESEARCH_NOTE: ["研究笔记", "Research note"],
  CASE_STUDY: ["案例", "Case study"],
  OUTPUT_DRAFT: ["成果稿", "Output draft"],
  MEETING_MINUTES: ["例会纪要", "Meeting minutes"],
} as const satisfies Labels<DocumentType>;

const documentStatus = {
  DRAFT: ["草稿", "Draft"],
  IN_REVIEW: ["审阅中", "In review"],
  CHANGES_REQUESTED: ["需修改", "Changes requested"],
  APPROVED: ["已通过", "Approved"],
  PUBLISHED: ["已发布", "Published"],
} as const satisfies Labels<DocumentStatus>;

const versionReason = {
  AUTO: ["自动保存", "Autosave"],
  STATUS_CHANGE: ["状态变化", "Status change"],
  NAMED: ["命名版本", "Named version"],
  RESTORE: ["恢复", "Restore"],
} as const satisfies Labels<VersionReason>;

const reviewStatus = {
  PENDING: ["待审阅", "Pending"],
  APPROVED: ["通过", "Approved"],
  CHANGES_REQUESTED: ["需要修改", "Changes requested"],
  CANCELLED: ["已取消", "Cancelled"],
} as const satisfies Labels<ReviewStatus>;

// ───────────── training (issue 18) ─────────────

const trainingLevel = {
  SCHOOL: ["校级", "School level"],
  COLLEGE: ["院级", "College level"],
} as const satisfies Labels<TrainingLevel>;

const trainingCourseStatus = {
  DRAFT: ["草稿", "Draft"],
  PUBLISHED: ["已发布", "Published"],
  CANCELLED: ["已取消", "Cancelled"],
} as const satisfies Labels<TrainingCourseStatus>;

const speakerKind = {
  INVITED: ["请进来", "Invited speaker"],
  OUTGOING: ["走出去", "External event"],
  INTERNAL: ["校内主讲", "Internal speaker"],
} as const satisfies Labels<SpeakerKind>;

const trainingTargetKind = {
  REQUIRED: ["规定动作", "Required"],
  ELECTIVE: ["自选动作", "Elective"],
} as const satisfies Labels<TrainingTargetKind>;

const trainingEnrolmentStatus = {
  ENROLLED: ["已报名", "Enrolled"],
  WAITLISTED: ["候补中", "Waitlisted"],
  WITHDRAWN: ["已退出", "Withdrawn"],
} as const satisfies Labels<TrainingEnrolmentStatus>;

const trainingEnrolmentSource = {
  SELF: ["本人报名", "Self-enrolled"],
  ASSIGNED: ["统一安排", "Assigned"],
} as const satisfies Labels<TrainingEnrolmentSource>;

const checkInMethod = {
  CODE: ["签到码", "Code"],
  QR: ["扫码", "QR code"],
  MANUAL: ["手工登记", "Marked by hand"],
} as const satisfies Labels<CheckInMethod>;

// ───────────── monthly exchange meetings (issue 19) ─────────────

const meetingOrganiserKind = {
  SCHOOL: ["学工部", "School (student affairs)"],
  COLLEGE: ["学院", "College"],
  JOINT_GROUP: ["联合培训组", "Joint training group"],
  STUDIO: ["工作室", "Studio"],
} as const satisfies Labels<MeetingOrganiserKind>;

const meetingStatus = {
  SCHEDULED: ["已排定", "Scheduled"],
  IN_PROGRESS: ["进行中", "In progress"],
  CLOSED: ["已结束", "Closed"],
  CANCELLED: ["已取消", "Cancelled"],
} as const satisfies Labels<MeetingStatus>;

const meetingTargetKind = {
  STAGE: ["发展阶段", "Career stage"],
  GROUP: ["群体", "Group"],
  COLLEGE: ["学院", "College"],
  STUDIO: ["工作室成员", "Studio members"],
  PERSON: ["点名参会", "Named person"],
} as const satisfies Labels<MeetingTargetKind>;

const agendaProposalStatus = {
  OPEN: ["待采纳", "Open"],
  TAKEN: ["已列入议程", "Taken into an agenda"],
  DECLINED: ["未采纳", "Declined"],
} as const satisfies Labels<AgendaProposalStatus>;

const agendaOutcomeKind = {
  INFORMATION: ["通报", "Information"],
  DECISION: ["决定", "Decision"],
  ACTION: ["督办事项", "Action item"],
} as const satisfies Labels<AgendaOutcomeKind>;

const actionItemStatus = {
  OPEN: ["未开始", "Not started"],
  IN_PROGRESS: ["落实中", "In progress"],
  DONE: ["已完成", "Done"],
  DROPPED: ["已撤销", "Dropped"],
} as const satisfies Labels<ActionItemStatus>;

const questionKind = {
  SINGLE: ["单选题", "Single choice"],
  MULTIPLE: ["多选题（不定项）", "Multiple choice"],
  TRUE_FALSE: ["判断题", "True or false"],
  FILL_IN: ["填空题", "Fill in"],
  SHORT_ANSWER: ["简答题", "Short answer"],
} as const satisfies Labels<QuestionKind>;

/** Registered at the top of the message tree by app/i18n/resources.ts. */
export const enumLabels = {
  role,
  duty,
  title,
  group,
  education,
  level,
  stage,
  stageGoal,
  stagePlan,
  studioRole,
  joinRequestKind,
  joinRequestStatus,
  projectStatus,
  taskStatus,
  outputType,
  evaluationGrade,
  activityKind,
  mentorKind,
  mentorKindModifier,
  mentorRank,
  mentorAssignmentStatus,
  documentType,
  documentStatus,
  versionReason,
  reviewStatus,
  trainingLevel,
  trainingCourseStatus,
  speakerKind,
  trainingTargetKind,
  trainingEnrolmentStatus,
  trainingEnrolmentSource,
  checkInMethod,
  meetingOrganiserKind,
  meetingStatus,
  meetingTargetKind,
  agendaProposalStatus,
  agendaOutcomeKind,
  actionItemStatus,
  questionKind,
};
