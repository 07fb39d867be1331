import { describe, expect, it } from "vitest";
import { logoutRequestTicket, readServiceResponse, staffNumberOf } from "./cas.server.ts";

/** Reading CAS 3.0 answers and SAML logout requests (decision 123). */
describe("CAS XML", () => {
  it("reads the user and attributes of a success, keeping 工号 as text", () => {
    const xml = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>zhangsan</cas:user><cas:attributes><cas:employeeNumber>000123</cas:employeeNumber><cas:memberOf>a</cas:memberOf><cas:memberOf>b</cas:memberOf></cas:attributes></cas:authenticationSuccess></cas:serviceResponse>`;
    const result = readServiceResponse(xml);
    expect(result).toEqual({ ok: true, user: "zhangsan", attributes: { employeeNumber: ["000123"], memberOf: ["a", "b"] } });
    expect(result.ok && staffNumberOf(result, "employeeNumber")).toBe("000123");
    expect(result.ok && staffNumberOf(result, "user")).toBe("zhangsan");
    expect(result.ok && staffNumberOf(result, "missing")).toBeNull();
  });

  it("reads a failure's code, and refuses what is not a service response", () => {
    expect(readServiceResponse(`<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_SERVICE">x</cas:authenticationFailure></cas:serviceResponse>`)).toEqual({ ok: false, code: "INVALID_SERVICE" });
    expect(readServiceResponse("<html><body>login</body></html>")).toEqual({ ok: false, code: "INVALID_RESPONSE" });
    expect(readServiceResponse("yes\nzhangsan\n")).toEqual({ ok: false, code: "INVALID_RESPONSE" });
    expect(readServiceResponse(`<cas:serviceResponse xmlns:cas="x"><cas:authenticationSuccess></cas:authenticationSuccess></cas:serviceResponse>`)).toEqual({ ok: false, code: "INVALID_RESPONSE" });
  });

  it("finds the ticket of a LogoutRequest and nothing in anything else", () => {
    const request = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-1" Version="2.0" IssueInstant="2026-12-07T12:00:00Z"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>ST-1-abc-cas</samlp:SessionIndex></samlp:LogoutRequest>`;
    expect(logoutRequestTicket(request)).toBe("ST-1-abc-cas");
    expect(logoutRequestTicket("<LogoutRequest><NameID>x</NameID></LogoutRequest>")).toBeNull();
    expect(logoutRequestTicket("<Other><SessionIndex>ST-1</SessionIndex></Other>")).toBeNull();
    expect(logoutRequestTicket("<LogoutRequest><SessionIndex>ST-1")).toBeNull();
    expect(logoutRequestTicket("")).toBeNull();
  });
});
