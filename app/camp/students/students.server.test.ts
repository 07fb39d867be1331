import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { findCampAccess } from "~/camp/access.server.ts";
import { prisma } from "~/db/client.server.ts";
import { getRuntime } from "~/infra/runtime.server.ts";
import type { CampStatus } from "~/generated/prisma/enums.ts";
import { loader as archiveLoader, action as archiveRouteAction } from "~/routes/camp.$campId_.archive.tsx";
import { loader as photoLoader } from "~/routes/camp.$campId_.students.$studentId.photo.tsx";
import { loader as studentsLoader, action as studentsRouteAction } from "~/routes/camp.$campId_.students._index.tsx";
import { loader as templateLoader } from "~/routes/camp.$campId_.students.template[.]xlsx.tsx";
import { buildCamp, buildCollege, buildUser, type BuiltUser } from "../../../tests/support/factories.ts";
import { pngImage } from "../../../tests/support/fixtures.ts";
import { asUser } from "../../../tests/support/signed-in.ts";
import { gbkName, writeZip } from "../../../tests/support/zip-writer.ts";
import { archiveCamp, removeDeletedPhotoDirectories } from "./archive.server.ts";
import { importStudents, type StudentUpload } from "./import.server.ts";
import { campPhotoDirectory } from "./photos.server.ts";
import { deleteAllStudents, listStudents } from "./students.server.ts";

/**
 * 人物辨识's students (issue 20 §4): imports checked whole (sheet + photos, or a .zip whose names
 * Windows wrote in GBK), a college admin limited to their college, every view audited, nothing in
 * the search outbox, photos only through the policy, and the archive that deletes it all but the
 * scores.
 */

async function sheet(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("学生");
  ws.addRow(["辅导员工号", "姓名", "班级", "宿舍", "照片文件名"]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Two colleges, three counselors taking part, 学工部, a college admin of college A, and a camp in the given state. */
async function school(status: CampStatus = "OPEN") {
  const [collegeA, collegeB] = [await buildCollege(), await buildCollege()];
  const a1 = await buildUser({ college: collegeA });
  const a2 = await buildUser({ college: collegeA });
  const b1 = await buildUser({ college: collegeB });
  const admin = await buildUser({ roles: ["ADMIN"] });
  const collegeAdminA = await buildUser({ roles: ["COLLEGE_ADMIN"], college: collegeA });
  const camp = await buildCamp({ status, participants: [a1, a2, b1] });
  // buildCamp puts one student without a photo in each counselor's charge; these tests upload their own.
  await prisma.identificationStudent.deleteMany({ where: { campId: camp.id } });
  return { camp, a1, a2, b1, admin, collegeAdminA, collegeA, collegeB };
}

const access = async (user: BuiltUser, campId: string) => (await findCampAccess(user, campId))!;
const filesUpload = async (rows: string[][], photos: Record<string, Buffer>): Promise<StudentUpload> => ({
  kind: "files",
  sheet: { name: "学生.xlsx", bytes: await sheet(rows) },
  photos: Object.entries(photos).map(([name, bytes]) => ({ name, bytes })),
});
const photoFiles = (campId: string) => {
  const dir = path.join(getRuntime().dataDir, campPhotoDirectory(campId));
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe("uploading students for 人物辨识", () => {
  it("imports a sheet with its photos for 学工部, writes the photos under the camp's directory and audits the import, with nothing for the search outbox", async () => {
    const { camp, a1, b1, admin } = await school();
    const outboxBefore = await prisma.searchOutbox.count();
    const upload = await filesUpload(
      [
        [a1.username, "张三", "汉语言文学2301班", "3-402", "张三.png"],
        [b1.username, "李四", "数学2302班", "", "李四"],
      ],
      { "张三.png": pngImage(), "李四.png": pngImage(5, 5, [200, 0, 0]) },
    );
    expect(await importStudents(await access(admin, camp.id), upload, admin)).toEqual({ ok: true, students: 2, counselors: 2 });
    const students = await prisma.identificationStudent.findMany({ where: { campId: camp.id }, orderBy: { name: "asc" }, select: { name: true, dorm: true, counselorId: true, photo: { select: { mimeType: true, name: true } } } });
    expect(students).toEqual([
      { name: "张三", dorm: "3-402", counselorId: a1.id, photo: { mimeType: "image/png", name: "张三.png" } },
      { name: "李四", dorm: "", counselorId: b1.id, photo: { mimeType: "image/png", name: "李四.png" } },
    ]);
    expect(photoFiles(camp.id)).toHaveLength(2);
    expect(await prisma.auditLog.findFirst({ where: { action: "camp-student.import", entityId: camp.id }, select: { actorId: true, data: true } })).toEqual({
      actorId: admin.id,
      data: { students: 2, counselors: 2, source: "files" },
    });
    expect(await prisma.searchOutbox.count()).toBe(outboxBefore);
  });

  it("imports a .zip whose file names Windows wrote in GBK (the sheet may name a photo with its folder, without extension), for a college admin of the counselors' college", async () => {
    const { camp, a1, a2, collegeAdminA } = await school();
    const rows = [
      [a1.username, "张三", "汉语言文学2301班", "3-402", "张三.png"],
      [a2.username, "李四", "汉语言文学2302班", "3-403", "照片\\李四"],
    ];
    const zip = writeZip([
      { name: gbkName("学生名单.xlsx"), bytes: await sheet(rows) },
      { name: gbkName("照片/张三.png"), bytes: pngImage() },
      { name: "照片/李四.png", bytes: pngImage(), utf8Flag: false },
      { name: "Thumbs.db", bytes: Buffer.from("windows junk") },
    ]);
    const outcome = await importStudents(await access(collegeAdminA, camp.id), { kind: "zip", zip: { name: "学生.zip", bytes: zip } }, collegeAdminA);
    expect(outcome).toEqual({ ok: true, students: 2, counselors: 2 });
    expect((await prisma.identificationStudent.findMany({ where: { campId: camp.id }, select: { name: true } })).map((s) => s.name).sort()).toEqual(["张三", "李四"]);
  });

  it("refuses a file with bad rows whole, naming each problem by row and column, and writes nothing", async () => {
    const { camp, a1, b1, collegeAdminA } = await school();
    const outsider = await buildUser();
    const upload = await filesUpload(
      [
        [a1.username, "张三", "汉语言文学2301班", "3-402", "张三.png"],
        [b1.username, "王五", "数学2302班", "1-101", "王五.png"],
        [outsider.username, "赵六", "数学2302班", "1-101", "赵六.png"],
        ["", "", "汉语言文学2301班", "", "缺少.png"],
        [a1.username, "钱七", "汉语言文学2301班", "", "张三.png"],
        [a1.username, "孙八", "汉语言文学2301班", "", "说明.txt"],
      ],
      { "张三.png": pngImage(), "王五.png": pngImage(), "赵六.png": pngImage(), "说明.txt": Buffer.from("这不是照片") },
    );
    const outcome = await importStudents(await access(collegeAdminA, camp.id), upload, collegeAdminA);
    expect(outcome.ok).toBe(false);
    const issues = outcome.ok ? [] : outcome.issues.map((i) => [i.line, i.column, i.message]);
    expect(issues).toEqual([
      [3, "辅导员工号", "camp.students.errors.counselorNotYours"],
      [4, "辅导员工号", "camp.students.errors.unknownCounselor"],
      [5, "辅导员工号", "camp.students.errors.counselorRequired"],
      [5, "姓名", "camp.students.errors.required"],
      [5, "照片文件名", "camp.students.errors.photoMissing"],
      [6, "照片文件名", "camp.students.errors.photoTwice"],
      [7, "照片文件名", "camp.students.errors.photoType"],
    ]);
    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(0);
    expect(photoFiles(camp.id)).toEqual([]);
  });

  it("refuses a zip bomb and a zip without a sheet, and the route says so in Chinese", async () => {
    const { camp, admin } = await school();
    const bomb = writeZip([
      { name: "学生.xlsx", bytes: Buffer.from("x") },
      { name: "bomb.png", bytes: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    const outcome = await importStudents(await access(admin, camp.id), { kind: "zip", zip: { name: "a.zip", bytes: bomb } }, admin);
    expect(outcome).toEqual({ ok: false, issues: [{ message: "camp.students.errors.zipEntryTooLarge", params: { file: "bomb.png" } }] });
    const noSheet = writeZip([{ name: "张三.png", bytes: pngImage() }]);
    expect(await importStudents(await access(admin, camp.id), { kind: "zip", zip: { name: "a.zip", bytes: noSheet } }, admin)).toEqual({ ok: false, issues: [{ message: "camp.students.errors.zipNoSheet" }] });

    const form = new FormData();
    form.append("intent", "importZip");
    form.append("zip", new File([new Uint8Array(bomb)], "学生.zip", { type: "application/zip" }));
    const reply = await postAs(admin, studentsRouteAction, `/camp/${camp.id}/students`, form, { campId: camp.id });
    expect(reply.status).toBe(422);
    expect(reply.data).toMatchObject({ status: "error", error: "文件中有 1 处问题，未导入任何内容：", details: { issues: [".zip 中的“bomb.png”解压后过大。"] } });
    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(0);
  });

  it("takes a sheet and several photos through the page's form, and offers the template to whoever may upload", async () => {
    const { camp, a1, a2, collegeAdminA } = await school();
    const form = new FormData();
    form.append("intent", "importFiles");
    form.append("sheet", new File([new Uint8Array(await sheet([[a1.username, "张三", "一班", "1-101", "张三.png"], [a2.username, "李四", "二班", "1-102", "李四.png"]]))], "名单.xlsx"));
    for (const name of ["张三.png", "李四.png"]) form.append("photos", new File([new Uint8Array(pngImage())], name, { type: "image/png" }));
    const reply = await postAs(collegeAdminA, studentsRouteAction, `/camp/${camp.id}/students`, form, { campId: camp.id });
    expect(reply).toMatchObject({ status: 200, data: { status: "success", notice: "已导入 2 名学生（2 位辅导员）。" } });
    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(2);

    const template = await asUser(collegeAdminA.username, templateLoader, "/", { params: { campId: camp.id } });
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.response!.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).values).toEqual([undefined, "辅导员工号*", "姓名*", "班级*", "宿舍", "照片文件名*"]);
    expect((await asUser(a1.username, templateLoader, "/", { params: { campId: camp.id } })).status).toBe(403);
  });

  it("refuses uploads to anyone but the organisers and the participants' college admins while the camp is open", async () => {
    const { camp, a1 } = await school();
    const form = new FormData();
    form.append("intent", "importZip");
    form.append("zip", new File([new Uint8Array(writeZip([{ name: "a.png", bytes: pngImage() }]))], "a.zip"));
    expect((await postAs(a1, studentsRouteAction, `/camp/${camp.id}/students`, form, { campId: camp.id })).status).toBe(403);
    const scoring = await school("SCORING");
    expect((await postAs(scoring.admin, studentsRouteAction, `/camp/${scoring.camp.id}/students`, form, { campId: scoring.camp.id })).status).toBe(403);
  });
});

/** Posts a multipart form to an action as this person (asUser sends url-encoded forms only). */
async function postAs(user: BuiltUser, handler: (args: never) => Promise<unknown>, url: string, form: FormData, params: Record<string, string>) {
  const { cookieFor } = await import("../../../tests/support/signed-in.ts");
  const request = new Request(`http://localhost${url}`, { method: "POST", headers: { Cookie: await cookieFor(user.username) }, body: form });
  try {
    const result = (await handler({ request, params, context: {} } as never)) as { data?: unknown; init?: { status?: number } | null };
    return { status: result.init?.status ?? 200, data: result.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}

async function campWithStudents(status: CampStatus = "OPEN") {
  const setup = await school(status);
  const { camp, a1, a2, b1, admin } = setup;
  const upload = await filesUpload(
    [
      [a1.username, "张三", "汉语言文学2301班", "3-402", "1.png"],
      [a2.username, "李四", "汉语言文学2302班", "3-403", "2.png"],
      [b1.username, "王五", "数学2302班", "1-101", "3.png"],
    ],
    { "1.png": pngImage(), "2.png": pngImage(), "3.png": pngImage() },
  );
  // Uploaded while open, then moved on to the state the test needs.
  await prisma.camp.update({ where: { id: camp.id }, data: { status: "OPEN" } });
  expect((await importStudents(await access(admin, camp.id), upload, admin)).ok).toBe(true);
  await prisma.camp.update({ where: { id: camp.id }, data: { status } });
  const ids = Object.fromEntries((await prisma.identificationStudent.findMany({ where: { campId: camp.id }, select: { id: true, name: true } })).map((s) => [s.name, s.id]));
  return { ...setup, ids };
}

describe("seeing students", () => {
  it("shows a college admin only their college's students, with counts per counselor, and audits every student shown", async () => {
    const { camp, collegeAdminA, a1, a2, ids } = await campWithStudents();
    const list = await listStudents(collegeAdminA, camp.id, { page: 1 });
    expect(list.students.map((s) => s.name).sort()).toEqual(["张三", "李四"]);
    expect(list.counts.map((c) => [c.counselorId, c.students]).sort()).toEqual([[a1.id, 1], [a2.id, 1]].sort());
    const audited = await prisma.auditLog.findMany({ where: { actorId: collegeAdminA.id, action: "camp-student.view" }, select: { entityId: true, data: true } });
    expect(audited.map((a) => a.entityId).sort()).toEqual([ids["张三"], ids["李四"]].sort());
    expect(audited[0]!.data).toEqual({ campId: camp.id });
  });

  it("lets the organisers list through the page, and refuses a counselor taking part and a college admin of another college", async () => {
    const { camp, admin, a1 } = await campWithStudents();
    const otherAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college: await buildCollege() });
    const page = await asUser(admin.username, studentsLoader, `/camp/${camp.id}/students`, { params: { campId: camp.id } });
    expect(page.status).toBe(200);
    expect((page.data as { students: Array<{ name: string }> }).students.map((s) => s.name).sort()).toEqual(["张三", "李四", "王五"]);
    expect((await asUser(a1.username, studentsLoader, `/camp/${camp.id}/students`, { params: { campId: camp.id } })).status).toBe(403);
    expect((await asUser(otherAdmin.username, studentsLoader, `/camp/${camp.id}/students`, { params: { campId: camp.id } })).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { actorId: { in: [a1.id, otherAdmin.id] }, action: "camp-student.view" } })).toBe(0);
  });

  it("serves a photo to the organisers with no caching and audits it, and refuses a counselor whose round has not drawn it", async () => {
    const { camp, admin, a1, ids } = await campWithStudents();
    const url = `/camp/${camp.id}/students/${ids["张三"]}/photo`;
    const served = await asUser(admin.username, photoLoader, url, { params: { campId: camp.id, studentId: ids["张三"]! } });
    expect(served.status).toBe(200);
    expect(served.response!.headers.get("Cache-Control")).toBe("private, no-store");
    expect(served.response!.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await served.response!.arrayBuffer())).toEqual(pngImage());
    expect(await prisma.auditLog.count({ where: { actorId: admin.id, action: "camp-student.view-photo", entityId: ids["张三"] } })).toBe(1);
    // Their own student, but not drawn into a running round: refused, and nothing audited.
    expect((await asUser(a1.username, photoLoader, url, { params: { campId: camp.id, studentId: ids["张三"]! } })).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { actorId: a1.id, action: "camp-student.view-photo" } })).toBe(0);
    // A student of another camp under this camp's URL is not found.
    const other = await campWithStudents();
    expect((await asUser(admin.username, photoLoader, url, { params: { campId: other.camp.id, studentId: ids["张三"]! } })).status).toBe(404);
  });
});

describe("deleting students", () => {
  it("deletes one student with their photo after confirmation, and a college admin's 'delete all' takes only their college's", async () => {
    const { camp, admin, collegeAdminA, ids } = await campWithStudents();
    const asked = await asUser(admin.username, studentsRouteAction, `/camp/${camp.id}/students`, { form: { intent: "delete", studentId: ids["张三"]! }, params: { campId: camp.id } });
    expect(asked.data).toMatchObject({ status: "confirm" });
    expect(await prisma.identificationStudent.count({ where: { id: ids["张三"] } })).toBe(1);
    const done = await asUser(admin.username, studentsRouteAction, `/camp/${camp.id}/students`, { form: { intent: "delete", studentId: ids["张三"]!, confirmed: "yes" }, params: { campId: camp.id } });
    expect(done.data).toMatchObject({ status: "success", notice: "已删除。" });
    expect(await prisma.identificationStudent.count({ where: { id: ids["张三"] } })).toBe(0);
    expect(photoFiles(camp.id)).toHaveLength(2);

    expect(await deleteAllStudents(await access(collegeAdminA, camp.id), collegeAdminA)).toEqual({ deleted: 1, kept: 0 });
    expect((await prisma.identificationStudent.findMany({ where: { campId: camp.id }, select: { name: true } })).map((s) => s.name)).toEqual(["王五"]);
    expect(photoFiles(camp.id)).toHaveLength(1);
    expect(await prisma.uploadedFile.count({ where: { storagePath: { startsWith: campPhotoDirectory(camp.id) } } })).toBe(1);
  });
});

describe("archiving a camp", () => {
  it("deletes the students, their photos and the typed answers in one go, keeps the scores, and audits the counts", async () => {
    const { camp, admin, a1, ids } = await campWithStudents("RELEASED");
    const round = await prisma.campRound.create({ data: { campId: camp.id, kind: "IDENTIFICATION", weight: 20, position: 2 } });
    const attempt = await prisma.campAttempt.create({
      data: { roundId: round.id, campId: camp.id, userId: a1.id, deadline: new Date(), submittedAt: new Date(), blindCode: "A1", score: 4, items: { create: { position: 0, studentId: ids["张三"]!, typedName: "张三", score: 4 } } },
    });
    expect(photoFiles(camp.id)).toHaveLength(3);

    const asked = await asUser(admin.username, archiveRouteAction, `/camp/${camp.id}/archive`, { form: { intent: "archive" }, params: { campId: camp.id } });
    expect(asked.data).toMatchObject({ status: "confirm", confirm: { message: "确定归档？将永久删除 3 名学生的信息和 3 张照片，不能撤销。" } });
    const done = await asUser(admin.username, archiveRouteAction, `/camp/${camp.id}/archive`, { form: { intent: "archive", confirmed: "yes" }, params: { campId: camp.id } });
    expect(done.data).toMatchObject({ status: "success", notice: "训练营已归档，已删除 3 名学生的信息和 3 张照片。" });

    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(0);
    expect(await prisma.identificationItem.count({ where: { attemptId: attempt.id } })).toBe(0);
    expect(await prisma.uploadedFile.count({ where: { storagePath: { startsWith: campPhotoDirectory(camp.id) } } })).toBe(0);
    expect(fs.existsSync(path.join(getRuntime().dataDir, campPhotoDirectory(camp.id)))).toBe(false);
    expect(Number((await prisma.campAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).score)).toBe(4);
    const after = await prisma.camp.findUniqueOrThrow({ where: { id: camp.id }, select: { status: true, archivedAt: true, personalDataDeletedAt: true } });
    expect(after.status).toBe("ARCHIVED");
    expect(after.personalDataDeletedAt).not.toBeNull();
    expect(await prisma.auditLog.findFirst({ where: { action: "camp.archive", entityId: camp.id }, select: { actorId: true, data: true } })).toEqual({
      actorId: admin.id,
      data: { students: 3, photos: 3, items: 1 },
    });
    // Archived: nobody sees the students' page any more.
    expect((await asUser(admin.username, studentsLoader, `/camp/${camp.id}/students`, { params: { campId: camp.id } })).status).toBe(403);
  });

  it("refuses to archive before the release (nothing deleted) and refuses anyone but the organisers", async () => {
    const { camp, admin, collegeAdminA, a1 } = await campWithStudents("SCORING");
    await expect(archiveCamp(camp.id, admin.id)).rejects.toMatchObject({ key: "camp.students.archive.notReleased" });
    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(3);
    await prisma.camp.update({ where: { id: camp.id }, data: { status: "RELEASED" } });
    for (const person of [collegeAdminA, a1]) {
      const refused = await asUser(person.username, archiveRouteAction, `/camp/${camp.id}/archive`, { form: { intent: "archive", confirmed: "yes" }, params: { campId: camp.id } });
      expect(refused.status).toBe(403);
      expect((await asUser(person.username, archiveLoader, `/camp/${camp.id}/archive`, { params: { campId: camp.id } })).status).toBe(403);
    }
    expect(await prisma.identificationStudent.count({ where: { campId: camp.id } })).toBe(3);
    expect((await prisma.camp.findUniqueOrThrow({ where: { id: camp.id } })).status).toBe("RELEASED");
  });

  it("removes at start the photo directory an interrupted archive left behind, and no other camp's", async () => {
    const archived = await campWithStudents("RELEASED");
    const running = await campWithStudents();
    // The archive committed, but the process stopped before the directory went.
    await prisma.$transaction(async (tx) => {
      await tx.identificationStudent.deleteMany({ where: { campId: archived.camp.id } });
      await tx.camp.update({ where: { id: archived.camp.id }, data: { status: "ARCHIVED", personalDataDeletedAt: new Date() } });
    });
    expect(photoFiles(archived.camp.id)).toHaveLength(3);
    expect(await removeDeletedPhotoDirectories()).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(getRuntime().dataDir, campPhotoDirectory(archived.camp.id)))).toBe(false);
    expect(photoFiles(running.camp.id)).toHaveLength(3);
  });
});
