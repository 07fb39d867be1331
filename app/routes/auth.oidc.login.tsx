import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { problem } from "~/auth/sso/callback.server.ts";
import { saveFlow } from "~/auth/sso/flow-cookie.server.ts";
import { startOidc } from "~/auth/sso/oidc.server.ts";
import { SsoProblemPage } from "~/auth/sso/problem-page.tsx";
import { activeProtocol, appOrigin, OIDC_CALLBACK_PATH, readSsoSettings } from "~/auth/sso/settings.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("sso.problemHeading")]);

/** Starts an OpenID Connect sign-in: code flow with PKCE, state and nonce kept in the flow cookie (decisions 123, 124). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { settings } = await readSsoSettings();
  if (activeProtocol(settings) !== "oidc") throw new Response("Not Found", { status: 404 });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  let start;
  try {
    start = await startOidc(settings, `${appOrigin(request)}${OIDC_CALLBACK_PATH}`);
  } catch {
    return problem(request, "sso.unavailable", 502);
  }
  const cookie = await saveFlow(request, { protocol: "oidc", state: start.state, nonce: start.nonce, verifier: start.verifier, redirectTo });
  throw redirect(start.url, { headers: { "Set-Cookie": cookie } });
}

export default function OidcLogin() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblemPage problem={problem} />;
}
