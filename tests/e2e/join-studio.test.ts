import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, login, newPage } from "../support/browser.ts";
import { undoChangesTo, userId } from "../support/e2e-database.ts";

const baseUrl = inject("baseUrl");
const STUDIO = "“心晴”心理健康教育辅导员工作室";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The unread count the notification bell announces (its accessible name). */
async function unread(page: Page): Promise<number> {
  const label = (await page.getByRole("link", { name: /^(\d+ 条未读通知|通知（没有未读）)$/ }).getAttribute("aria-label")) ?? "";
  return Number(/^(\d+) 条未读通知/.exec(label)?.[1] ?? 0);
}

describe("a newcomer joins a studio by specialty", () => {
  // Seeded: the demo counselor 王小雨 is in no studio and has applied to none. Whatever a test
  // leaves of her application, membership, the notices it sends and their audit records goes after it.
  beforeEach(async () => {
    const [counselor, leader] = await Promise.all([userId("counselor"), userId("leader")]);
    await undoChangesTo("StudioJoinRequest", { userId: counselor });
    await undoChangesTo("StudioMembership", { userId: counselor });
    await undoChangesTo("Notification", { userId: counselor });
    await undoChangesTo("Notification", { userId: leader, type: ["studios.notices.joinRequested", "studios.notices.memberLeft"] });
    await undoChangesTo("AuditLog", { actorId: [counselor, leader], action: ["join-request.apply", "join-request.approve", "membership.add", "membership.leave"] });
  });

  it("works without JavaScript: the application is a plain form post", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await login(page, baseUrl, "counselor");
    await page.goto(`${baseUrl}/studios`);
    await page.getByRole("list", { name: "按专长为您推荐" }).getByRole("link", { name: `申请加入：${STUDIO}` }).click();
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByText("请填写申请理由。").waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/studios\/[^/]+\/apply$/);
    await page.context().close();
  });
  it("finds the studio by fit, applies, the leader approves (both told live), and it is in 'my studios'", async () => {
    const leader = await newPage(browser);
    await login(leader, baseUrl, "leader");
    await leader.getByRole("heading", { name: "张明华，您好" }).waitFor();
    await leader.getByRole("status", { name: "实时连接正常" }).waitFor();
    const leaderUnread = await unread(leader);

    const counselor = await newPage(browser);
    await login(counselor, baseUrl, "counselor");
    await counselor.getByText("您还没有加入任何工作室。").waitFor();
    await counselor.getByRole("link", { name: "工作室", exact: true }).click();
    await counselor.getByRole("heading", { level: 1, name: "工作室" }).waitFor();

    // Ranked by fit with her specialties, the reason shown: 心理健康教育与咨询工作 is one of her specialties.
    const recommended = counselor.getByRole("list", { name: "按专长为您推荐" });
    const first = recommended.getByRole("listitem").first();
    await expect(first.getByRole("link", { name: STUDIO, exact: true }).isVisible()).resolves.toBe(true);
    await expect(first.getByText("工作室职责“心理健康教育与咨询工作”是您的专长").isVisible()).resolves.toBe(true);
    await first.getByRole("link", { name: `申请加入：${STUDIO}` }).click();

    await counselor.getByRole("heading", { name: `申请加入：${STUDIO}` }).waitFor();
    // Too short a motivation is refused in Chinese, on the server too.
    await counselor.getByLabel("申请理由").fill("想加入");
    await counselor.getByRole("button", { name: "提交申请" }).click();
    await counselor.getByText("申请理由至少 10 个字。").waitFor();
    await counselor.getByLabel("申请理由").fill("我负责学院的朋辈心理互助和新生适应工作，希望在工作室参与心理育人研究。");
    await counselor.getByRole("button", { name: "提交申请" }).click();
    await counselor.getByText("您已申请加入，等待负责人审核。").waitFor();
    await counselor.getByRole("status", { name: "实时连接正常" }).waitFor();
    const counselorUnread = await unread(counselor);

    // The leader's bell counts the request without a reload.
    await leader.getByRole("link", { name: `${leaderUnread + 1} 条未读通知` }).waitFor();
    await leader.getByRole("link", { name: `${leaderUnread + 1} 条未读通知` }).click();
    await leader.getByText(`王小雨 申请加入“${STUDIO}”，请审核。`).waitFor();

    await leader.goto(`${baseUrl}/studios`);
    await leader.getByRole("link", { name: STUDIO, exact: true }).first().click();
    await leader.getByRole("navigation", { name: "工作室栏目" }).getByRole("link", { name: "团队" }).click();
    const requests = leader.getByRole("region", { name: "待审核的申请" });
    await requests.getByText("申请理由：我负责学院的朋辈心理互助和新生适应工作，希望在工作室参与心理育人研究。").waitFor();
    await requests.getByLabel("给 王小雨 的留言（可选）").fill("欢迎加入，周三例会见。");
    await requests.getByRole("button", { name: "同意 王小雨 的申请" }).click();
    await leader.getByText("已同意 王小雨 加入。").waitFor();
    await leader.getByRole("table", { name: "成员" }).getByRole("row", { name: /王小雨/ }).getByText("新成员", { exact: true }).waitFor();

    // The newcomer is told live too, and the studio is in her "my studios".
    await counselor.getByRole("link", { name: `${counselorUnread + 1} 条未读通知` }).waitFor();
    await counselor.getByRole("link", { name: "首页" }).click();
    await counselor.getByRole("heading", { name: "王小雨，您好" }).waitFor();
    const myStudios = counselor.getByRole("region", { name: "我的工作室" });
    await myStudios.getByRole("link", { name: STUDIO, exact: true }).click();
    await counselor.getByText("您是本工作室的新成员。").waitFor();
    await counselor.goto(`${baseUrl}/notifications`);
    await counselor.getByText(`您加入“${STUDIO}”的申请已通过，欢迎加入！`).waitFor();

    // Leaving asks first; afterwards the demo counselor is outside every studio again.
    await counselor.goBack();
    await counselor.getByText("您是本工作室的新成员。").waitFor();
    await counselor.getByRole("button", { name: "退出工作室" }).click();
    const confirm = counselor.getByRole("dialog", { name: `确定退出“${STUDIO}”吗？您在本工作室课题中的角色会一并取消。` });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "退出工作室" }).click();
    await counselor.getByText("您已退出该工作室。").waitFor();
    await counselor.goto(`${baseUrl}/`);
    await counselor.getByText("您还没有加入任何工作室。").waitFor();

    await leader.context().close();
    await counselor.context().close();
  });

});
