import { describe, expect, it } from "vitest";
import { z } from "zod";
import { permit, permitSignIn } from "~/policy/index.ts";
import { buildUser, type BuiltUser } from "../../tests/support/factories.ts";
import { cookieFor } from "../../tests/support/signed-in.ts";
import { intentAction } from "./actions.server.ts";
import { UserError } from "./user-error.ts";

/** A made-up page with three intents, on the real session store, policy and translations. */
const runs: string[] = [];
const action = intentAction({
  load: async (_args, user) => ({ ownerId: user.id }),
  intents: (intent) => ({
    rename: intent({
      schema: z.object({ intent: z.literal("rename"), name: z.string({ error: "validation.required" }).min(2, "validation.required") }),
      // A notification belongs to its recipient: only they may act on it.
      authorize: ({ user, ctx }) => permit(user, "notification:open", { userId: ctx.ownerId }),
      run: ({ t }, input) => {
        runs.push(`rename ${input.name}`);
        if (input.name === "已存在") throw new UserError("studios.errors.nameTaken", { name: input.name });
        return { notice: t("kit.saved"), data: { renamed: input.name } };
      },
    }),
    remove: intent({
      schema: z.object({ intent: z.literal("remove"), id: z.string() }),
      authorize: ({ user, ctx }) => permit(user, "notification:open", { userId: ctx.ownerId }),
      confirm: ({ t }) => ({ message: t("kit.working"), confirmLabel: t("kit.cancel") }),
      run: (_call, input) => {
        runs.push(`remove ${input.id}`);
        return { redirectTo: "/studios" };
      },
    }),
    forbidden: intent({
      schema: z.object({ intent: z.literal("forbidden") }),
      authorize: ({ user }) => permit(user, "notification:open", { userId: "someone-else" }),
      run: () => {
        runs.push("forbidden");
      },
    }),
  }),
});

/** Any signed-in person: built once for the file. */
let person: BuiltUser | undefined;
async function post(fields: Record<string, string>) {
  person ??= await buildUser();
  const request = new Request("http://localhost/test", {
    method: "POST",
    headers: { Cookie: await cookieFor(person.username), "Accept-Language": "zh-CN" },
    body: new URLSearchParams(fields),
  });
  try {
    const result = (await action({ request, params: {}, context: {} })) as unknown;
    if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
    const wrapped = result as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null, location: null };
    throw thrown;
  }
}

describe("the action protocol", () => {
  it("runs an intent and answers one reply shape with a translated notice and the intent's data", async () => {
    const reply = await post({ intent: "rename", name: "新的名称" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ intent: "rename", status: "success", notice: "已保存。", data: { renamed: "新的名称" } });
  });

  it("answers bad input with translated field errors and runs nothing", async () => {
    runs.length = 0;
    const reply = await post({ intent: "rename", name: "x" });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ intent: "rename", status: "error", error: "表单中有需要修改的内容，请检查后重新提交。" });
    expect(JSON.stringify((reply.body as { form: unknown }).form)).toContain("请填写此项。");
    expect(runs).toEqual([]);
  });

  it("turns a UserError into a 409 in the person's language", async () => {
    const reply = await post({ intent: "rename", name: "已存在" });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ status: "error" });
    expect((reply.body as { error: string }).error).toContain("已存在");
  });

  it("asks before a destructive intent, repeating the submitted fields, and runs it once confirmed", async () => {
    runs.length = 0;
    const asked = await post({ intent: "remove", id: "42" });
    expect(asked.body).toMatchObject({ intent: "remove", status: "confirm", confirm: { message: "正在处理…", fields: [["intent", "remove"], ["id", "42"]] } });
    expect(runs).toEqual([]);
    const done = await post({ intent: "remove", id: "42", confirmed: "yes" });
    expect(done).toMatchObject({ status: 302, location: "/studios" });
    expect(runs).toEqual(["remove 42"]);
  });

  it("refuses what the policy refuses (403) and unknown intents (400), running nothing", async () => {
    runs.length = 0;
    expect((await post({ intent: "forbidden" })).status).toBe(403);
    expect((await post({ intent: "toString" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect(runs).toEqual([]);
  });
});

/** A made-up page a visitor posts to (as signing in does): another actor, a secret field, a cookie. */
const visitorAction = intentAction({
  actor: async () => null,
  intents: (intent) => ({
    enter: intent({
      schema: z.object({ intent: z.literal("enter"), code: z.string().min(4, "validation.required"), secret: z.string() }),
      hideFields: ["secret"],
      authorize: () => permitSignIn(),
      run: (_call, input) => {
        if (input.code === "used") throw new UserError("studios.errors.nameTaken", { name: input.code }, { status: 400, field: "code" });
        return { redirectTo: "/", headers: { "Set-Cookie": "door=open; Path=/" } };
      },
    }),
  }),
});

async function visit(fields: Record<string, string>) {
  const request = new Request("http://localhost/visit", { method: "POST", headers: { "Accept-Language": "zh-CN" }, body: new URLSearchParams(fields) });
  const result = (await visitorAction({ request, params: {}, context: {} })) as unknown;
  if (result instanceof Response) return { status: result.status, body: null, response: result };
  const wrapped = result as { data: Record<string, unknown>; init: { status?: number } | null };
  return { status: wrapped.init?.status ?? 200, body: wrapped.data, response: null };
}

describe("the action protocol, beyond a signed-in person's page", () => {
  it("asks for a session by default: a visitor's post goes to the login and runs nothing", async () => {
    runs.length = 0;
    const request = new Request("http://localhost/test", { method: "POST", body: new URLSearchParams({ intent: "rename", name: "新的名称" }) });
    const thrown = await action({ request, params: {}, context: {} }).catch((e: unknown) => e);
    expect((thrown as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(runs).toEqual([]);
  });

  it("lets a page name another actor, and sends a redirect's headers (a cookie) along", async () => {
    const done = await visit({ intent: "enter", code: "abcd", secret: "s3cret-value" });
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/");
    expect(done.response!.headers.get("Set-Cookie")).toBe("door=open; Path=/");
  });

  it("shows a refusal about one field at that field, with the form's summary on top", async () => {
    const refused = await visit({ intent: "enter", code: "used", secret: "s3cret-value" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ intent: "enter", status: "error", error: "表单中有需要修改的内容，请检查后重新提交。" });
    const errors = (refused.body as { form: { error: Record<string, string[]> } }).form.error;
    expect(errors.code![0]).toContain("used");
    expect(errors[""]).toBeUndefined();
  });

  it("never sends hidden fields back, whatever the answer", async () => {
    for (const code of ["x", "used"]) {
      const answer = await visit({ intent: "enter", code, secret: "s3cret-value" });
      expect(answer.status, code).toBe(400);
      expect(JSON.stringify(answer.body), code).not.toContain("s3cret-value");
      expect(JSON.stringify(answer.body), code).toContain(code === "x" ? '"code":"x"' : '"code":"used"');
    }
  });
});
