import fs from "node:fs/promises";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { UserError } from "~/lib/user-error.ts";
import { can, whereCan, type Actor } from "~/policy/index.ts";
import type { CampResource } from "~/policy/camp.ts";
import { absolutePath, removeFiles } from "./photos.server.ts";

/**
 * The students of 人物辨识 in one camp, as the organisers and the counselors' college admins see
 * them (list scope "camp-student:view"). Each student shown is a view of personal data: the list
 * writes one audit entry per student on the page, the photo route one per photo served.
 */

export const STUDENTS_PER_PAGE = 24;

export interface StudentRow {
  id: string;
  name: string;
  className: string;
  dorm: string;
  counselorId: string;
  counselorName: string;
  counselorUsername: string;
  /** The counselor's college when they joined the camp (whose admin manages the student). */
  collegeId: string | null;
  hasPhoto: boolean;
  /** Drawn into some attempt already: then it cannot be deleted before archive. */
  drawn: boolean;
}

export interface CounselorCount {
  counselorId: string;
  name: string;
  username: string;
  students: number;
}

function visibleIn(actor: Actor, campId: string, counselorId?: string): Prisma.IdentificationStudentWhereInput {
  return { AND: [whereCan(actor, "camp-student:view"), { campId }, counselorId ? { counselorId } : {}] };
}

/** One page of the students the viewer may see, the counts per counselor, and the audit of what was shown. */
export async function listStudents(actor: Actor, campId: string, options: { page: number; counselorId?: string }) {
  const where = visibleIn(actor, campId, options.counselorId);
  const [total, counts] = await Promise.all([
    prisma.identificationStudent.count({ where }),
    prisma.identificationStudent.groupBy({ by: ["counselorId"], where: visibleIn(actor, campId), _count: { _all: true }, orderBy: { counselorId: "asc" } }),
  ]);
  const pages = Math.max(1, Math.ceil(total / STUDENTS_PER_PAGE));
  const page = Math.min(Math.max(1, options.page), pages);
  const students = await prisma.identificationStudent.findMany({
    where,
    orderBy: [{ counselorId: "asc" }, { className: "asc" }, { name: "asc" }, { id: "asc" }],
    skip: (page - 1) * STUDENTS_PER_PAGE,
    take: STUDENTS_PER_PAGE,
    select: {
      id: true,
      name: true,
      className: true,
      dorm: true,
      counselorId: true,
      photoFileId: true,
      participant: { select: { collegeId: true, user: { select: { name: true, username: true } } } },
      items: { select: { position: true }, take: 1 },
    },
  });
  const counselors = await prisma.user.findMany({ where: { id: { in: counts.map((c) => c.counselorId) } }, select: { id: true, name: true, username: true } });
  const counselorById = new Map(counselors.map((c) => [c.id, c]));
  if (students.length) {
    // Who saw which student, when: one entry per student shown (createMany: one statement per page).
    await prisma.auditLog.createMany({
      data: students.map((student) => ({ actorId: actor.id, action: "camp-student.view", entityType: "IdentificationStudent", entityId: student.id, data: { campId } })),
    });
  }
  return {
    students: students.map(
      (s): StudentRow => ({
        id: s.id,
        name: s.name,
        className: s.className,
        dorm: s.dorm,
        counselorId: s.counselorId,
        counselorName: s.participant.user.name,
        counselorUsername: s.participant.user.username,
        collegeId: s.participant.collegeId,
        hasPhoto: s.photoFileId !== null,
        drawn: s.items.length > 0,
      }),
    ),
    counts: counts
      .map((c): CounselorCount => ({ counselorId: c.counselorId, name: counselorById.get(c.counselorId)?.name ?? "", username: counselorById.get(c.counselorId)?.username ?? "", students: c._count._all }))
      .sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    page,
    pages,
    total,
  };
}

export async function campTitle(campId: string): Promise<string> {
  const camp = await prisma.camp.findUniqueOrThrow({ where: { id: campId }, select: { title: true } });
  return camp.title;
}

/** A student's photo file for the photo route, with the audit entry of this view (authorise "camp-student:view-photo" first). */
export async function servePhoto(studentId: string, actorId: string) {
  const student = await prisma.identificationStudent.findUnique({
    where: { id: studentId },
    select: { campId: true, photo: { select: { mimeType: true, size: true, storagePath: true } } },
  });
  if (!student?.photo) return null;
  const body = await fs.readFile(absolutePath(student.photo.storagePath)).catch(() => null);
  if (!body) return null;
  await recordAudit(prisma, { actorId, action: "camp-student.view-photo", entityType: "IdentificationStudent", entityId: studentId, data: { campId: student.campId } });
  return { body, mimeType: student.photo.mimeType };
}

/** Deletes one student and their photo (authorise "camp-student:manage" first). One drawn into an attempt stays until archive: the attempt's score rests on it. */
export async function deleteStudent(studentId: string, actorId: string): Promise<void> {
  const storagePaths = await prisma.$transaction(async (tx) => {
    const student = await tx.identificationStudent.findUnique({
      where: { id: studentId },
      select: { campId: true, photo: { select: { id: true, storagePath: true } }, _count: { select: { items: true } } },
    });
    if (!student) throw new UserError("camp.students.errors.gone", {}, { status: 404 });
    if (student._count.items > 0) throw new UserError("camp.students.errors.drawn");
    await tx.identificationStudent.delete({ where: { id: studentId } });
    if (student.photo) await tx.uploadedFile.delete({ where: { id: student.photo.id } });
    await recordAudit(tx, { actorId, action: "camp-student.delete", entityType: "IdentificationStudent", entityId: studentId, data: { campId: student.campId } });
    return student.photo ? [student.photo.storagePath] : [];
  });
  await removeFiles(storagePaths);
}

/**
 * Deletes all students the viewer may manage in this camp (of one counselor, or of all), except
 * those already drawn into an attempt; returns how many went and how many stayed.
 */
export async function deleteAllStudents(camp: CampResource, actor: Actor, counselorId?: string): Promise<{ deleted: number; kept: number }> {
  const { storagePaths, deleted, kept } = await prisma.$transaction(async (tx) => {
    const students = await tx.identificationStudent.findMany({
      where: { campId: camp.campId, ...(counselorId ? { counselorId } : {}) },
      select: { id: true, participant: { select: { collegeId: true } }, photo: { select: { id: true, storagePath: true } }, _count: { select: { items: true } } },
    });
    const mine = students.filter((s) => can(actor, "camp-student:manage", { camp, collegeId: s.participant.collegeId, viewerDrawnInOpenAttempt: false }));
    const going = mine.filter((s) => s._count.items === 0);
    await tx.identificationStudent.deleteMany({ where: { id: { in: going.map((s) => s.id) } } });
    const photos = going.flatMap((s) => (s.photo ? [s.photo] : []));
    await tx.uploadedFile.deleteMany({ where: { id: { in: photos.map((p) => p.id) } } });
    if (going.length) {
      await recordAudit(tx, { actorId: actor.id, action: "camp-student.delete-all", entityType: "Camp", entityId: camp.campId, data: { counselorId: counselorId ?? null, deleted: going.length } });
    }
    return { storagePaths: photos.map((p) => p.storagePath), deleted: going.length, kept: mine.length - going.length };
  });
  await removeFiles(storagePaths);
  return { deleted, kept };
}
