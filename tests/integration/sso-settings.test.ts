import { describe, expect, it } from "vitest";
import { readSsoSettings } from "~/auth/sso/settings.server.ts";
import { prisma } from "~/db/client.server.ts";
import { action, loader } from "~/routes/admin.settings.tsx";
import { buildUser } from "../support/factories.ts";
import { asUser } from "../support/signed-in.ts";

/** The campus sign-on card of the admin settings page (decision 123). */
const form = (fields: Record<string, string>) => ({ intent: "saveSso", protocol: "oidc", oidcIssuer: "https://id.example.edu.cn/oidc", oidcClientId: "fudao", oidcIdClaim: "employee_number", oidcScopes: "openid profile", localLogin: "admin-only", ...fields });

describe("campus sign-on settings", () => {
  it("the admin saves them; a blank secret keeps the saved one, which the page never shows", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    expect((await asUser(admin.username, action, "/admin/settings", { form: form({ oidcClientSecret: "s3cret-value" }) })).status).toBe(200);
    expect((await readSsoSettings({})).settings).toMatchObject({ protocol: "oidc", oidcClientSecret: "s3cret-value", localLogin: "admin-only" });
    await asUser(admin.username, action, "/admin/settings", { form: form({ oidcClientSecret: "", oidcScopes: "openid profile email" }) });
    expect((await readSsoSettings({})).settings).toMatchObject({ oidcClientSecret: "s3cret-value", oidcScopes: "openid profile email" });
    const audit = await prisma.auditLog.findFirst({ where: { action: "settings.sso-update", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit?.data)).not.toContain("s3cret-value");
    const page = await asUser(admin.username, loader, "/admin/settings");
    const sso = (page.data as { sso: { values: Record<string, string>; secretSaved: boolean; addresses: string[] } }).sso;
    expect(sso.values.oidcClientSecret).toBe("");
    expect(sso.secretSaved).toBe(true);
    expect(sso.addresses).toEqual(["http://localhost/auth/cas/callback", "http://localhost/auth/oidc/callback", "http://localhost/login"]);
  });

  it("refuses an address that is not http(s) and anyone but the admin", async () => {
    const admin = await buildUser({ roles: ["ADMIN"] });
    const before = await readSsoSettings({});
    const bad = await asUser(admin.username, action, "/admin/settings", { form: form({ oidcIssuer: "javascript:alert(1)" }) });
    expect(bad.status).toBe(400);
    const counselor = await buildUser();
    expect((await asUser(counselor.username, action, "/admin/settings", { form: form({}) })).status).toBe(403);
    expect(await readSsoSettings({})).toEqual(before);
  });
});
