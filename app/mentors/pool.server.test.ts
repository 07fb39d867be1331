import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server.ts";
import { prisma } from "~/db/client.server.ts";
import { UserError } from "~/lib/user-error.ts";
import { assignMentor, buildDocument, buildMentor, buildStudio, buildUser, unique } from "../../tests/support/factories.ts";
import { buildTemplate, checkRows, COLUMN_KEYS, importMentors, readWorkbook } from "./import.server.ts";
import { getMentoring } from "./mentoring.server.ts";
import { mentorMessages } from "./messages.ts";
import { createMentor, listMentors, removeMentor, updateMentorProfile } from "./pool.server.ts";
import { addPreference, movePreference, removePreference, setTargets } from "./preferences.server.ts";
import { newMentorFormSchema, profileSchema } from "./schemas.ts";
import { getStudioMentors } from "./studio-mentors.server.ts";

/** The pool (导师库), Excel import, preferences, the mentor's page and the studio block; each test builds the mentors and studios it talks about. */
const newAdmin = () => buildUser({ roles: ["ADMIN"] });


async function thrown(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

async function workbook(rows: string[][]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("导师");
  for (const row of rows) sheet.addRow(row);
  const buffer = await book.xlsx.writeBuffer();
  return buffer as ArrayBuffer;
}

const HEADER = COLUMN_KEYS.map((key) => mentorMessages.import.columns[key][0]);

describe("the pool", () => {
  it("lists mentors in pages of 20 and filters by kind, duty, availability and text", async () => {
    // 21 mentors of one organisation of their own (the text filter finds them by it): 12 internal and
    // 9 external, 3 of them with crisis work, 2 unavailable and 1 whose account is closed.
    const organisation = unique("测试导师单位");
    const built = [];
    for (let i = 0; i < 21; i++) {
      built.push(
        await buildMentor({
          kind: i < 12 ? "INTERNAL" : "EXTERNAL",
          organisation,
          duties: i % 7 === 0 ? ["CRISIS", "CAREER"] : ["CAREER"],
          available: i !== 3 && i !== 15,
        }),
      );
    }
    await prisma.user.update({ where: { id: built[20]!.user.id }, data: { active: false } });
    const all = await listMentors({ page: 1, q: organisation });
    expect(all.total).toBe(21);
    expect(all.items).toHaveLength(20);
    expect(all.pages).toBe(2);
    expect((await listMentors({ page: 2, q: organisation })).items).toHaveLength(1);
    expect((await listMentors({ page: 1, q: organisation, kind: "EXTERNAL" })).total).toBe(9);
    const unavailable = await listMentors({ page: 1, q: organisation, available: "no" });
    expect(unavailable.total).toBe(3);
    expect((await listMentors({ page: 1, q: organisation, available: "yes" })).total).toBe(18);
    const crisis = await listMentors({ page: 1, q: organisation, duty: "CRISIS" });
    expect(crisis.total).toBe(3);
    expect(crisis.items.every((m) => m.duties.includes("CRISIS"))).toBe(true);
    const one = built[5]!.user.name;
    const byName = await listMentors({ page: 1, q: one });
    expect(byName.items.map((m) => m.name)).toEqual([one]);
    expect((await listMentors({ page: 1, q: "没有这个人" })).total).toBe(0);
  });

  it("adds an external mentor with a new account and a one-time password; the internal kind needs an existing staff account", async () => {
    const admin = await newAdmin();
    const raw = { kind: "EXTERNAL", username: "ext-wang", name: "王律师", organisation: "某律师事务所", rank: "ASSOCIATE", primaryDuty: "CRISIS", otherDuties: ["DAILY_AFFAIRS"], keywords: "法律援助、校园安全", capacity: "2", available: true };
    const input = newMentorFormSchema.parse(raw);
    const created = await createMentor(admin.id, input);
    expect(created.password).toMatch(/^[A-Za-z0-9]{12}$/);
    const account = await prisma.user.findUniqueOrThrow({ where: { username: "ext-wang" }, include: { mentor: true } });
    expect(account.roles).toEqual(["MENTOR"]);
    expect(await verifyPassword(created.password!, account.passwordHash)).toBe(true);
    expect(account.mentor).toMatchObject({ kind: "EXTERNAL", expertiseDuties: ["CRISIS", "DAILY_AFFAIRS"], keywords: ["法律援助", "校园安全"], capacity: 2 });
    expect(await prisma.auditLog.count({ where: { action: "mentor.create", entityId: created.mentorId } })).toBe(1);

    const taken = await thrown(createMentor(admin.id, input));
    expect(taken.key).toBe("mentors.errors.usernameTaken");
    const nobody = await thrown(createMentor(admin.id, newMentorFormSchema.parse({ ...raw, kind: "INTERNAL", username: "no-such-staff" })));
    expect(nobody.key).toBe("mentors.errors.noSuchStaff");
    const existing = await buildMentor({ kind: "INTERNAL" });
    const already = await thrown(createMentor(admin.id, newMentorFormSchema.parse({ ...raw, kind: "INTERNAL", username: existing.user.username })));
    expect(already.key).toBe("mentors.errors.alreadyMentor");
  });

  it("validates the forms: an external mentor needs a name and organisation, capacity 1–10, a known duty", () => {
    const bad = newMentorFormSchema.safeParse({ kind: "EXTERNAL", username: "ext x", rank: "SENIOR", primaryDuty: "COOKING", capacity: "0" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["mentors.validation.usernameFormat", "mentors.validation.duty", "mentors.validation.capacity"]));
    const missing = newMentorFormSchema.safeParse({ kind: "EXTERNAL", username: "ext-x", rank: "SENIOR", primaryDuty: "CAREER", capacity: "2" });
    expect(missing.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(["mentors.validation.nameRequired", "mentors.validation.organisationRequired"]));
    const tooMany = profileSchema.safeParse({ rank: "SENIOR", primaryDuty: "CAREER", capacity: "2", keywords: Array.from({ length: 21 }, (_, i) => `词${i}`).join("、") });
    expect(tooMany.error!.issues.map((i) => i.message)).toContain("mentors.validation.tooManyKeywords");
  });

  it("a mentor's capacity cannot drop below the directions they hold", async () => {
    const admin = await newAdmin();
    // A mentor of capacity 3 who guides one direction and is proposed for another: a load of two.
    const built = await buildMentor({ capacity: 3, rank: "ASSOCIATE" });
    await buildStudio({ mentors: [built] });
    await buildStudio({ mentors: [{ mentor: built, status: "PROPOSED" }] });
    const mentor = await prisma.mentor.findUniqueOrThrow({ where: { id: built.id } });
    const load = await prisma.mentorAssignment.count({ where: { mentorId: mentor.id, status: { in: ["ACCEPTED", "INVITED", "PROPOSED"] } } });
    expect(load).toBe(2);
    const tooSmall = profileSchema.parse({ rank: mentor.rank, primaryDuty: mentor.expertiseDuties[0], capacity: String(load - 1), available: true });
    const error = await thrown(updateMentorProfile(admin.id, mentor.id, tooSmall));
    expect(error.key).toBe("mentors.errors.capacityBelowLoad");
    expect((await prisma.mentor.findUniqueOrThrow({ where: { id: mentor.id } })).capacity).toBe(mentor.capacity);
    const fine = profileSchema.parse({ rank: "SENIOR", primaryDuty: mentor.expertiseDuties[0], capacity: String(load + 1), bio: "更新后的简介", available: true });
    await updateMentorProfile(admin.id, mentor.id, fine);
    const after = await prisma.mentor.findUniqueOrThrow({ where: { id: mentor.id } });
    expect(after).toMatchObject({ rank: "SENIOR", bio: "更新后的简介", capacity: load + 1 });
    expect(await prisma.auditLog.count({ where: { action: "mentor.update", entityId: mentor.id } })).toBe(1);
  });

  it("refuses to remove a mentor who still guides a direction", async () => {
    const admin = await newAdmin();
    const mentor = await buildMentor();
    await buildStudio({ mentors: [mentor] });
    const error = await thrown(removeMentor(admin.id, mentor.id));
    expect(error.key).toBe("mentors.errors.stillMentoring");
    expect(await prisma.mentor.count({ where: { id: mentor.id } })).toBe(1);
  });
});

describe("Excel import", () => {
  it("reads its own template and imports a clean file: a new external account and an internal staff member", async () => {
    const template = await readWorkbook((await buildTemplate()).buffer as ArrayBuffer);
    // The template has headers and no rows: it says it is empty rather than importing nothing.
    expect(template).toEqual({ ok: false, error: { key: "import.fileEmpty", params: {} } });

    const staff = await buildUser();
    const file = await workbook([
      HEADER,
      ["校外", "ext-li", "李主任", "市精神卫生中心", "主任医师", "", "13900000000", "危机应对", "心理健康", "心理危机干预、家校沟通", "3", "是", "临床心理专家。"],
      ["校内", staff.username, "", "", "副教授", "副高", "", "就业", "", "生涯规划", "", "", ""],
    ]);
    const read = await readWorkbook(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const check = await checkRows(read.rows);
    expect(check.ok).toBe(true);
    expect(check.rows.map((r) => [r.action, r.kind, r.username])).toEqual([
      ["create", "EXTERNAL", "ext-li"],
      ["create", "INTERNAL", staff.username],
    ]);
    const admin = await newAdmin();
    const outcome = await importMentors(admin.id, read.rows);
    expect(outcome).toMatchObject({ created: 2, updated: 0 });
    expect(outcome.passwords.map((p) => p.username)).toEqual(["ext-li"]);
    const li = await prisma.mentor.findFirstOrThrow({ where: { user: { username: "ext-li" } } });
    expect(li).toMatchObject({ kind: "EXTERNAL", organisation: "市精神卫生中心", rank: "SENIOR", expertiseDuties: ["CRISIS", "MENTAL_HEALTH"], capacity: 3, available: true });
    const internal = await prisma.mentor.findFirstOrThrow({ where: { userId: staff.id }, include: { user: true } });
    expect(internal).toMatchObject({ kind: "INTERNAL", rank: "ASSOCIATE", expertiseDuties: ["CAREER"], capacity: 2 });
    expect(internal.user.roles).toContain("MENTOR");
    expect(await prisma.auditLog.count({ where: { action: "mentor.import" } })).toBe(1);

    // The same file again updates the same people instead of duplicating them.
    const again = await checkRows(read.rows);
    expect(again.rows.map((r) => r.action)).toEqual(["update", "update"]);
  });

  it("reports every bad row with its problems, and writes nothing", async () => {
    const before = await prisma.mentor.count();
    const file = await workbook([
      HEADER,
      ["外星", "bad name", "", "", "", "特级", "", "烹饪", "", "", "11", "也许", ""],
      ["校内", "no-such-staff", "", "", "", "", "", "心理健康", "", "", "", "", ""],
      ["校外", "ext-dup", "甲", "某单位", "", "", "", "就业", "", "", "", "", ""],
      ["校外", "ext-dup", "乙", "", "", "", "", "就业", "", "", "", "", ""],
    ]);
    const read = await readWorkbook(file);
    if (!read.ok) throw new Error("should read");
    const check = await checkRows(read.rows);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const byRow = new Map(check.errors.map((e) => [e.row, e.problems.map((p) => p.key)]));
    expect(byRow.get(2)).toEqual(expect.arrayContaining(["import.kindInvalid", "import.usernameFormat", "import.rankUnknown", "import.dutyUnknown", "import.capacityInvalid", "import.availableInvalid"]));
    expect(byRow.get(3)).toEqual(["import.noSuchStaff"]);
    expect(byRow.has(4)).toBe(false);
    expect(byRow.get(5)).toEqual(expect.arrayContaining(["import.duplicateInFile", "import.organisationMissing"]));
    const error = await thrown(importMentors((await newAdmin()).id, read.rows));
    expect(error.key).toBe("mentors.import.stale");
    expect(await prisma.mentor.count()).toBe(before);
  });

  it("refuses files that are not workbooks or lack the required columns", async () => {
    expect(await readWorkbook(new TextEncoder().encode("not a workbook").buffer as ArrayBuffer)).toEqual({ ok: false, error: { key: "import.fileInvalid", params: {} } });
    const noHeader = await readWorkbook(await workbook([["姓名"], ["张三"]]));
    expect(noHeader.ok).toBe(false);
    if (!noHeader.ok) expect(noHeader.error.key).toBe("import.headerMissing");
  });
});

describe("studio preferences and targets", () => {
  it("orders preferred mentors, refuses the studio's own members and more than ten, and keeps ranks contiguous", async () => {
    const studio = await buildStudio();
    const { leader } = studio;
    const candidates = [];
    for (let i = 0; i < 11; i++) candidates.push(await buildMentor({ kind: i % 2 ? "EXTERNAL" : "INTERNAL" }));
    for (const mentor of candidates.slice(0, 3)) await addPreference(leader.id, studio.id, mentor.id);
    let rows = await prisma.mentorPreference.findMany({ where: { studioId: studio.id }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => r.mentorId)).toEqual(candidates.slice(0, 3).map((m) => m.id));
    await movePreference(leader.id, studio.id, rows[2]!.id, -1);
    rows = await prisma.mentorPreference.findMany({ where: { studioId: studio.id }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => r.mentorId)).toEqual([candidates[0]!.id, candidates[2]!.id, candidates[1]!.id]);
    await removePreference(leader.id, studio.id, rows[0]!.id);
    rows = await prisma.mentorPreference.findMany({ where: { studioId: studio.id }, orderBy: { rank: "asc" } });
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);

    for (const mentor of candidates.slice(3, 11)) await addPreference(leader.id, studio.id, mentor.id);
    expect(await prisma.mentorPreference.count({ where: { studioId: studio.id } })).toBe(10);
    const full = await thrown(addPreference(leader.id, studio.id, candidates[0]!.id));
    expect(full.key).toBe("mentors.errors.tooManyPreferences");

    // A studio member who is also a mentor (a counselor can be both) is not a preference of their own studio.
    const memberMentor = await buildMentor({ user: studio.backbone[0]! });
    await removePreference(leader.id, studio.id, rows[0]!.id);
    const own = await thrown(addPreference(leader.id, studio.id, memberMentor.id));
    expect(own.key).toBe("mentors.errors.preferOwnMember");
    expect(await prisma.mentorPreference.count({ where: { studioId: studio.id } })).toBe(9);
  });

  it("sets a direction's targets within 1–3 but never below what it already holds", async () => {
    const studio = await buildStudio();
    const { leader } = studio;
    const direction = studio.directions[0]!;
    await setTargets(leader.id, studio.id, direction.id, 3, 2);
    expect(await prisma.direction.findUniqueOrThrow({ where: { id: direction.id } })).toMatchObject({ internalMentorTarget: 3, externalMentorTarget: 2 });
    // Let the direction hold two internal mentors: a target of one would contradict that.
    for (const extra of [await buildMentor({ kind: "INTERNAL" }), await buildMentor({ kind: "INTERNAL" })]) await assignMentor(extra, direction.id, "ACCEPTED");
    const error = await thrown(setTargets(leader.id, studio.id, direction.id, 1, 1));
    expect(error.key).toMatch(/^mentors\.errors\./);
    expect(await prisma.direction.findUniqueOrThrow({ where: { id: direction.id } })).toMatchObject({ internalMentorTarget: 3, externalMentorTarget: 2 });
    const other = (await buildStudio()).directions[0]!;
    await thrown(setTargets(leader.id, studio.id, other.id, 2, 2));
    expect(await prisma.direction.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ internalMentorTarget: 1, externalMentorTarget: 1 });
  });
});

describe("the mentor's page and the studio's mentors", () => {
  it("lists the mentor's directions and pending reviews, with links to the documents", async () => {
    // Guiding a direction of one studio, invited to another (not theirs yet).
    const built = await buildMentor();
    const mentor = built.user;
    const studio = await buildStudio({ mentors: [built] });
    const invitedTo = await buildStudio({ mentors: [{ mentor: built, status: "INVITED" }] });
    const { leader } = studio;
    const documents = [];
    for (const i of [1, 2, 3]) documents.push(await buildDocument({ studio, createdBy: leader, type: "CASE_STUDY", title: `待审案例 ${i}` }));
    for (const d of documents) await prisma.review.create({ data: { documentId: d.id, requestedById: leader.id, reviewerId: mentor.id } });
    await prisma.review.create({ data: { documentId: documents[0]!.id, requestedById: leader.id, reviewerId: mentor.id, status: "APPROVED" } });
    const page = await getMentoring(mentor.id, 1);
    expect(page.mentor?.id).toBe(built.id);
    expect(page.accepted.map((d) => d.direction.id)).toEqual([studio.directions[0]!.id]);
    expect(page.invitations.map((d) => d.direction.id)).toEqual([invitedTo.directions[0]!.id]);
    expect(page.reviewTotal).toBe(3);
    const ours = page.reviews.filter((r) => r.title.startsWith("待审案例"));
    expect(ours.map((r) => r.title)).toEqual(["待审案例 1", "待审案例 2", "待审案例 3"]);
    expect(ours[0]).toMatchObject({ documentId: documents[0]!.id, studio: studio.name, requestedBy: leader.name });
  });

  it("shows each direction of a studio with its accepted and invited mentors by kind", async () => {
    const [internal, external, proposed] = [await buildMentor({ kind: "INTERNAL" }), await buildMentor({ kind: "EXTERNAL" }), await buildMentor({ kind: "INTERNAL" })];
    const studio = await buildStudio({
      directions: [{ internalMentorTarget: 2, externalMentorTarget: 1 }],
      mentors: [internal, { mentor: external, status: "INVITED" }, { mentor: proposed, status: "PROPOSED" }],
    });
    const blocks = await getStudioMentors(studio.id);
    const block = blocks.find((b) => b.directionId === studio.directions[0]!.id)!;
    expect(block.mentors.INTERNAL.map((m) => [m.name, m.status])).toEqual([[internal.user.name, "ACCEPTED"]]);
    expect(block.mentors.EXTERNAL.map((m) => [m.name, m.status])).toEqual([[external.user.name, "INVITED"]]);
    expect(block.targets).toEqual({ INTERNAL: 2, EXTERNAL: 1 });
    expect(await getStudioMentors("no-such-studio")).toEqual([]);
  });
});
