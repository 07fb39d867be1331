import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/audit/audit.server.ts";
import type { SessionUser } from "~/auth/session.server.ts";
import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { ExternalTrainingStatus } from "~/generated/prisma/enums.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { createNotifications } from "~/notifications/notify.server.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { trainingYear, writeHoursEntry } from "./ledger.server.ts";
import type { DecisionInput, ExternalRecordInput } from "./schemas.ts";

/**
 * External training (线上培训, 国家级培训, 海外研修 …): the counselor records it with evidence (a
 * certificate uploaded as an UploadedFile), their college admin or 学工部 approves it, and the
 * approval writes the ledger entry in the same transaction.
 */

/** Records one's own external training (authorise "training:record-external"); the evidence must be a file one uploaded oneself. */
export async function recordExternalTraining(input: ExternalRecordInput, actorId: string, { tx: outer }: { tx?: Db } = {}): Promise<string> {
  const work = async (tx: Db) => {
    const platform = await tx.trainingPlatform.findUnique({ where: { id: input.platformId }, select: { nameZh: true, external: true } });
    if (!platform) throw new UserError("training.errors.badChoice", {}, { status: 400 });
    if (!platform.external) throw new UserError("training.errors.platformNotExternal", { platform: platform.nameZh }, { status: 400 });
    const file = await tx.uploadedFile.findUnique({ where: { id: input.evidenceFileId }, select: { uploadedById: true } });
    if (!file || file.uploadedById !== actorId) throw new UserError("training.errors.evidenceRequired", {}, { status: 400 });
    const record = await tx.externalTrainingRecord.create({
      data: {
        userId: actorId,
        title: input.title,
        organiser: input.organiser,
        platformId: input.platformId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        hours: input.hours,
        evidenceFileId: input.evidenceFileId,
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId, action: "training.external-record", entityType: "ExternalTrainingRecord", entityId: record.id, data: { title: input.title } });
    return record.id;
  };
  // The page stores the evidence file's row in the same transaction as the record.
  return outer ? work(outer) : prisma.$transaction(work);
}

/**
 * Approves or rejects a pending record (authorise "training-external:decide"). Approval credits the
 * hours to the year the training ended, with the platform's kind (induction, national/provincial).
 * Two people deciding at once: the second finds it decided.
 */
export async function decideExternalRecord(recordId: string, input: DecisionInput, actor: Pick<SessionUser, "id">): Promise<void> {
  const deliver = await prisma.$transaction(async (tx) => {
    const { count } = await tx.externalTrainingRecord.updateMany({
      where: { id: recordId, status: "PENDING" },
      data: { status: input.decision, decidedById: actor.id, decidedAt: new Date(), decisionNote: input.note || null },
    });
    if (count === 0) throw new UserError("training.errors.recordDecided");
    const record = await tx.externalTrainingRecord.findUniqueOrThrow({
      where: { id: recordId },
      select: { userId: true, title: true, hours: true, endsOn: true, platform: { select: { id: true, induction: true, nationalOrProvincial: true } } },
    });
    if (input.decision === "APPROVED") {
      await writeHoursEntry(tx, {
        userId: record.userId,
        year: trainingYear(record.endsOn),
        hours: Number(record.hours),
        source: "EXTERNAL",
        sourceId: recordId,
        title: record.title,
        platform: record.platform,
        level: null,
        createdById: actor.id,
      });
    }
    await recordAudit(tx, { actorId: actor.id, action: "training.external-decide", entityType: "ExternalTrainingRecord", entityId: recordId, data: { decision: input.decision } });
    return createNotifications(tx, [
      input.decision === "APPROVED"
        ? { userId: record.userId, type: "training.notices.externalApproved", data: { title: record.title, hours: Number(record.hours) }, link: "/training/ledger" }
        : { userId: record.userId, type: "training.notices.externalRejected", data: { title: record.title, note: input.note }, link: "/training/external" },
    ]);
  });
  deliver();
}

/**
 * The person takes back a record not yet decided (authorise "training-external:withdraw"). Its
 * evidence goes with it: the file's row in the same transaction, the file on disk after the commit.
 */
export async function withdrawExternalRecord(recordId: string, actorId: string): Promise<void> {
  const evidence = await prisma.$transaction(async (tx) => {
    const record = await tx.externalTrainingRecord.findFirst({ where: { id: recordId, userId: actorId, status: "PENDING" }, select: { evidence: { select: { id: true, storagePath: true } } } });
    const { count } = await tx.externalTrainingRecord.deleteMany({ where: { id: recordId, userId: actorId, status: "PENDING" } });
    if (count === 0 || !record) throw new UserError("training.errors.recordDecided");
    // Only this record points at the file (the upload is made for it), so the file's row goes too.
    if (record.evidence) await tx.uploadedFile.delete({ where: { id: record.evidence.id } });
    await recordAudit(tx, { actorId, action: "training.external-withdraw", entityType: "ExternalTrainingRecord", entityId: recordId });
    return record.evidence;
  });
  if (evidence) await fs.rm(path.join(getRuntime().dataDir, evidence.storagePath), { force: true });
}

export const EXTERNAL_PAGE_SIZE = 20;

/** External records the actor may see (their own; their college's; all for 学工部), e.g. the pending ones to decide. */
export async function listExternalRecords(actor: Actor, filters: { status?: ExternalTrainingStatus; userId?: string } = {}, page = 1, db: Db = prisma) {
  const where = { AND: [whereCan(actor, "training-external:view"), { ...(filters.status ? { status: filters.status } : {}), ...(filters.userId ? { userId: filters.userId } : {}) }] };
  const [total, records] = await Promise.all([
    db.externalTrainingRecord.count({ where }),
    db.externalTrainingRecord.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * EXTERNAL_PAGE_SIZE,
      take: EXTERNAL_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        organiser: true,
        startsOn: true,
        endsOn: true,
        hours: true,
        status: true,
        decisionNote: true,
        decidedAt: true,
        createdAt: true,
        evidence: { select: { id: true, name: true } },
        platform: { select: { code: true, nameZh: true, nameEn: true } },
        user: { select: { id: true, name: true, collegeId: true, college: { select: { name: true } } } },
      },
    }),
  ]);
  return { total, pages: Math.max(1, Math.ceil(total / EXTERNAL_PAGE_SIZE)), records: records.map((r) => ({ ...r, hours: Number(r.hours) })) };
}
