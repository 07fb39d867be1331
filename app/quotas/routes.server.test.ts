import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server.ts";
import { buildUser, unique, type BuiltUser } from "../../tests/support/factories.ts";
import { asUser } from "../../tests/support/signed-in.ts";
import { createQuota } from "./quotas.server.ts";
import { quotaSchema } from "./schemas.ts";

/**
 * The quota pages (/quotas, /quotas/new, /quotas/:id) through their loaders and actions: 学工部
 * uses every intent; a counselor, a college admin and a mentor are refused everything; bad input
 * and too many picks are answered in Chinese with nothing written.
 */
let list: typeof import("~/routes/quotas._index.tsx");
let create: typeof import("~/routes/quotas.new.tsx");
let page: typeof import("~/routes/quotas.$quotaId.tsx");

type Reply = { intent: string; status: string; notice?: string; error?: string; confirm?: { message: string }; form?: { error?: Record<string, string[] | null> } };
const reply = (response: { data: unknown }) => response.data as Reply;

let admin: BuiltUser;
let others: Record<"counselor" | "collegeAdmin" | "mentor", BuiltUser>;

beforeAll(async () => {
  [list, create, page] = await Promise.all([import("~/routes/quotas._index.tsx"), import("~/routes/quotas.new.tsx"), import("~/routes/quotas.$quotaId.tsx")]);
  admin = await buildUser({ roles: ["ADMIN"] });
  others = { counselor: await buildUser(), collegeAdmin: await buildUser({ roles: ["COLLEGE_ADMIN"] }), mentor: await buildUser({ roles: ["MENTOR"] }) };
}, 120_000);

const quotaForm = (overrides: Record<string, string | string[]> = {}) => ({ intent: "create", title: unique("海外研修名额"), kind: "OVERSEAS_STUDY", seats: "1", ...overrides });

async function openQuota(seats = 1) {
  return createQuota(quotaSchema.parse({ title: unique("大赛参赛队"), kind: "COMPETITION_TEAM", seats }), admin.id);
}

describe("who may use the quota pages", () => {
  it("refuses a counselor, a college admin and a mentor every page and every intent, changing nothing", async () => {
    const quota = await openQuota();
    const person = await buildUser();
    const params = { quotaId: quota.id };
    for (const [who, user] of Object.entries(others)) {
      expect((await asUser(user.username, list.loader, "/quotas")).status, who).toBe(403);
      expect((await asUser(user.username, create.loader, "/quotas/new")).status, who).toBe(403);
      expect((await asUser(user.username, page.loader, `/quotas/${quota.id}`, { params })).status, who).toBe(403);
      const title = unique("越权名额");
      expect((await asUser(user.username, create.action, "/quotas/new", { form: quotaForm({ title }) })).status, who).toBe(403);
      expect(await prisma.quota.count({ where: { title } }), who).toBe(0);
      const forms: Array<Record<string, string>> = [{ intent: "rank" }, { intent: "pick", shown: person.id, chosen: person.id }, { intent: "decide", confirmed: "yes" }, { intent: "cancel", confirmed: "yes" }];
      for (const form of forms) {
        expect((await asUser(user.username, page.action, `/quotas/${quota.id}`, { form, params })).status, `${who} ${form.intent}`).toBe(403);
      }
    }
    expect(await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).toMatchObject({ status: "OPEN" });
    expect(await prisma.quotaCandidate.count({ where: { quotaId: quota.id, chosen: true } })).toBe(0);
  });

  it("refuses someone signed out and answers 404 for a quota that does not exist", async () => {
    expect((await asUser(null, list.loader, "/quotas")).status).toBe(302);
    expect((await asUser(admin.username, page.loader, "/quotas/none", { params: { quotaId: "none" } })).status).toBe(404);
    expect((await asUser(admin.username, page.action, "/quotas/none", { form: { intent: "rank" }, params: { quotaId: "none" } })).status).toBe(404);
  });
});

describe("学工部 on the quota pages", () => {
  it("creates a quota from the form and lands on its ranked candidates", async () => {
    const counselor = await buildUser({ groups: ["BACKBONE"] });
    const title = unique("省培名额");
    const created = await asUser(admin.username, create.action, "/quotas/new", { form: quotaForm({ title, seats: "2", stages: "NOVICE", groups: ["BACKBONE", "NEW_HIRES"], dueOn: "2027-03-01" }) });
    expect(created.status).toBe(302);
    const quota = await prisma.quota.findFirstOrThrow({ where: { title } });
    expect(created.response!.headers.get("Location")).toBe(`/quotas/${quota.id}?created=1`);
    expect(quota).toMatchObject({ kind: "OVERSEAS_STUDY", seats: 2, eligibleStages: ["NOVICE"], eligibleGroups: ["BACKBONE", "NEW_HIRES"], createdById: admin.id });

    const shown = await asUser(admin.username, page.loader, `/quotas/${quota.id}`, { params: { quotaId: quota.id } });
    const loaded = shown.data as { candidates: Array<{ userId: string }>; total: number };
    expect(loaded.total).toBeGreaterThan(0);
    expect(await prisma.quotaCandidate.findUnique({ where: { quotaId_userId: { quotaId: quota.id, userId: counselor.id } } })).not.toBeNull();

    const listed = await asUser(admin.username, list.loader, "/quotas?status=OPEN");
    expect((listed.data as { quotas: Array<{ id: string }> }).quotas.map((q) => q.id)).toContain(quota.id);
  });

  it("refuses bad input in Chinese and writes nothing", async () => {
    const title = unique("坏名额");
    for (const [fields, message] of [
      [{ title, seats: "0" }, "名额数须为 1 到 200 的整数。"],
      [{ title, kind: "VACATION" }, "请从列表中选择。"],
      [{ title: "  " }, "请填写名额名称。"],
      [{ title, dueOn: "2027-02-30" }, "请填写有效的日期。"],
    ] as const) {
      const answer = await asUser(admin.username, create.action, "/quotas/new", { form: quotaForm(fields) });
      expect(answer.status).toBe(400);
      expect(Object.values(reply(answer).form?.error ?? {}).flat()).toContain(message);
    }
    const camp = await prisma.camp.create({ data: { title: unique("未发布训练营"), year: 2026, status: "SCORING" } });
    const unreleased = await asUser(admin.username, create.action, "/quotas/new", { form: quotaForm({ title, campId: camp.id }) });
    expect(reply(unreleased).form?.error?.campId).toEqual(["所选训练营尚未发布成绩，不能作为参考：请选择已发布成绩的一期，或留空（自动使用最近一期）。"]);
    expect(await prisma.quota.count({ where: { title } })).toBe(0);
  });

  it("saves ticks, refuses more than the seats in Chinese, asks before confirming, then decides and notifies", async () => {
    const quota = await openQuota(1);
    const params = { quotaId: quota.id };
    const [first, second] = await prisma.quotaCandidate.findMany({ where: { quotaId: quota.id }, orderBy: { rank: "asc" }, take: 2, select: { userId: true } });
    const shown = [first!.userId, second!.userId];

    const tooMany = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "pick", shown, chosen: shown }, params });
    expect(tooMany.status).toBe(409);
    expect(reply(tooMany).error).toBe("最多只能选 1 人，现在选了 2 人。");
    expect(await prisma.quotaCandidate.count({ where: { quotaId: quota.id, chosen: true } })).toBe(0);

    const saved = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "pick", shown, chosen: first!.userId }, params });
    expect(reply(saved)).toMatchObject({ status: "success", notice: "已保存选择：共选 1 人。" });

    const asked = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "decide" }, params });
    expect(reply(asked).status).toBe("confirm");
    expect(reply(asked).confirm?.message).toContain("确认这 1 人为");
    expect((await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).status).toBe("OPEN");

    const decided = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "decide", confirmed: "yes" }, params });
    expect(reply(decided)).toMatchObject({ status: "success", notice: "已确定人选，已通知 1 人。" });
    expect(await prisma.notification.count({ where: { userId: first!.userId, type: "quotas.notices.chosen" } })).toBe(1);

    const again = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "rank" }, params });
    expect(reply(again).error).toBe("该名额已确定人选，不能再更改。");
  });

  it("asks before cancelling, then cancels", async () => {
    const quota = await openQuota();
    const params = { quotaId: quota.id };
    const asked = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "cancel" }, params });
    expect(reply(asked).status).toBe("confirm");
    expect((await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).status).toBe("OPEN");
    const done = await asUser(admin.username, page.action, `/quotas/${quota.id}`, { form: { intent: "cancel", confirmed: "yes" }, params });
    expect(reply(done)).toMatchObject({ status: "success", notice: "名额已取消。" });
    expect((await prisma.quota.findUniqueOrThrow({ where: { id: quota.id } })).status).toBe("CANCELLED");
  });
});
