import { describe, expect, it } from "vitest";
import { createTokenSchema, parseSearchParams, splitTerms, synonymGroupSchema } from "./schemas.ts";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));
const firstMessage = (query: string) => {
  const result = parse(query);
  return result.success ? null : result.error.issues[0]!.message;
};

describe("search parameters", () => {
  it("default to the first page of ten, by relevance", () => {
    expect(parse("q=%20心理%20").data).toMatchObject({ q: "心理", page: 1, limit: 10, sort: "relevance" });
    expect(parse("").data).toMatchObject({ q: "" });
  });

  it("ignore empty filters", () => {
    expect(parse("q=x&duty=&studio=&year=").data).toMatchObject({ duty: undefined, studio: undefined, year: undefined });
  });

  it("refuse what is not a known value, with a message key", () => {
    expect(firstMessage("duty=HACKING")).toBe("search.errors.badFilter");
    expect(firstMessage("type=document")).toBe("search.errors.badFilter");
    expect(firstMessage('studio=a"%20OR%20kind%20!%3D%20x')).toBe("search.errors.badFilter");
    expect(firstMessage("year=二〇二五")).toBe("search.errors.badFilter");
    expect(firstMessage("sort=random")).toBe("search.errors.badFilter");
    expect(firstMessage("page=0")).toBe("search.errors.badPage");
    expect(firstMessage("page=101")).toBe("search.errors.badPage");
    expect(firstMessage("limit=500")).toBe("search.errors.badFilter");
  });

  it("refuse keywords longer than 200 characters", () => {
    expect(firstMessage(`q=${"心".repeat(201)}`)).toBe("search.errors.queryTooLong");
    expect(parse(`q=${"心".repeat(200)}`).success).toBe(true);
  });
});

describe("synonym groups", () => {
  it("split terms on 、，, spaces and new lines, without duplicates", () => {
    expect(splitTerms("思政、思想政治，思政\n网络思政 ; 思政课")).toEqual(["思政", "思想政治", "网络思政", "思政课"]);
  });

  it("need two different terms", () => {
    const result = synonymGroupSchema.safeParse({ intent: "create", terms: "心理、心理" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("search.synonyms.errors.tooFew");
  });

  it("refuse quotes and symbols in terms, and overlong terms", () => {
    expect(synonymGroupSchema.safeParse({ intent: "create", terms: '心理、"健康"' }).error?.issues[0]?.message).toBe("search.synonyms.errors.badTerm");
    expect(synonymGroupSchema.safeParse({ intent: "create", terms: `心理、${"长".repeat(21)}` }).error?.issues[0]?.message).toBe("search.synonyms.errors.termTooLong");
  });

  it("accept Chinese and Latin terms", () => {
    expect(synonymGroupSchema.parse({ intent: "create", terms: "易班、e-class" }).terms).toEqual(["易班", "e-class"]);
  });
});

describe("new tokens", () => {
  it("need a name of at most 50 characters and a known expiry", () => {
    expect(createTokenSchema.safeParse({ intent: "create", name: "  ", expires: "30" }).error?.issues[0]?.message).toBe("search.tokens.errors.nameRequired");
    expect(createTokenSchema.safeParse({ intent: "create", name: "x".repeat(51), expires: "30" }).error?.issues[0]?.message).toBe("search.tokens.errors.nameTooLong");
    expect(createTokenSchema.safeParse({ intent: "create", name: "脚本", expires: "7" }).error?.issues[0]?.message).toBe("search.tokens.errors.badExpiry");
    expect(createTokenSchema.parse({ intent: "create", name: " 脚本 ", expires: "never" })).toEqual({ intent: "create", name: "脚本", expires: "never" });
  });
});
