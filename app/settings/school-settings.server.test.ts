import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { prisma } from "~/db/client.server.ts";
import { buildUser } from "../../tests/support/factories.ts";
import { getSchoolSettings, updateSchoolSettings } from "./school-settings.server.ts";

describe("school settings", () => {
  it("fills in the documented defaults", async () => {
    const settings = await getSchoolSettings();
    expect(settings.schoolName).toBe("示范大学");
    expect(settings.stageThresholds).toMatchObject({ growingAfterYears: 2, experiencedAfterYears: 4 });
    expect(settings.leaderEligibility).toEqual({ minYears: 10, seniorTitleRequired: true, minHonours: 1 });
    expect(settings.backboneMinYears).toBe(3);
    expect(settings.passwordPolicy).toEqual({ minLength: 10, forbidUsername: true, forbidCommon: true, extraForbidden: [] });
  });

  it("saves a change with an audit entry", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    await updateSchoolSettings({ backboneMinYears: 4 }, admin.id);
    expect((await getSchoolSettings()).backboneMinYears).toBe(4);
    const audit = await prisma.auditLog.findFirst({ where: { action: "settings.update" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, data: { backboneMinYears: 4 } });
  });

  it("rejects thresholds out of order and writes nothing", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const before = await getSchoolSettings();
    const audits = await prisma.auditLog.count();
    await expect(
      updateSchoolSettings({ stageThresholds: { growingAfterYears: 5, experiencedAfterYears: 4, expertTitles: ["PROFESSOR"] } }, admin.id),
    ).rejects.toThrow(ZodError);
    expect(await getSchoolSettings()).toEqual(before);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("falls back to defaults when a stored value no longer validates", async () => {
    await prisma.setting.update({ where: { key: "school" }, data: { value: { backboneMinYears: "three" } } });
    expect((await getSchoolSettings()).backboneMinYears).toBe(3);
  });
});
