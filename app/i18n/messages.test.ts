import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import * as Enums from "~/generated/prisma/enums.ts";
import type { DocumentStatus } from "~/generated/prisma/enums.ts";
import { defineMessages, isPair, type MessageTree, type Pair } from "./define-messages.ts";
import { enumLabels, type Labels } from "./enum-labels.ts";
import { messages, resources } from "./resources.ts";
import { sharedMessages } from "./shared-messages.ts";

/** Every leaf of a tree of pairs, with its dotted key. */
function pairs(tree: MessageTree, prefix = ""): Array<[string, Pair]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, Pair]> => (isPair(value) ? [[prefix + key, value]] : pairs(value, `${prefix}${key}.`)));
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort();

describe("messages", () => {
  it("have both languages in every pair, neither empty, with the same placeholders", () => {
    const all = pairs(messages);
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter(([, [zh, en]]) => !zh.trim() || !en.trim()).map(([key]) => key)).toEqual([]);
    expect(all.filter(([, [zh, en]]) => placeholders(zh).join() !== placeholders(en).join()).map(([key]) => key)).toEqual([]);
  });

  it("give i18next one tree per language with the same keys, taken from the pairs", () => {
    const zh = pairs(messages).map(([key, [text]]) => [key, text]);
    const en = pairs(messages).map(([key, [, text]]) => [key, text]);
    const flat = (tree: object, prefix = ""): string[][] =>
      Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[prefix + key, value]] : flat(value as object, `${prefix}${key}.`)));
    expect(flat(resources["zh-CN"].translation)).toEqual(zh);
    expect(flat(resources.en.translation)).toEqual(en);
  });

  it("register the shared strings, the enum labels and each feature under keys of their own", () => {
    const shared = Object.keys(sharedMessages);
    const enums = Object.keys(enumLabels);
    const features = Object.keys(messages).filter((key) => !shared.includes(key) && !enums.includes(key));
    expect(shared.length + enums.length + features.length).toBe(Object.keys(messages).length);
    expect(shared.filter((key) => enums.includes(key))).toEqual([]);
  });

  it("label each enum once: no subtree outside enum-labels.ts covers all the values of an enum", () => {
    const enums = Object.entries(Enums).map(([name, values]) => [name, Object.values(values)] as const);
    const relabelled: string[] = [];
    const visit = (tree: MessageTree, at: string) => {
      const keys = Object.keys(tree);
      for (const [name, values] of enums) if (values.every((value) => keys.includes(value))) relabelled.push(`${at} labels ${name}`);
      for (const [key, value] of Object.entries(tree)) if (!isPair(value)) visit(value, `${at}.${key}`);
    };
    for (const [key, value] of Object.entries(messages)) if (!(key in enumLabels) && !isPair(value)) visit(value, key);
    expect(relabelled).toEqual([]);
  });

  it("are checked by the compiler: a missing twin, an unlabelled enum value, a wrong key do not compile", () => {
    // These lines are checked by `npx tsc --noEmit` (part of npm test): each must be an error.
    // @ts-expect-error a message without its English twin
    defineMessages({ lonely: ["只有中文"] });
    // @ts-expect-error a message written as a plain string
    defineMessages({ plain: "只有中文" });
    // @ts-expect-error a table of DocumentStatus without PUBLISHED
    const partial = { DRAFT: ["草稿", "Draft"], IN_REVIEW: ["审阅中", "In review"], CHANGES_REQUESTED: ["需修改", "Changes requested"], APPROVED: ["已通过", "Approved"] } as const satisfies Labels<DocumentStatus>;
    const t = ((key: string) => key) as unknown as TFunction;
    // @ts-expect-error a key the tree does not have
    const wrong = t("studios.errors.noSuchMessage");
    // @ts-expect-error an enum value the table does not label
    const unlabelled = t(`documentStatus.${"ARCHIVED" as const}`);
    expect([partial, wrong, unlabelled]).toHaveLength(3);
  });
});
