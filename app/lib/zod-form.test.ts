import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loginSchema } from "~/auth/login-schema.ts";
import { i18nFor } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { parseWithZod } from "./zod-form.ts";

/** Every module that holds form schemas, by the convention of docs/conventions.md. */
const SCHEMA_MODULES = import.meta.glob<Record<string, unknown>>(
  ["/app/**/schemas.ts", "/app/**/*-schema.ts", "/app/**/*-schemas.ts"],
  { eager: true },
);

type AnySchema = z.ZodType;
const isSchema = (value: unknown): value is AnySchema => typeof value === "object" && value !== null && "_zod" in value && "safeParse" in value;

/** The object schemas inside a schema: itself, or each option of a union. */
function objectsOf(schema: AnySchema): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) return (schema.options as AnySchema[]).flatMap(objectsOf);
  if (schema instanceof z.ZodPipe) return objectsOf(schema.in as AnySchema);
  return [];
}

const BAD_VALUES = ["", " ", "x".repeat(10_001), "abc", "-5", "0", "99999999999", "2026-13-45", "1.5"];

/** Forms with every field left out, and with each field given each bad value (others left out). */
function badForms(object: z.ZodObject): FormData[] {
  const forms = [new FormData()];
  const literals: [string, string][] = [];
  for (const [name, field] of Object.entries(object.shape)) {
    if (field instanceof z.ZodLiteral) literals.push([name, String(field.value)]);
  }
  for (const name of Object.keys(object.shape)) {
    for (const value of BAD_VALUES) {
      const form = new FormData();
      for (const [literal, literalValue] of literals) form.set(literal, literalValue);
      form.set(name, value);
      forms.push(form);
    }
  }
  return forms;
}

/** The field errors of a parse, by field name (none when it succeeded). */
function fieldErrors(schema: AnySchema, form: FormData): Record<string, string[]> {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "error" || !submission.error) return {};
  return Object.fromEntries(Object.entries(submission.error).map(([name, messages]) => [name, messages ?? []]));
}

function errorsOf(schema: AnySchema, form: FormData): string[] {
  return Object.values(fieldErrors(schema, form)).flat();
}

describe("form errors", () => {
  it("fill in the limit: a 10,000-character studio name is refused with its 60", async () => {
    const { createStudioSchema } = await import("~/studios/schemas.ts");
    const form = new FormData();
    form.set("name", "名".repeat(10_000));
    const [message] = fieldErrors(createStudioSchema, form).name ?? [];
    const zh: TFunction = (await i18nFor("zh-CN")).t;
    const en: TFunction = (await i18nFor("en")).t;
    expect(translateKnown(zh, message!)).toBe("内容过长，最多 60 个字符。");
    expect(translateKnown(en, message!)).toBe("Too long: at most 60 characters.");
  });

  it("say what is missing on an empty sign-in, in words, not keys", async () => {
    const zh: TFunction = (await i18nFor("zh-CN")).t;
    const error = fieldErrors(loginSchema, new FormData());
    expect(error.username?.map((m) => translateKnown(zh, m))).toEqual(["请输入工号。"]);
    expect(error.password?.map((m) => translateKnown(zh, m))).toEqual(["请输入密码。"]);
  });

  it("turn zod's own English messages into ours, with their numbers", async () => {
    const schema = z.object({ count: z.coerce.number().int().min(2).max(9), tags: z.array(z.string()).max(1) });
    const form = new FormData();
    form.set("count", "12");
    form.append("tags", "a");
    form.append("tags", "b");
    const zh: TFunction = (await i18nFor("zh-CN")).t;
    const error = fieldErrors(schema, form);
    expect(error.count?.map((m) => translateKnown(zh, m))).toEqual(["不能大于 9。"]);
    expect(error.tags?.map((m) => translateKnown(zh, m))).toEqual(["最多选择 1 项。"]);
  });

  it("from every form schema resolve in Chinese and English with every placeholder filled", async () => {
    const zh: TFunction = (await i18nFor("zh-CN")).t;
    const en: TFunction = (await i18nFor("en")).t;
    const schemas = Object.entries(SCHEMA_MODULES).flatMap(([file, exports]) =>
      Object.entries(exports).flatMap(([name, value]) => (isSchema(value) ? [[`${file}#${name}`, value] as const] : [])),
    );
    expect(schemas.length).toBeGreaterThan(20);
    const problems = new Set<string>();
    let messages = 0;
    for (const [where, schema] of schemas) {
      for (const object of objectsOf(schema)) {
        for (const form of badForms(object)) {
          let errors: string[];
          try {
            errors = errorsOf(schema, form);
          } catch (error) {
            // An async refinement cannot run here; its messages are keys all the same.
            if (String(error).includes("async")) continue;
            throw error;
          }
          for (const message of errors) {
            messages++;
            const inChinese = translateKnown(zh, message);
            const inEnglish = translateKnown(en, message);
            if (inChinese === message || inEnglish === message) problems.add(`${where}: "${message}" is not a message key`);
            if (/\{\{|\}\}/.test(inChinese + inEnglish)) problems.add(`${where}: "${inChinese}" / "${inEnglish}" leaves a placeholder empty`);
            if (!/\p{Script=Han}/u.test(inChinese)) problems.add(`${where}: "${inChinese}" is not Chinese`);
          }
        }
      }
    }
    expect(messages).toBeGreaterThan(100);
    expect([...problems]).toEqual([]);
  });
});

describe("form parsing", () => {
  it("goes through app/lib/zod-form.ts everywhere (Conform's own parseWithZod would drop the limits)", () => {
    const app = path.resolve(__dirname, "..");
    const files = readdirSync(app, { recursive: true, encoding: "utf8" }).filter((file) => /\.tsx?$/.test(file) && !file.startsWith("generated"));
    const allowed = new Set([path.join("lib", "zod-form.ts"), path.join("lib", "zod-form.test.ts")]);
    const direct = files.filter((file) => !allowed.has(file) && readFileSync(path.join(app, file), "utf8").includes('from "@conform-to/zod'));
    expect(direct).toEqual([]);
  });
});
