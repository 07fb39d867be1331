import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { recordAudit } from "~/audit/audit.server.ts";
import { prisma } from "~/db/client.server.ts";
import { storedFileName } from "~/lib/uploads.server.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { can, type Actor } from "~/policy/index.ts";
import type { CampResource } from "~/policy/camp.ts";
import { readSheet, type SheetColumn, type SheetIssue } from "~/training/sheet.server.ts";
import { checkPhoto, MAX_PHOTO_BYTES, removeFiles, writePhoto, type CheckedPhoto, type PhotoProblem } from "./photos.server.ts";
import { STUDENT_LIMITS } from "./schemas.ts";
import { readZip, ZipError, type ZipProblem } from "./zip.ts";

/**
 * Uploading the students in each counselor's charge (人物辨识): a sheet (辅导员工号, 姓名, 班级, 宿舍,
 * 照片文件名) with its photos, or one .zip holding both. Every row and photo is checked first; a
 * file with any problem is refused whole, each problem named by row and column, and nothing is
 * written. A college admin may name only counselors of their own college (the policy decides, row
 * by row). Students' data goes to no search index: nothing here touches the search outbox.
 */

type Key = "counselor" | "name" | "className" | "dorm" | "photo";

export const STUDENT_COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: "counselor", header: "辅导员工号", aliases: ["工号", "辅导员账号", "辅导员"], required: true, width: 14 },
  { key: "name", header: "姓名", aliases: ["学生姓名"], required: true, width: 12 },
  { key: "className", header: "班级", aliases: ["所在班级", "专业班级"], required: true, width: 20 },
  { key: "dorm", header: "宿舍", aliases: ["寝室", "宿舍号", "寝室号"], width: 14 },
  { key: "photo", header: "照片文件名", aliases: ["照片", "照片名", "照片文件"], required: true, width: 22 },
];

/** The zip's limits: a class's photos fit easily; a zip bomb is refused before it is inflated. */
export const ZIP_LIMITS = { maxEntries: 3_000, maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 300 * 1024 * 1024 };
/** One upload (the .zip, or the sheet and photos together). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const MAX_PHOTOS = 2_000;

export interface UploadedPart {
  name: string;
  bytes: Buffer;
}

export type StudentUpload = { kind: "files"; sheet: UploadedPart; photos: UploadedPart[] } | { kind: "zip"; zip: UploadedPart };

export type ImportOutcome = { ok: true; students: number; counselors: number } | { ok: false; issues: SheetIssue[] };

const ZIP_MESSAGES: Record<ZipProblem, MessageKey> = {
  unreadable: "camp.students.errors.zipUnreadable",
  encrypted: "camp.students.errors.zipEncrypted",
  tooManyEntries: "camp.students.errors.zipTooManyEntries",
  entryTooLarge: "camp.students.errors.zipEntryTooLarge",
  tooLarge: "camp.students.errors.zipTooLarge",
  unsupported: "camp.students.errors.zipUnsupported",
};
const PHOTO_MESSAGES: Record<PhotoProblem, MessageKey> = {
  photoEmpty: "camp.students.errors.photoEmpty",
  photoTooLarge: "camp.students.errors.photoTooLarge",
  photoType: "camp.students.errors.photoType",
  photoUnreadable: "camp.students.errors.photoUnreadable",
};

const header = (key: Key) => STUDENT_COLUMNS.find((c) => c.key === key)!.header;
/** Names are matched as people type them: Unicode-normalised, any case, with or without the extension. */
const nameKey = (name: string) => name.normalize("NFC").trim().toLowerCase();
const stemKey = (name: string) => nameKey(name).replace(/\.[^.]*$/, "");

/** The parts of the upload: from the .zip, or as sent. */
async function unpack(upload: StudentUpload): Promise<{ sheet: UploadedPart; photos: UploadedPart[] } | { issue: SheetIssue }> {
  if (upload.kind === "files") return upload;
  let files;
  try {
    files = await readZip(upload.zip.bytes, ZIP_LIMITS);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return { issue: { message: ZIP_MESSAGES[error.problem], params: { file: error.entry ?? upload.zip.name } } };
  }
  // Excel's lock files (~$名单.xlsx) travel in zips made while the sheet was open.
  const sheets = files.filter((file) => /\.xlsx$/i.test(file.name) && !file.name.startsWith("~$"));
  if (sheets.length === 0) return { issue: { message: "camp.students.errors.zipNoSheet" } };
  if (sheets.length > 1) return { issue: { message: "camp.students.errors.zipSeveralSheets", params: { files: sheets.map((s) => s.name).join("、") } } };
  // Everything else is a photo candidate (checked by its bytes when the sheet names it), but for the
  // files Windows and macOS add to folders by themselves.
  return { sheet: { name: sheets[0]!.name, bytes: sheets[0]!.bytes }, photos: files.filter((file) => !/(\.xlsx|^thumbs\.db|^desktop\.ini|^\.ds_store)$/i.test(file.name)) };
}

interface Row {
  line: number;
  counselorId: string;
  name: string;
  className: string;
  dorm: string;
  photoName: string;
  photo: CheckedPhoto;
}

/** Checks everything, then writes all of it in one transaction, or nothing. */
export async function importStudents(camp: CampResource, upload: StudentUpload, actor: Actor): Promise<ImportOutcome> {
  const parts = await unpack(upload);
  if ("issue" in parts) return { ok: false, issues: [parts.issue] };
  if (parts.photos.length > MAX_PHOTOS) return { ok: false, issues: [{ message: "camp.students.errors.tooManyPhotos", params: { max: MAX_PHOTOS } }] };
  const sheet = await readSheet(parts.sheet.bytes, STUDENT_COLUMNS);
  if ("issue" in sheet) return { ok: false, issues: [sheet.issue] };

  const photosByName = new Map<string, UploadedPart>();
  const photosByStem = new Map<string, UploadedPart[]>();
  for (const photo of parts.photos) {
    photosByName.set(nameKey(photo.name), photo);
    photosByStem.set(stemKey(photo.name), [...(photosByStem.get(stemKey(photo.name)) ?? []), photo]);
  }
  // A name typed with its folder ("照片\\张三.jpg") is matched by the file's own name.
  const findPhoto = (typed: string) => {
    const key = nameKey(typed.slice(typed.replace(/\\/g, "/").lastIndexOf("/") + 1));
    const byStem = photosByStem.get(key);
    return photosByName.get(key) ?? (byStem?.length === 1 ? byStem[0] : undefined);
  };

  const participants = await prisma.campParticipant.findMany({
    where: { campId: camp.campId },
    select: { userId: true, collegeId: true, user: { select: { username: true } } },
  });
  const byUsername = new Map(participants.map((p) => [p.user.username.toLowerCase(), p]));

  const issues: SheetIssue[] = [];
  const rows: Row[] = [];
  const photoUsedOn = new Map<UploadedPart, number>();
  for (const row of sheet.rows) {
    const issue = (key: Key, message: string, params: Record<string, string | number> = {}) => issues.push({ line: row.line, column: header(key), message, params });
    const username = row.text("counselor");
    const participant = byUsername.get(username.toLowerCase());
    if (!username) issue("counselor", "camp.students.errors.counselorRequired");
    else if (!participant) issue("counselor", "camp.students.errors.unknownCounselor", { username });
    else if (!can(actor, "camp-student:manage", { camp, collegeId: participant.collegeId, viewerDrawnInOpenAttempt: false })) {
      issue("counselor", "camp.students.errors.counselorNotYours", { username });
    }
    const text = (key: "name" | "className" | "dorm", required: boolean) => {
      const value = row.text(key);
      if (required && !value) issue(key, "camp.students.errors.required");
      else if (value.length > STUDENT_LIMITS[key]) issue(key, "camp.students.errors.tooLong", { max: STUDENT_LIMITS[key] });
      return value;
    };
    const name = text("name", true);
    const className = text("className", true);
    const dorm = text("dorm", false);
    const photoName = row.text("photo");
    const part = photoName ? findPhoto(photoName) : undefined;
    let photo: CheckedPhoto | undefined;
    if (!photoName) issue("photo", "camp.students.errors.required");
    else if (!part) issue("photo", "camp.students.errors.photoMissing", { file: photoName });
    else if (photoUsedOn.has(part)) issue("photo", "camp.students.errors.photoTwice", { file: photoName, line: photoUsedOn.get(part)! });
    else {
      photoUsedOn.set(part, row.line);
      const checked = checkPhoto(part.bytes);
      if ("problem" in checked) issue("photo", PHOTO_MESSAGES[checked.problem], { file: part.name, mb: MAX_PHOTO_BYTES / 1024 / 1024 });
      else photo = checked;
    }
    if (participant && photo && !issues.some((i) => i.line === row.line)) {
      rows.push({ line: row.line, counselorId: participant.userId, name, className, dorm, photoName: part!.name, photo });
    }
  }
  if (issues.length) return { ok: false, issues };

  const written: string[] = [];
  try {
    for (const row of rows) written.push(await writePhoto(camp.campId, row.photo));
    await prisma.$transaction(async (tx) => {
      const files = rows.map((row, index) => ({
        id: crypto.randomUUID(),
        name: storedFileName(row.photoName, `photo.${row.photo.ext}`),
        mimeType: row.photo.mimeType,
        size: row.photo.bytes.length,
        sha256: row.photo.sha256,
        storagePath: written[index]!,
        uploadedById: actor.id,
      }));
      await tx.uploadedFile.createMany({ data: files });
      await tx.identificationStudent.createMany({
        data: rows.map((row, index) => ({
          campId: camp.campId,
          counselorId: row.counselorId,
          name: row.name,
          className: row.className,
          dorm: row.dorm,
          photoFileId: files[index]!.id,
          uploadedById: actor.id,
        })),
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "camp-student.import",
        entityType: "Camp",
        entityId: camp.campId,
        data: { students: rows.length, counselors: new Set(rows.map((r) => r.counselorId)).size, source: upload.kind },
      });
    });
  } catch (error) {
    await removeFiles(written);
    throw error;
  }
  return { ok: true, students: rows.length, counselors: new Set(rows.map((r) => r.counselorId)).size };
}

/** The empty template: the students sheet (headers only) and a sheet explaining each column. */
export async function studentTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "辅导员工作室协同平台";
  const sheet = workbook.addWorksheet("学生", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = STUDENT_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  const guide = workbook.addWorksheet("填写说明");
  guide.columns = [
    { header: "列", key: "column", width: 14 },
    { header: "填写说明", key: "guide", width: 80 },
    { header: "示例", key: "example", width: 24 },
  ];
  guide.getRow(1).font = { bold: true };
  const GUIDE: Record<Key, [string, string]> = {
    counselor: ["必填。负责该学生的辅导员的工号（登录名），须是本训练营的参加者。", "2019001"],
    name: [`必填。学生姓名，最多 ${STUDENT_LIMITS.name} 个字。`, "张三"],
    className: [`必填。班级，最多 ${STUDENT_LIMITS.className} 个字。`, "汉语言文学2301班"],
    dorm: [`选填。宿舍（如楼栋-房间号），最多 ${STUDENT_LIMITS.dorm} 个字；空着的宿舍不计分。`, "3-402"],
    photo: ["必填。照片的文件名（与表格一起上传，或放在同一个 .zip 中），JPG、PNG 或 WebP，每张不超过 5 MB。", "张三.jpg"],
  };
  for (const column of STUDENT_COLUMNS) guide.addRow({ column: column.header, guide: GUIDE[column.key][0], example: GUIDE[column.key][1] });
  guide.addRow({});
  guide.addRow({ column: "说明", guide: "每行一名学生。导入前逐行检查，任何一行有问题都不会导入，并列出问题所在的行和列。学生信息只供人物辨识使用，训练营归档时删除。" });
  guide.getColumn("guide").alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
