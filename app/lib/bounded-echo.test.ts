import { describe, expect, it } from "vitest";
import { boundedFields, boundedResult, MAX_ECHO_CHARS } from "./bounded-echo.ts";

describe("what a reply sends back of a submission", () => {
  it("drops values longer than any field accepts, at any depth, and keeps the rest", () => {
    const long = "评".repeat(MAX_ECHO_CHARS + 1);
    const result = boundedResult({
      status: "error" as const,
      initialValue: { intent: "comment", body: long, tags: ["短", long], nested: { note: long, keep: "留" }, ok: "a".repeat(MAX_ECHO_CHARS) },
      error: { body: ["评论最多 2000 个字。"] },
    });
    expect(result.initialValue).toEqual({ intent: "comment", tags: ["短"], nested: { keep: "留" }, ok: "a".repeat(MAX_ECHO_CHARS) });
    expect(result.error).toEqual({ body: ["评论最多 2000 个字。"] });
    expect(boundedResult(undefined)).toBeUndefined();
    expect(boundedFields([["intent", "delete"], ["note", long]])).toEqual([["intent", "delete"]]);
  });
});
