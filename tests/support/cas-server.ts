import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A CAS 3.0 server double that speaks the protocol as Apereo CAS does (for the sso tests):
 * `/login?service=…` shows a form, and a POST of `username` issues an `ST-…` ticket bound to that
 * service and redirects there with `?ticket=`; `/p3/serviceValidate?service=&ticket=` answers
 * the CAS 3.0 XML, each ticket once (a second time INVALID_TICKET) and only for the exact service
 * it was issued for (INVALID_SERVICE, which also spends it, as CAS does); `/logout?service=`
 * redirects back. `sendLogoutRequest(ticket)` posts the SAML LogoutRequest of single logout to
 * the service that ticket was issued for, as CAS does over the back channel.
 */
export interface CasAccount {
  /** The CAS principal (cas:user). */
  user: string;
  attributes?: Record<string, string | string[]>;
}

export interface CasServer {
  url: string;
  /** Validation requests received (service and ticket), in order. */
  validations: { service: string; ticket: string }[];
  /** Logouts received (their service parameter). */
  logouts: string[];
  /** Issues a ticket for `user` and `service` as a POST to /login would, without the browser step. */
  issueTicket(user: string, service: string): string;
  /**
   * Posts the back-channel LogoutRequest for this ticket to its service; `post` delivers it
   * instead of fetch (a test calling the route without a listening server).
   */
  sendLogoutRequest(ticket: string, post?: (url: string, body: URLSearchParams) => Promise<number>): Promise<number>;
  close(): Promise<void>;
}

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startCasServer(accounts: CasAccount[]): Promise<CasServer> {
  const tickets = new Map<string, { user: string; service: string; used: boolean }>();
  const issued = new Map<string, { service: string }>();
  const validations: CasServer["validations"] = [];
  const logouts: string[] = [];

  const issueTicket = (user: string, service: string) => {
    const ticket = `ST-${crypto.randomInt(1e9)}-${crypto.randomBytes(12).toString("base64url")}-cas`;
    tickets.set(ticket, { user, service, used: false });
    issued.set(ticket, { service });
    return ticket;
  };

  const failure = (code: string, message: string) =>
    `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n  <cas:authenticationFailure code="${code}">${escapeXml(message)}</cas:authenticationFailure>\n</cas:serviceResponse>`;

  const success = (account: CasAccount) => {
    const attributes = Object.entries(account.attributes ?? {})
      .flatMap(([name, value]) => [value].flat().map((v) => `      <cas:${name}>${escapeXml(v)}</cas:${name}>`))
      .join("\n");
    return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n  <cas:authenticationSuccess>\n    <cas:user>${escapeXml(account.user)}</cas:user>\n    <cas:attributes>\n${attributes}\n    </cas:attributes>\n  </cas:authenticationSuccess>\n</cas:serviceResponse>`;
  };

  const validate = (service: string | null, ticket: string | null) => {
    if (!service || !ticket) return failure("INVALID_REQUEST", "service and ticket are required");
    validations.push({ service, ticket });
    const entry = tickets.get(ticket);
    if (!entry || entry.used) return failure("INVALID_TICKET", `Ticket ${ticket} not recognized`);
    // One use, whatever the outcome.
    entry.used = true;
    if (entry.service !== service) return failure("INVALID_SERVICE", `Ticket ${ticket} does not match supplied service`);
    const account = accounts.find((a) => a.user === entry.user);
    if (!account) return failure("INVALID_TICKET", "unknown principal");
    return success(account);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://cas.invalid");
    const path = url.pathname.replace(/^\/cas/, "");
    if (path === "/login" && req.method === "GET") {
      const service = url.searchParams.get("service") ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<form method="post" action="/cas/login?service=${encodeURIComponent(service)}"><input name="username"><input name="password" type="password"><button>登录</button></form>`);
      return;
    }
    if (path === "/login" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const username = new URLSearchParams(body).get("username") ?? "";
      const service = url.searchParams.get("service");
      if (!service || !accounts.some((a) => a.user === username)) {
        res.writeHead(401, { "Content-Type": "text/plain" }).end("Authentication failed");
        return;
      }
      const target = new URL(service);
      target.searchParams.set("ticket", issueTicket(username, service));
      res.writeHead(302, { Location: target.href }).end();
      return;
    }
    if (path === "/p3/serviceValidate" && req.method === "GET") {
      res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8" });
      res.end(validate(url.searchParams.get("service"), url.searchParams.get("ticket")));
      return;
    }
    if (path === "/logout") {
      const service = url.searchParams.get("service") ?? "";
      logouts.push(service);
      res.writeHead(service ? 302 : 200, service ? { Location: service } : { "Content-Type": "text/plain" }).end(service ? undefined : "Logged out");
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/cas`,
    validations,
    logouts,
    issueTicket,
    async sendLogoutRequest(ticket, post) {
      const target = issued.get(ticket);
      if (!target) throw new Error(`no ticket ${ticket}`);
      const xml = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${crypto.randomUUID()}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`;
      const body = new URLSearchParams({ logoutRequest: xml });
      if (post) return post(target.service, body);
      const response = await fetch(target.service, { method: "POST", body, redirect: "manual" });
      return response.status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
