import { subDays } from "date-fns";
import type { ActivityKind } from "~/generated/prisma/enums.ts";
import { whoMay } from "~/policy/index.ts";
import type { SeedContext } from "~/seed/steps.server.ts";

const ACTIVITIES: Array<{ kind: ActivityKind; title: string; location: string }> = [
  { kind: "SEMINAR", title: "研究方向专题研讨会", location: "工作室研讨室" },
  { kind: "TRAINING", title: "案例写作专题培训", location: "学生工作部报告厅" },
  { kind: "LECTURE", title: "素质能力提升主题讲堂", location: "图书馆学术报告厅" },
  { kind: "FIELDWORK", title: "学生社区走访调研", location: "学生公寓" },
  { kind: "MEETING", title: "月度工作例会", location: "工作室" },
];

/**
 * Demo content for studios on top of the core demo university: a year of activities per studio
 * (for the annual report) and one application waiting for the 心晴 leader. The demo counselor
 * 王小雨 stays outside every studio so the "join by specialty" flow can be tried.
 */
export async function seedStudioLife({ db, now, faker }: SeedContext): Promise<void> {
  const studios = await db.studio.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, memberships: { where: { role: "LEADER" }, select: { userId: true } } },
  });
  const activities = studios.flatMap((studio) =>
    Array.from({ length: 3 + faker.number.int({ min: 0, max: 2 }) }, (_, i) => {
      const template = ACTIVITIES[(i + studio.name.length) % ACTIVITIES.length]!;
      return {
        studioId: studio.id,
        kind: template.kind,
        title: `${template.title}（第 ${i + 1} 期）`,
        date: subDays(now, 20 + i * 70 + faker.number.int({ min: 0, max: 20 })),
        location: template.location,
        participants: faker.number.int({ min: 8, max: 60 }),
        summary: "围绕工作室研究方向开展交流，形成会议纪要并明确下一步分工。",
        createdById: studio.memberships[0]?.userId ?? null,
      };
    }),
  );
  await db.studioActivity.createMany({ data: activities });

  const xinqing = studios.find((s) => s.name === "“心晴”心理健康教育辅导员工作室");
  if (!xinqing) return;
  const applicant = await db.user.findFirst({
    where: {
      AND: [whoMay("studio:join"), { username: { not: "counselor" }, memberships: { none: {} }, profile: { specialties: { has: "MENTAL_HEALTH" } } }],
    },
    orderBy: { username: "asc" },
    select: { id: true, name: true },
  });
  if (!applicant) return;
  await db.studioJoinRequest.create({
    data: {
      studioId: xinqing.id,
      userId: applicant.id,
      kind: "APPLICATION",
      motivation: "本人长期负责学院心理委员培训，希望参与朋辈心理互助体系建设方向的研究。",
      createdAt: subDays(now, 2),
    },
  });
  const leaderId = xinqing.memberships[0]?.userId;
  if (leaderId) {
    await db.notification.create({
      data: {
        userId: leaderId,
        type: "studios.notices.joinRequested",
        data: { name: applicant.name, studio: xinqing.name },
        link: `/studios/${xinqing.id}/team`,
        createdAt: subDays(now, 2),
        // Already seen, so the demo inbox starts with the welcome message as its only unread item.
        readAt: subDays(now, 1),
      },
    });
  }
}
