import { prisma } from "~/db/client.server.ts";
import type { Duty } from "~/generated/prisma/enums.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import { CAREER_STAGES, deriveCareerStage, type CareerStage } from "~/people/career-stage.ts";
import { can, ownScope, whoMay, type SchoolScope } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { recommendStudios } from "~/studios/studios.server.ts";

/** Everything the home page shows for one signed-in person, in a handful of indexed queries. */
export async function getHomeData(user: SessionUser, now = new Date()) {
  const settings = await getSchoolSettings();
  // The figures of what the person looks after (学工部 the school, a college admin their college);
  // a college admin whose account has no college gets none, not the school's.
  const scope = ownScope(user);
  const overviewScope = scope && can(user, "dashboard:view", scope) ? scope : null;
  const [profile, college, memberships, mentor, overview] = await Promise.all([
    prisma.counselorProfile.findUnique({
      where: { userId: user.id },
      select: { counselorSince: true, title: true },
    }),
    user.collegeId ? prisma.college.findUnique({ where: { id: user.collegeId }, select: { name: true } }) : null,
    prisma.studioMembership.findMany({
      where: { userId: user.id, studio: { archivedAt: null } },
      orderBy: { joinedAt: "asc" },
      select: {
        role: true,
        studio: { select: { id: true, name: true, duty: true, level: true, _count: { select: { memberships: true } } } },
      },
    }),
    can(user, "mentoring:view-own", null)
      ? prisma.mentor.findUnique({
          where: { userId: user.id },
          select: {
            kind: true,
            assignments: {
              where: { status: { in: ["ACCEPTED", "INVITED"] } },
              select: { status: true, direction: { select: { name: true, studio: { select: { name: true } } } } },
            },
          },
        })
      : null,
    overviewScope ? getOverview(overviewScope, now, settings.stageThresholds) : null,
  ]);
  // Someone in no studio yet who may join one sees where to start: the three that fit them best.
  const suggestions =
    memberships.length === 0 && can(user, "studio:join", null) ? (await recommendStudios(user.id, 3)).recommendations : [];

  return {
    collegeName: college?.name ?? null,
    career: profile
      ? { ...deriveCareerStage(profile, now, settings.stageThresholds), since: profile.counselorSince, title: profile.title }
      : null,
    studios: memberships.map((m) => ({
      id: m.studio.id,
      name: m.studio.name,
      duty: m.studio.duty,
      level: m.studio.level,
      role: m.role,
      memberCount: m.studio._count.memberships,
    })),
    mentoring: mentor
      ? {
          kind: mentor.kind,
          directions: mentor.assignments.map((a) => ({
            studio: a.direction.studio.name,
            direction: a.direction.name,
            status: a.status,
          })),
        }
      : null,
    suggestions,
    overview,
  };
}

/** School-wide or one college's figures for admins. */
async function getOverview(scope: SchoolScope, now: Date, thresholds: Parameters<typeof deriveCareerStage>[2]) {
  const college = scope.kind === "college" ? { collegeId: scope.collegeId } : {};
  // The counselors: the people with a career stage of their own.
  const counselorWhere = { AND: [whoMay("career:view-own"), { active: true, ...college }] };
  const [counselors, studios, mentors] = await Promise.all([
    prisma.counselorProfile.findMany({ where: { user: counselorWhere }, select: { counselorSince: true, title: true } }),
    prisma.studio.findMany({
      where: { archivedAt: null, ...(scope.kind === "college" ? { memberships: { some: { user: college } } } : {}) },
      select: { duty: true },
    }),
    prisma.mentor.count({ where: { available: true } }),
  ]);
  const stageCounts = Object.fromEntries(CAREER_STAGES.map((stage) => [stage, 0])) as Record<CareerStage, number>;
  for (const counselor of counselors) stageCounts[deriveCareerStage(counselor, now, thresholds).stage] += 1;
  return {
    scope: scope.kind,
    counselors: counselors.length,
    studios: studios.length,
    mentors,
    dutiesCovered: new Set<Duty>(studios.map((s) => s.duty)).size,
    stageCounts,
  };
}
