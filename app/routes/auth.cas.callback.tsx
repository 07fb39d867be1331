import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { logoutRequestTicket, staffNumberOf, validateServiceTicket } from "~/auth/sso/cas.server.ts";
import { finishSignIn, problem } from "~/auth/sso/callback.server.ts";
import { readFlow } from "~/auth/sso/flow-cookie.server.ts";
import { SsoProblemPage } from "~/auth/sso/problem-page.tsx";
import { activeProtocol, readSsoSettings } from "~/auth/sso/settings.server.ts";
import { endSessionOfTicket, signInWithStaffNumber, ticketUsed } from "~/auth/sso/sign-in.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("sso.problemHeading")]);

/**
 * The CAS service URL. GET: the browser returns with a service ticket, validated at the CAS
 * server for exactly the service this browser was sent with, once (decision 123).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { settings } = await readSsoSettings();
  if (activeProtocol(settings) !== "cas") return problem(request, "sso.notConfigured", 404);
  const ticket = new URL(request.url).searchParams.get("ticket");
  const flow = await readFlow(request, "cas");
  if (!ticket || !flow?.service) return problem(request, "sso.expired", 400);
  // Refused here before CAS is asked: a ticket signs in once, even if CAS were to accept it again.
  if (await ticketUsed(ticket)) return problem(request, "sso.replayed", 400);
  const validation = await validateServiceTicket(settings.casUrl, flow.service, ticket);
  if (!validation.ok) {
    return validation.code === "UNREACHABLE" ? problem(request, "sso.unavailable", 502) : problem(request, "sso.failed", 401, { code: validation.code });
  }
  const staffNumber = staffNumberOf(validation, settings.casIdAttribute);
  if (!staffNumber) return problem(request, "sso.noStaffNumber", 403, { attribute: settings.casIdAttribute });
  return finishSignIn(request, await signInWithStaffNumber(request, { protocol: "cas", staffNumber, ticket }), flow.redirectTo);
}

/**
 * POST: CAS single logout over the back channel — the CAS server (not a browser: no Origin header,
 * so the origin check lets it through) posts `logoutRequest`, a SAML LogoutRequest whose
 * SessionIndex is the ticket. The session that ticket started here ends, sockets included; any
 * other body, or a ticket that signed nobody in here, changes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { settings } = await readSsoSettings();
  if (activeProtocol(settings) !== "cas") return new Response(null, { status: 404 });
  const form = await request.formData().catch(() => null);
  const body = form?.get("logoutRequest");
  const ticket = typeof body === "string" ? logoutRequestTicket(body) : null;
  if (!ticket) return new Response(null, { status: 400 });
  await endSessionOfTicket(ticket);
  return new Response(null, { status: 200 });
}

export default function CasCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <SsoProblemPage problem={problem} />;
}
