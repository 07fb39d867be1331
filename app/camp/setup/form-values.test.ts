import { describe, expect, it } from "vitest";
import { parseWithZod } from "~/lib/zod-form.ts";
import { campFormValues } from "./form-values.ts";
import { campSchema, defaultCampInput, ROUND_KINDS } from "./schemas.ts";

/** The camp form shows a camp's settings as text and posts them back: what it shows parses to the same settings. */
function posted(values: ReturnType<typeof campFormValues>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) if (typeof value === "string") form.set(name, value);
  for (const kind of ROUND_KINDS) for (const [name, value] of Object.entries(values.rounds[kind])) if (value !== "") form.set(`rounds.${kind}.${name}`, value);
  return form;
}

describe("the camp form's values", () => {
  it("default to the seed's four rounds, all on, weighted 30/20/25/25", () => {
    const input = defaultCampInput(2026);
    expect(ROUND_KINDS.map((kind) => [kind, input.rounds[kind].enabled, input.rounds[kind].weight])).toEqual([
      ["KNOWLEDGE_TEST", true, 30],
      ["IDENTIFICATION", true, 20],
      ["CASE_STUDY", true, 25],
      ["TALK", true, 25],
    ]);
  });

  it("read back as the settings they show, school times included", () => {
    const input = { ...defaultCampInput(2026), title: "一营", startsOn: new Date("2026-12-10T00:00:00Z"), endsOn: new Date("2026-12-12T00:00:00Z"), organisers: ["t1", "t2"] };
    input.rounds.KNOWLEDGE_TEST = { ...input.rounds.KNOWLEDGE_TEST, opensAt: new Date("2026-12-10T01:00:00Z"), closesAt: new Date("2026-12-10T02:30:00Z") };
    input.rounds.IDENTIFICATION = { ...input.rounds.IDENTIFICATION, enabled: false };
    input.rounds.TALK = { ...input.rounds.TALK, cutFrom: "KNOWLEDGE_TEST", cutTop: 30, disagreementTolerance: 12.5 };
    const values = campFormValues(input);
    expect(values.rounds.KNOWLEDGE_TEST.opensAt).toBe("2026-12-10T09:00");
    const submission = parseWithZod(posted(values), { schema: campSchema });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" ? submission.value : null).toEqual(input);
  });

  it("refuse a round that closes before it opens and a camp that ends before it starts, at their fields", () => {
    const values = campFormValues({ ...defaultCampInput(2026), title: "一营" });
    values.startsOn = "2026-12-12";
    values.endsOn = "2026-12-10";
    values.rounds.TALK.opensAt = "2026-12-10T14:00";
    values.rounds.TALK.closesAt = "2026-12-10T13:00";
    const submission = parseWithZod(posted(values), { schema: campSchema });
    expect(submission.status).toBe("error");
    expect(submission.status === "error" ? submission.error : null).toMatchObject({ endsOn: ["camp.setup.errors.endsBeforeStart"], "rounds.TALK.closesAt": ["camp.setup.errors.closesBeforeOpens"] });
  });
});
