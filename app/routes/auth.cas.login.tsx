import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { casLoginUrl } from "~/auth/sso/cas.server.ts";
import { newState, saveFlow } from "~/auth/sso/flow-cookie.server.ts";
import { activeProtocol, appOrigin, CAS_CALLBACK_PATH, readSsoSettings } from "~/auth/sso/settings.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";

/** Starts a CAS sign-in: to the CAS login page with our callback as the service (decision 123). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { settings } = await readSsoSettings();
  if (activeProtocol(settings) !== "cas") throw new Response("Not Found", { status: 404 });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const service = `${appOrigin(request)}${CAS_CALLBACK_PATH}`;
  const cookie = await saveFlow(request, { protocol: "cas", state: newState(), redirectTo, service });
  return redirect(casLoginUrl(settings.casUrl, service), { headers: { "Set-Cookie": cookie } });
}
