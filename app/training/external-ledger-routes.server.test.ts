import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildUser, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser, cookieFor } from "../../tests/support/signed-in.ts";

/**
 * 校外培训 and 学时台账 as each kind of person reaches them: a counselor records training with a
 * certificate (any file name), their college admin decides after being asked, the hours reach the
 * ledger; denials and bad input in Chinese.
 */
type Route = { loader: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };
let external: Route;
let evidence: Route;
let ledger: Route;
let counselor: BuiltUser;
let collegeAdmin: BuiltUser;
let otherCollegeAdmin: BuiltUser;
let colleague: BuiltUser;
let mentor: BuiltUser;
let onlineId: string;
type Reply = { status: string; notice?: string; error?: string; confirm?: { message: string }; form?: { error?: Record<string, string[]> } };

beforeAll(async () => {
  external = (await import("~/routes/training.external.tsx")) as unknown as Route;
  evidence = (await import("~/routes/training.external_.$recordId.evidence.tsx")) as unknown as Route;
  ledger = (await import("~/routes/training.ledger.tsx")) as unknown as Route;
  counselor = await buildUser();
  collegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"], college: { id: counselor.collegeId! } });
  colleague = await buildUser({ college: { id: counselor.collegeId! } });
  otherCollegeAdmin = await buildUser({ roles: ["COLLEGE_ADMIN"] });
  mentor = await buildUser({ roles: ["MENTOR"], college: null });
  onlineId = (await prisma.trainingPlatform.findUniqueOrThrow({ where: { code: "ONLINE" } })).id;
});

/** Posts the record form as a browser does (multipart, with the file under its own name). */
async function record(user: BuiltUser, fields: Record<string, string>, file?: { name: string; body: string }) {
  const form = new FormData();
  form.set("intent", "record");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("evidence", new File([file.body], file.name, { type: "application/pdf" }));
  const request = new Request("http://localhost/training/external", { method: "POST", headers: { Cookie: await cookieFor(user.username) }, body: form });
  try {
    const result = (await external.action!({ request, params: {}, context: {} } as never)) as { data: Reply; init: { status?: number } | null };
    return { status: result.init?.status ?? 200, data: result.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}
const base = { title: "全国高校辅导员网络培训（测试）", platformId: "", organiser: "教育部思政司", startsOn: "2026-03-01", endsOn: "2026-03-05", hours: "8" };
const decide = (user: BuiltUser, form: Record<string, string>) => asUser(user.username, external.action as never, "/training/external", { form: { intent: "decide", ...form } });

describe("external training", () => {
  it("is refused to people who take no training and to a college admin recording", async () => {
    expect((await asUser(mentor.username, external.loader as never, "/training/external")).status).toBe(403);
    expect((await asUser(counselor.username, external.loader as never, "/training/external")).status).toBe(200);
    expect((await record(collegeAdmin, { ...base, platformId: onlineId }, { name: "a.pdf", body: "%PDF" })).status).toBe(403);
  });

  it("answers a missing title, a missing certificate and a wrong file type in Chinese, and records nothing", async () => {
    const noTitle = await record(counselor, { ...base, platformId: onlineId, title: "" }, { name: "a.pdf", body: "%PDF" });
    expect(noTitle.status).toBe(400);
    expect(noTitle.data!.form?.error?.title).toEqual(["请填写名称。"]);
    const noFile = await record(counselor, { ...base, platformId: onlineId });
    expect(noFile.status).toBe(400);
    expect(noFile.data!.error).toBe("请上传结业证书等证明材料。");
    const wrongType = await record(counselor, { ...base, platformId: onlineId }, { name: "证书.exe", body: "MZ" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.data!.error).toMatch(/^证明材料须为以下格式之一/);
    expect(await prisma.externalTrainingRecord.count({ where: { userId: counselor.id } })).toBe(0);
  });

  it("records with a certificate of any name; only the person's college admin decides, after being asked, and the hours reach the ledger", async () => {
    const name = `结业证书;a=b "第1期"%.pdf`;
    const recorded = await record(counselor, { ...base, platformId: onlineId }, { name, body: "%PDF-1.4 test" });
    expect(recorded.data!.notice).toContain("等待审核");
    const row = await prisma.externalTrainingRecord.findFirstOrThrow({ where: { userId: counselor.id }, include: { evidence: true } });
    expect([row.status, row.evidence?.name]).toEqual(["PENDING", name]);

    // The certificate: the person and their college admin, not a colleague.
    expect((await asUser(colleague.username, evidence.loader as never, `/training/external/${row.id}/evidence`, { params: { recordId: row.id } })).status).toBe(403);
    const file = await asUser(collegeAdmin.username, evidence.loader as never, `/training/external/${row.id}/evidence`, { params: { recordId: row.id } });
    expect(file.response?.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);

    const decision = { recordId: row.id, title: row.title };
    expect((await decide(counselor, { ...decision, decision: "APPROVED", confirmed: "yes" })).status).toBe(403);
    expect((await decide(otherCollegeAdmin, { ...decision, decision: "APPROVED", confirmed: "yes" })).status).toBe(403);
    const noNote = await decide(collegeAdmin, { ...decision, decision: "REJECTED", note: "" });
    expect(noNote.status).toBe(400);
    expect((noNote.data as Reply).form?.error?.note).toEqual(["不通过时请写明理由。"]);
    const asked = (await decide(collegeAdmin, { ...decision, decision: "APPROVED" })).data as Reply;
    expect(asked.status).toBe("confirm");
    expect(await prisma.trainingHoursEntry.count({ where: { userId: counselor.id } })).toBe(0);
    const done = (await decide(collegeAdmin, { ...decision, decision: "APPROVED", note: "材料齐全", confirmed: "yes" })).data as Reply;
    expect(done.notice).toContain("学时已计入台账");
    const again = await decide(collegeAdmin, { ...decision, decision: "REJECTED", note: "重复", confirmed: "yes" });
    expect(again.status).toBe(403);

    const mine = (await asUser(counselor.username, ledger.loader as never, "/training/ledger")).data as { entries: Array<{ source: string; hours: number; sourceId: string }>; years: unknown[] };
    expect(mine.entries).toEqual([expect.objectContaining({ source: "EXTERNAL", hours: 8, sourceId: row.id })]);
    expect(mine.years).toEqual([{ year: 2026, hours: 8 }]);
  });
});

describe("the hours ledger", () => {
  it("is one's own; a colleague and another college's admin are refused someone else's, their college admin and 学工部 see it with their scope", async () => {
    const url = `/training/ledger?user=${counselor.id}`;
    expect((await asUser(colleague.username, ledger.loader as never, url)).status).toBe(403);
    expect((await asUser(otherCollegeAdmin.username, ledger.loader as never, url)).status).toBe(403);
    const own = (await asUser(colleague.username, ledger.loader as never, "/training/ledger")).data as { self: boolean; scope: unknown };
    expect(own).toMatchObject({ self: true, scope: null });
    const college = await asUser(collegeAdmin.username, ledger.loader as never, url);
    expect(college.status).toBe(200);
    const seen = college.data as { self: boolean; person: { id: string }; scope: { entries: Array<{ user: { id: string } }> } };
    expect(seen).toMatchObject({ self: false, person: { id: counselor.id } });
    expect(new Set(seen.scope.entries.map((e) => e.user.id))).toEqual(new Set([counselor.id]));
    const admin = await buildUser({ roles: ["ADMIN"] });
    expect((await asUser(admin.username, ledger.loader as never, url)).status).toBe(200);
  });
});
