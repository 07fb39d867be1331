import type { JSONContent } from "@tiptap/core";
import { subDays } from "date-fns";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { SeedContext } from "~/seed/steps.server.ts";
import { jsonStats, jsonToState } from "./content.server.ts";
import { doc, h, ol, p, quote, SCHOOL_TEMPLATES, table, tasks, text, ul } from "./template-content.ts";

/**
 * Demo documents: the school templates, and in every studio a research note, a case study from
 * the case template and a monthly meeting's minutes. In “心晴” (leader 张明华, backbone 李雪)
 * the case study waits for the demo mentor 赵立群's review, the note carries his comment and the
 * minutes are published.
 */
export async function seedDocuments({ db, now }: SeedContext): Promise<void> {
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
  await db.template.createMany({
    data: SCHOOL_TEMPLATES.map((template) => ({
      studioId: null,
      type: template.type,
      name: template.name,
      description: template.description,
      content: template.content as Prisma.InputJsonValue,
      createdById: admin.id,
      createdAt: subDays(now, 400),
    })),
  });

  const studios = await db.studio.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      duty: true,
      description: true,
      memberships: { orderBy: [{ role: "asc" }, { joinedAt: "asc" }], select: { role: true, user: { select: { id: true, name: true, username: true } } } },
      directions: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          keywords: true,
          mentorAssignments: { where: { status: "ACCEPTED" }, orderBy: { createdAt: "asc" }, select: { mentor: { select: { userId: true, user: { select: { username: true } } } } } },
        },
      },
    },
  });

  for (const [index, studio] of studios.entries()) {
    const leader = studio.memberships.find((m) => m.role === "LEADER")!.user;
    const backbone = studio.memberships.filter((m) => m.role === "BACKBONE").map((m) => m.user);
    const newcomers = studio.memberships.filter((m) => m.role === "NEWCOMER").map((m) => m.user);
    const writer = backbone.find((u) => u.username === "backbone") ?? backbone[0] ?? leader;
    const direction = studio.directions[0]!;
    const demo = studio.name.includes("心晴");
    const day = (days: number) => subDays(now, days + index);

    const create = async (input: {
      type: "RESEARCH_NOTE" | "CASE_STUDY" | "MEETING_MINUTES";
      title: string;
      content: JSONContent;
      createdBy: { id: string };
      authors: Array<{ id: string }>;
      status?: "DRAFT" | "IN_REVIEW" | "PUBLISHED";
      tags: string[];
      createdDaysAgo: number;
      updatedDaysAgo: number;
    }) => {
      const state = jsonToState(input.content);
      const stats = jsonStats(input.content);
      const document = await db.document.create({
        data: {
          studioId: studio.id,
          directionId: direction.id,
          type: input.type,
          title: input.title,
          status: input.status ?? "DRAFT",
          duty: studio.duty,
          tags: input.tags,
          yState: state,
          plainText: stats.plainText,
          wordCount: stats.wordCount,
          createdById: input.createdBy.id,
          createdAt: day(input.createdDaysAgo),
          updatedAt: day(input.updatedDaysAgo),
          authors: { create: [...new Map(input.authors.map((a) => [a.id, a])).values()].map((author) => ({ userId: author.id })) },
          versions: {
            create: {
              number: 1,
              reason: input.status && input.status !== "DRAFT" ? "STATUS_CHANGE" : "AUTO",
              status: input.status ?? "DRAFT",
              yState: state,
              createdById: input.createdBy.id,
              createdAt: day(input.updatedDaysAgo),
            },
          },
        },
        select: { id: true },
      });
      return document.id;
    };

    const noteId = await create({
      type: "RESEARCH_NOTE",
      title: `${direction.name}研究笔记（一）`,
      content: researchNote(studio.name, direction),
      createdBy: writer,
      authors: [writer, leader],
      tags: direction.keywords.slice(0, 2),
      createdDaysAgo: 40,
      updatedDaysAgo: 6,
    });
    const caseId = await create({
      type: "CASE_STUDY",
      title: demo ? "一名大一新生适应期心理危机的识别与干预" : `${direction.name}工作案例`,
      content: demo ? mentalHealthCase() : genericCase(direction.name),
      createdBy: writer,
      authors: [writer, leader, ...newcomers.slice(0, 1)],
      status: demo ? "IN_REVIEW" : "DRAFT",
      tags: ["案例", ...direction.keywords.slice(0, 1)],
      createdDaysAgo: 25,
      updatedDaysAgo: 2,
    });
    await create({
      type: "MEETING_MINUTES",
      title: `${formatMonth(subDays(now, 30))}月度交流例会纪要`,
      content: minutes(studio.name, leader.name, [leader, ...backbone, ...newcomers].map((u) => u.name), direction.name),
      createdBy: leader,
      authors: [leader],
      status: demo ? "PUBLISHED" : "DRAFT",
      tags: ["例会"],
      createdDaysAgo: 30,
      updatedDaysAgo: 28,
    });

    if (demo) {
      const mentor = direction.mentorAssignments.find((a) => a.mentor.user.username === "mentor")?.mentor;
      if (mentor) {
        await db.review.create({
          data: { documentId: caseId, requestedById: writer.id, reviewerId: mentor.userId, status: "PENDING", createdAt: day(2) },
        });
        await db.comment.create({
          data: { documentId: caseId, authorId: writer.id, body: "赵老师您好，请重点看看“分析”部分的理论依据是否充分。", createdAt: day(2) },
        });
        await db.comment.create({
          data: {
            documentId: noteId,
            authorId: mentor.userId,
            body: "文献部分可以补充近三年的实证研究，尤其是关于朋辈心理委员作用的调查。",
            quote: "资料与发现",
            createdAt: day(5),
          },
        });
      }
      await db.template.create({
        data: {
          studioId: studio.id,
          type: "RESEARCH_NOTE",
          name: "心理约谈记录",
          description: "约谈前准备、约谈过程、风险评估与后续跟进。",
          content: doc(
            table(["约谈时间", "约谈地点", "学生（化名）", "约谈人"], ["", "", "", ""]),
            h(2, "约谈前准备"),
            p("了解学生近期学业、人际与家庭情况。"),
            h(2, "约谈过程"),
            p(""),
            h(2, "风险评估"),
            tasks(["是否有自伤、自杀想法", false], ["是否需要转介心理中心", false], ["是否需要联系家长", false]),
            h(2, "后续跟进"),
            p(""),
          ) as Prisma.InputJsonValue,
          createdById: leader.id,
          createdAt: day(100),
        },
      });
    }
  }
}

function formatMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long" }).format(date);
  return parts.replace(/\s/g, "");
}

function researchNote(studio: string, direction: { name: string; description: string; keywords: string[] }): JSONContent {
  return doc(
    h(2, "研究问题"),
    p(`本笔记围绕“${direction.name}”展开：${direction.description}关注在${studio}的日常工作中，哪些做法行之有效，哪些环节还需改进。`),
    h(2, "资料与发现"),
    ul(
      `梳理了近三年与“${direction.keywords[0] ?? direction.name}”相关的期刊论文 12 篇，多数研究强调辅导员的早期识别与持续跟进。`,
      "对本学院 86 名学生进行了问卷调查，回收有效问卷 81 份，有效率 94.2%。",
      `访谈 6 名一线辅导员，普遍反映“${direction.keywords[1] ?? "工作机制"}”缺少可操作的流程。`,
    ),
    quote("辅导员要做学生的人生导师和健康成长的知心朋友。——《普通高等学校辅导员队伍建设规定》"),
    h(2, "初步思考"),
    p("结合调查结果，拟从“识别—干预—跟进—评估”四个环节梳理工作流程，并在两个年级试行。"),
    h(2, "下一步"),
    tasks(["补充近三年的实证研究文献", false], ["与导师讨论研究设计", true], ["完成访谈提纲修订", false]),
  );
}

function mentalHealthCase(): JSONContent {
  return doc(
    h(2, "背景"),
    p("小周（化名），女，某学院 2025 级本科生，来自外省农村家庭，性格内向。入学心理普查中 SCL-90 量表总分偏高，被列为重点关注对象。开学第四周，室友反映其经常深夜哭泣、不去上课。"),
    h(2, "经过"),
    ol(
      "第一次约谈：辅导员在宿舍走访后约其谈话，了解到她因不适应大学学习节奏、与室友关系紧张而失眠。",
      "评估与转介：经学校心理健康教育中心评估为中度抑郁情绪，建议每周咨询一次，并由辅导员持续跟进。",
      "家校沟通：在征得学生同意后与家长电话沟通，家长表示会增加联系频次。",
      "朋辈支持：安排班级心理委员与其结对，邀请其参加新生适应团体辅导。",
    ),
    table(["时间", "主要措施", "学生状态"], ["第 4 周", "首次约谈、转介评估", "失眠、情绪低落"], ["第 6 周", "团体辅导、朋辈结对", "开始按时上课"], ["第 10 周", "回访", "情绪平稳，加入社团"]),
    h(2, "分析"),
    p("从生态系统理论看，新生的适应困难往往是个人、宿舍、家庭多个系统共同作用的结果。本案例中，", text("早期识别", ["bold"]), "依靠了心理普查与宿舍走访的结合；", text("分级干预", ["bold"]), "体现在辅导员、心理中心、家长和朋辈的分工协作。"),
    h(2, "反思与启示"),
    ul(
      "心理普查数据要与日常观察结合，避免“只看分数”。",
      "约谈要尊重学生意愿，家校沟通前先征得同意。",
      "朋辈心理委员是辅导员工作的重要延伸，需要系统培训。",
    ),
  );
}

function genericCase(direction: string): JSONContent {
  return doc(
    h(2, "背景"),
    p(`围绕“${direction}”，某学院在工作中遇到了一个具有代表性的问题：部分学生参与度不高，常规做法效果有限。`),
    h(2, "经过"),
    p("辅导员通过走访宿舍、召开班委会和个别谈话了解情况，制定了分阶段的工作方案，并在一个学期内组织实施。"),
    h(2, "分析"),
    p("问题的关键在于学生的内在动力不足与工作载体单一。借助朋辈引领和项目化设计，可以提高学生的参与感。"),
    h(2, "反思与启示"),
    p("工作方法要因材施教，重视过程记录与效果评估，及时总结可推广的经验。"),
  );
}

function minutes(studio: string, host: string, attendees: string[], direction: string): JSONContent {
  return doc(
    table(["时间", "地点", "主持人", "记录人"], ["每月第一个周三下午", `${studio}活动室`, host, attendees[1] ?? host]),
    p(text("参会人员：", ["bold"]), attendees.join("、")),
    h(2, "一、理论学习"),
    p("集体学习《普通高等学校辅导员队伍建设规定》第二章“要求与职责”，结合九项职责讨论各自工作重点。"),
    h(2, "二、阶段工作总结"),
    p(`各成员汇报“${direction}”方向的近期进展：问卷调查已完成，访谈正在进行。`),
    h(2, "三、工作案例交流分享"),
    p("一名成员分享了新生适应期的约谈案例，大家就家校沟通的时机与方式进行了讨论。"),
    h(2, "四、分组研讨"),
    p("分为两组，分别讨论课题中期报告提纲与下学期专题培训安排。"),
    h(2, "五、后续行动"),
    tasks([`完成中期报告初稿（负责人：${host}）`, false], ["整理访谈记录（全体成员）", false], ["预约下次例会场地", true]),
  );
}
