import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSignedIn, logout } from "~/auth/session.server.ts";
import { readSsoSettings } from "~/auth/sso/settings.server.ts";
import { providerLogoutUrl } from "~/auth/sso/sign-in.server.ts";

/**
 * Ends the session here; a session that began at the campus sign-on also goes on to the identity
 * provider's logout (CAS /logout, OIDC end-session), which comes back to the login page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const elsewhere = signedIn ? await providerLogoutUrl(request, signedIn.sessionId, (await readSsoSettings()).settings) : null;
  const response = await logout(request);
  return elsewhere ? redirect(elsewhere, { headers: response.headers }) : response;
}

/** Logging out changes state, so it is POST only; a visit to /logout just goes home. */
export async function loader() {
  return redirect("/");
}
