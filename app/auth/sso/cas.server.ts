import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * CAS 3.0 (Apereo CAS and the campus products built on it), decision 123: the browser goes to
 * `<cas>/login?service=<our callback>`, comes back with `?ticket=ST-…`, and we validate the ticket
 * at `<cas>/p3/serviceValidate` with the very same service URL, reading the person from the XML
 * answer (`cas:user` and `cas:attributes`). The CAS server may later POST a SAML `LogoutRequest`
 * naming that ticket (single logout). XML is read with fast-xml-parser, namespaces dropped.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // 工号 such as 000123 stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

const base = (casUrl: string) => casUrl.replace(/\/+$/, "");

export function casLoginUrl(casUrl: string, service: string): string {
  return `${base(casUrl)}/login?service=${encodeURIComponent(service)}`;
}

export function casLogoutUrl(casUrl: string, service: string): string {
  return `${base(casUrl)}/logout?service=${encodeURIComponent(service)}`;
}

export type CasValidation =
  | { ok: true; user: string; attributes: Record<string, string[]> }
  | { ok: false; code: string };

/** Validates a service ticket for exactly this service URL (CAS refuses it for any other, and a second time). */
export async function validateServiceTicket(casUrl: string, service: string, ticket: string): Promise<CasValidation> {
  const url = `${base(casUrl)}/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
  let body: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "error" });
    if (!response.ok) return { ok: false, code: `HTTP_${response.status}` };
    body = await response.text();
  } catch {
    return { ok: false, code: "UNREACHABLE" };
  }
  return readServiceResponse(body);
}

/** Reads a CAS 3.0 serviceResponse document. */
export function readServiceResponse(xml: string): CasValidation {
  if (XMLValidator.validate(xml) !== true) return { ok: false, code: "INVALID_RESPONSE" };
  const doc = parser.parse(xml) as { serviceResponse?: Record<string, unknown> };
  const answer = doc.serviceResponse;
  if (!answer || typeof answer !== "object") return { ok: false, code: "INVALID_RESPONSE" };
  const failure = answer.authenticationFailure;
  if (failure !== undefined) {
    const code = typeof failure === "object" && failure && "@code" in failure ? String((failure as Record<string, unknown>)["@code"]) : "";
    return { ok: false, code: code || "AUTHENTICATION_FAILURE" };
  }
  const success = answer.authenticationSuccess as Record<string, unknown> | undefined;
  const user = success ? text(success.user) : "";
  if (!success || !user) return { ok: false, code: "INVALID_RESPONSE" };
  const attributes: Record<string, string[]> = {};
  const raw = success.attributes;
  if (raw && typeof raw === "object") {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (name.startsWith("@")) continue;
      attributes[name] = (Array.isArray(value) ? value : [value]).map(text).filter(Boolean);
    }
  }
  return { ok: true, user, attributes };
}

/** The 工号 from a validation: the CAS principal (`user`) or the first value of the named attribute. */
export function staffNumberOf(validation: { user: string; attributes: Record<string, string[]> }, attribute: string): string | null {
  const value = attribute === "user" ? validation.user : validation.attributes[attribute]?.[0];
  return value?.trim() || null;
}

/**
 * The ticket a back-channel `logoutRequest` names (its `samlp:SessionIndex`), or null when the body
 * is not a SAML LogoutRequest.
 */
export function logoutRequestTicket(xml: string): string | null {
  if (!xml || xml.length > 20_000 || XMLValidator.validate(xml) !== true) return null;
  const doc = parser.parse(xml) as { LogoutRequest?: Record<string, unknown> };
  const request = doc.LogoutRequest;
  if (!request || typeof request !== "object") return null;
  const index = text(request.SessionIndex);
  return index || null;
}

function text(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return String((value as Record<string, unknown>)["#text"]).trim();
  return "";
}
