import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { campPhotoDirectory, removeCampPhotoDirectory } from "./photos.server.ts";

/**
 * Archiving a camp (RELEASED → ARCHIVED) deletes the students' personal data of 人物辨识: in one
 * transaction the students (their drawn items go with them), their photos' UploadedFile rows and
 * the camp's status, with `personalDataDeletedAt` and an audit entry with the counts; the photo
 * directory goes after the commit, and the start-up sweep removes it should the process stop in
 * between (decision 080). Scores stay: CampAttempt.score and the released results.
 */

/** What archiving would delete, for the confirmation. */
export async function personalDataCounts(campId: string) {
  const [students, photos, items] = await Promise.all([
    prisma.identificationStudent.count({ where: { campId } }),
    prisma.identificationStudent.count({ where: { campId, photoFileId: { not: null } } }),
    prisma.identificationItem.count({ where: { student: { campId } } }),
  ]);
  return { students, photos, items };
}

export async function archiveCamp(campId: string, actorId: string, now = new Date()) {
  const counts = await prisma.$transaction(async (tx) => {
    // The status moves first: a second archive, or one racing the release, finds nothing to move.
    const moved = await tx.camp.updateMany({ where: { id: campId, status: "RELEASED" }, data: { status: "ARCHIVED", archivedAt: now, personalDataDeletedAt: now } });
    if (moved.count === 0) throw new UserError("camp.students.archive.notReleased");
    const students = await tx.identificationStudent.findMany({ where: { campId }, select: { id: true, photoFileId: true } });
    const photoIds = students.flatMap((s) => (s.photoFileId ? [s.photoFileId] : []));
    const items = await tx.identificationItem.deleteMany({ where: { student: { campId } } });
    await tx.identificationStudent.deleteMany({ where: { campId } });
    await tx.uploadedFile.deleteMany({ where: { id: { in: photoIds } } });
    const counts = { students: students.length, photos: photoIds.length, items: items.count };
    await recordAudit(tx, { actorId, action: "camp.archive", entityType: "Camp", entityId: campId, data: counts });
    return counts;
  });
  await removeCampPhotoDirectory(campId);
  return counts;
}

/** The start-up sweep: photo directories of camps whose personal data is deleted (idempotent). Returns how many were removed. */
export async function removeDeletedPhotoDirectories(): Promise<number> {
  const root = path.join(getRuntime().dataDir, path.dirname(campPhotoDirectory("x")));
  const present = await fs.readdir(root).catch(() => [] as string[]);
  if (!present.length) return 0;
  const deleted = await prisma.camp.findMany({ where: { id: { in: present }, personalDataDeletedAt: { not: null } }, select: { id: true } });
  for (const camp of deleted) await removeCampPhotoDirectory(camp.id);
  return deleted.length;
}
