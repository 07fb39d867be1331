import { describe, expect, it } from "vitest";
import { memoizeForRequest, memoizeWhileReading, requestScope } from "./request-scope.server.ts";

/** Runs `body` as the server runs a request with this method. */
function inRequest<T>(method: string, body: () => T): T {
  let result: { value: T } | null = null;
  requestScope({ method } as never, {} as never, () => {
    result = { value: body() };
  });
  return result!.value;
}

describe("the per-request memo", () => {
  it("keeps what a page (GET or HEAD) read for the rest of the request", () => {
    for (const method of ["GET", "HEAD"]) {
      let loads = 0;
      expect(inRequest(method, () => [memoizeWhileReading("k", () => ++loads), memoizeWhileReading("k", () => ++loads)])).toEqual([1, 1]);
    }
  });
  it("reads afresh in a form post, whose action may change what it read", () => {
    let loads = 0;
    expect(inRequest("POST", () => [memoizeWhileReading("k", () => ++loads), memoizeWhileReading("k", () => ++loads)])).toEqual([1, 2]);
  });
  it("keeps a request's fixed facts (the signed-in person, settings) whatever the method, and nothing between requests", () => {
    let loads = 0;
    expect(inRequest("POST", () => [memoizeForRequest("k", () => ++loads), memoizeForRequest("k", () => ++loads)])).toEqual([1, 1]);
    expect(inRequest("GET", () => memoizeForRequest("k", () => ++loads))).toBe(2);
  });
  it("memoises nothing outside a request (scripts, the realtime server)", () => {
    let loads = 0;
    expect([memoizeWhileReading("k", () => ++loads), memoizeWhileReading("k", () => ++loads)]).toEqual([1, 2]);
  });
});
