import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { migrate } from "~/db/migrate.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { CAREER_STAGES, deriveCareerStage } from "~/people/career-stage.ts";
import { DEMO_ACCOUNTS } from "~/seed/demo-data.ts";
import { seedDemoUniversity } from "~/seed/demo-university.server.ts";
import { leaderEligibilityGaps } from "~/studios/eligibility.ts";
import { createEmptyDatabase } from "../support/databases.ts";

/** This file's database is a copy of the seeded template: the demo university as `npm start` loads it. */
describe("demo university seed", () => {
  it("has at least 12 colleges and 150 counselors in all four career stages", async () => {
    expect(await prisma.college.count()).toBeGreaterThanOrEqual(12);
    const counselors = await prisma.counselorProfile.findMany({ where: { user: { roles: { has: "COUNSELOR" } } } });
    expect(counselors.length).toBeGreaterThanOrEqual(150);
    const stages = new Map(CAREER_STAGES.map((s) => [s, 0]));
    for (const c of counselors) {
      const stage = deriveCareerStage(c, new Date()).stage;
      stages.set(stage, stages.get(stage)! + 1);
    }
    for (const stage of CAREER_STAGES) expect(stages.get(stage), stage).toBeGreaterThanOrEqual(10);
  });

  it("fills all five target groups", async () => {
    const profiles = await prisma.counselorProfile.findMany({ select: { groups: true } });
    const groups = new Set(profiles.flatMap((p) => p.groups));
    expect([...groups].sort()).toEqual(["AFFAIRS_CADRES", "ALL_COUNSELORS", "BACKBONE", "DEPUTY_SECRETARIES", "NEW_HIRES"]);
  });

  it("has 40 mentors, internal and external, each with an account", async () => {
    const mentors = await prisma.mentor.findMany({ include: { user: true } });
    expect(mentors).toHaveLength(40);
    expect(mentors.filter((m) => m.kind === "INTERNAL")).toHaveLength(20);
    expect(mentors.filter((m) => m.kind === "EXTERNAL")).toHaveLength(20);
    expect(mentors.every((m) => m.user.roles.includes("MENTOR"))).toBe(true);
  });

  it("has 12 studios covering all nine duties, each led by exactly one eligible leader", async () => {
    const studios = await prisma.studio.findMany({
      include: { memberships: { include: { user: { include: { profile: { include: { honours: true } } } } } } },
    });
    expect(studios).toHaveLength(12);
    expect(new Set(studios.map((s) => s.duty)).size).toBe(9);
    for (const studio of studios) {
      const leaders = studio.memberships.filter((m) => m.role === "LEADER");
      expect(leaders, studio.name).toHaveLength(1);
      const profile = leaders[0]!.user.profile!;
      const gaps = leaderEligibilityGaps(
        { counselorSince: profile.counselorSince, title: profile.title, honourCount: profile.honours.length },
        { minYears: 10, seniorTitleRequired: true, minHonours: 1 },
        new Date(),
      );
      expect(gaps, `${studio.name} leader ${leaders[0]!.user.name}`).toEqual([]);
      // Cross-college teams.
      expect(new Set(studio.memberships.map((m) => m.user.collegeId)).size, studio.name).toBeGreaterThan(1);
    }
  });

  it("creates every demo account with the role it is printed with", async () => {
    const users = await prisma.user.findMany({ where: { username: { in: DEMO_ACCOUNTS.map((a) => a.username) } } });
    const roles = Object.fromEntries(users.map((u) => [u.username, u.roles]));
    expect(roles).toEqual({
      admin: ["ADMIN"],
      college: ["COLLEGE_ADMIN"],
      leader: ["COUNSELOR"],
      backbone: ["COUNSELOR"],
      counselor: ["COUNSELOR"],
      mentor: ["MENTOR"],
      external: ["MENTOR"],
    });
  });

  it("has twelve months of a school-wide and a studio meeting series, with agendas, minutes, attendance, groups and action items in every state", async () => {
    const series = await prisma.meetingSeries.findMany({ orderBy: { organiserKind: "asc" }, select: { organiserKind: true, studioId: true, meetings: { orderBy: { startsAt: "asc" }, select: { id: true, status: true, startsAt: true } } } });
    expect(series.map((s) => s.organiserKind)).toEqual(["SCHOOL", "STUDIO"]);
    for (const { meetings } of series) {
      const closed = meetings.filter((m) => m.status === "CLOSED");
      expect(closed).toHaveLength(12);
      expect(meetings.filter((m) => m.status === "SCHEDULED" && m.startsAt > new Date())).toHaveLength(1);
    }
    const closed = await prisma.meeting.findMany({
      where: { status: "CLOSED" },
      select: {
        segments: { select: { name: true, items: { select: { presenterId: true, documentId: true } } } },
        minutesDocument: { select: { plainText: true, studioId: true, type: true } },
        minutesVersionId: true,
        minutesConfirmedAt: true,
        _count: { select: { attendances: true, invitations: true, groups: true } },
      },
    });
    for (const meeting of closed) {
      expect(meeting.segments.map((s) => s.name).sort()).toEqual(["分组研讨", "工作案例交流分享", "理论学习", "阶段工作总结"].sort());
      expect(meeting.segments.flatMap((s) => s.items).every((i) => i.presenterId)).toBe(true);
      expect(meeting.minutesDocument).toMatchObject({ studioId: null, type: "MEETING_MINUTES" });
      expect(meeting.minutesDocument!.plainText).toContain("会议决定与督办事项");
      expect(meeting.minutesVersionId && meeting.minutesConfirmedAt).toBeTruthy();
      expect(meeting._count.attendances).toBeGreaterThan(0);
      expect(meeting._count.attendances).toBeLessThanOrEqual(meeting._count.invitations);
      expect(meeting._count.groups).toBeGreaterThan(0);
    }
    // A linked case study on the agenda ("以案促建"), and the attendance in the hours ledger.
    expect(await prisma.agendaItem.count({ where: { document: { type: "CASE_STUDY" } } })).toBeGreaterThan(0);
    expect(await prisma.trainingHoursEntry.count({ where: { source: "MEETING" } })).toBe(await prisma.meetingAttendance.count());
    // Action items in every state: open, overdue, done, dropped, and carried over twice (reviewed at two later meetings, still open).
    const today = new Date();
    const items = await prisma.actionItem.findMany({ select: { status: true, dueOn: true, meetingId: true, updates: { select: { meetingId: true } } } });
    const open = items.filter((i) => i.status === "OPEN" || i.status === "IN_PROGRESS");
    expect(open.some((i) => i.dueOn > today)).toBe(true);
    expect(open.some((i) => i.dueOn < today)).toBe(true);
    expect(items.some((i) => i.status === "DONE")).toBe(true);
    expect(items.some((i) => i.status === "DROPPED")).toBe(true);
    expect(open.some((i) => new Set(i.updates.map((u) => u.meetingId).filter((m) => m && m !== i.meetingId)).size >= 2)).toBe(true);
    // The demo counselor has her own list, with one overdue.
    const mine = await prisma.actionItem.findMany({ where: { owner: { username: "counselor" }, status: { in: ["OPEN", "IN_PROGRESS"] } }, select: { dueOn: true } });
    expect(mine.some((i) => i.dueOn < today)).toBe(true);
  });

  it("is deterministic: the same people every time for the same day", async () => {
    const now = new Date("2026-11-21T04:00:00Z");
    const snapshots = [];
    for (let run = 0; run < 2; run++) {
      const url = await createEmptyDatabase("seed");
      await migrate(url);
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      await seedDemoUniversity({ db, now });
      // Every external training record has its certificate: a real PDF on disk, the bytes its row describes.
      const evidence = await db.uploadedFile.findMany({ where: { externalTrainingRecords: { some: {} } }, orderBy: { storagePath: "asc" }, select: { storagePath: true, sha256: true, mimeType: true } });
      expect(evidence.length).toBe(await db.externalTrainingRecord.count());
      expect(await db.externalTrainingRecord.count({ where: { status: "APPROVED", evidenceFileId: null } })).toBe(0);
      for (const file of evidence) {
        const body = await fs.readFile(path.join(getRuntime().dataDir, file.storagePath));
        expect([body.subarray(0, 5).toString("latin1"), file.mimeType, crypto.createHash("sha256").update(body).digest("hex")]).toEqual(["%PDF-", "application/pdf", file.sha256]);
      }
      snapshots.push({
        evidence,
        people: await db.user.findMany({ orderBy: { username: "asc" }, select: { username: true, name: true, roles: true } }),
        meetings: await db.meeting.findMany({
          orderBy: { id: "asc" },
          select: {
            id: true, startsAt: true, status: true, series: { select: { title: true } },
            agendaItems: { orderBy: { id: "asc" }, select: { title: true, presenter: { select: { username: true } }, document: { select: { title: true } } } },
            attendances: { orderBy: { id: "asc" }, select: { id: true, user: { select: { username: true } } } },
            actionItems: { orderBy: { id: "asc" }, select: { id: true, status: true, dueOn: true, owner: { select: { username: true } } } },
          },
        }),
        studios: await db.studio.findMany({
          orderBy: { name: "asc" },
          select: { name: true, memberships: { orderBy: { user: { username: "asc" } }, select: { role: true, user: { select: { username: true } } } } },
        }),
      });
      await db.$disconnect();
    }
    expect(snapshots[0]!.people.length).toBeGreaterThan(200);
    expect(snapshots[0]!.meetings.length).toBeGreaterThanOrEqual(26);
    expect(snapshots[1]).toEqual(snapshots[0]);
    // Two empty databases migrated and seeded with a year of training: about 15 s on a quiet machine.
  }, 120_000);
});
