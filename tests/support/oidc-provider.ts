import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID provider for the sso tests: panva's `oidc-provider` on a free port, with one
 * confidential client and accounts whose claims carry a 工号 (`employee_number`, and the login
 * name as `preferred_username`). Login and consent are the provider's own development
 * interactions (HTML forms), which `signInAtProvider` fills in as a browser would.
 */
export interface OidcAccount {
  /** The login name at the provider (also `sub` and `preferred_username`). */
  login: string;
  employeeNumber?: string;
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: { accounts: OidcAccount[]; redirectUris: string[]; postLogoutRedirectUris: string[] }): Promise<RunningProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "fudao-studio";
  const clientSecret = "a-test-client-secret-that-is-long-enough";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["name", "preferred_username", "employee_number"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, id) {
      const account = options.accounts.find((a) => a.login === id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, preferred_username: id, name: id, ...(account.employeeNumber ? { employee_number: account.employeeNumber } : {}) };
        },
      };
    },
  });
  // The development interactions warn on every start; tests need no reminder.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies for one host, enough to walk the provider's pages with fetch. */
class CookieJar {
  private cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * Follows an authorization URL through the provider's login and consent forms as `login` and
 * returns the URL the provider finally redirects to outside itself (our callback with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let method = "GET";
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, { method, body, headers: { Cookie: jar.header() }, redirect: "manual" });
    jar.store(response);
    method = "GET";
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("Location")!, url);
      if (next.origin !== origin) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${url.pathname}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url.pathname}: ${html.slice(0, 500)}`);
    url = new URL(action.replace(/&amp;/g, "&"), url);
    method = "POST";
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt });
  }
  throw new Error("the provider did not redirect back");
}

/** Walks the provider's logout confirmation (RP-initiated logout) and returns where it sends the browser. */
export async function confirmLogoutAtProvider(endSessionUrl: string): Promise<URL> {
  const jar = new CookieJar();
  const page = await fetch(endSessionUrl, { redirect: "manual" });
  jar.store(page);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`end_session answered ${page.status}: ${html.slice(0, 500)}`);
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !xsrf) throw new Error(`no logout form: ${html.slice(0, 500)}`);
  const confirm = await fetch(new URL(action, endSessionUrl), { method: "POST", body: new URLSearchParams({ xsrf, logout: "yes" }), headers: { Cookie: jar.header() }, redirect: "manual" });
  jar.store(confirm);
  let location = new URL(confirm.headers.get("Location") ?? "", endSessionUrl);
  // The provider may pass through its own success page before leaving.
  for (let step = 0; step < 5 && location.origin === new URL(endSessionUrl).origin; step++) {
    const next = await fetch(location, { headers: { Cookie: jar.header() }, redirect: "manual" });
    if (!next.headers.get("Location")) break;
    location = new URL(next.headers.get("Location")!, location);
  }
  return location;
}
