import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { finishSignIn, problem } from "~/auth/sso/callback.server.ts";
import { readFlow } from "~/auth/sso/flow-cookie.server.ts";
import { finishOidc, staffNumberOfClaims } from "~/auth/sso/oidc.server.ts";
import { SsoProblemPage } from "~/auth/sso/problem-page.tsx";
import { activeProtocol, appOrigin, OIDC_CALLBACK_PATH, readSsoSettings } from "~/auth/sso/settings.server.ts";
import { signInWithStaffNumber, ticketUsed } from "~/auth/sso/sign-in.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("sso.problemHeading")]);

/**
 * The OIDC redirect URI: the code is exchanged (with the PKCE verifier) only when the state is the
 * one this browser was sent with, and the ID token must carry its nonce; a code signs in once.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { settings } = await readSsoSettings();
  if (activeProtocol(settings) !== "oidc") return problem(request, "sso.notConfigured", 404);
  const url = new URL(request.url);
  const flow = await readFlow(request, "oidc");
  if (!flow?.nonce || !flow.verifier) return problem(request, "sso.expired", 400);
  const code = url.searchParams.get("code");
  if (!code) return problem(request, "sso.failed", 401, { code: url.searchParams.get("error")?.slice(0, 60) || "NO_CODE" });
  if (await ticketUsed(code)) return problem(request, "sso.replayed", 400);
  const outcome = await finishOidc(settings, new URL(`${OIDC_CALLBACK_PATH}${url.search}`, appOrigin(request)), {
    state: flow.state,
    nonce: flow.nonce,
    verifier: flow.verifier,
  });
  if (!outcome.ok) return problem(request, "sso.failed", 401, { code: outcome.code.slice(0, 60) });
  const staffNumber = staffNumberOfClaims(outcome.claims, settings.oidcIdClaim);
  if (!staffNumber) return problem(request, "sso.noStaffNumber", 403, { attribute: settings.oidcIdClaim });
  return finishSignIn(request, await signInWithStaffNumber(request, { protocol: "oidc", staffNumber, ticket: code, idToken: outcome.idToken }), flow.redirectTo);
}

export default function OidcCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblemPage problem={problem} />;
}
