import { data } from "@remix-run/node";
import { CROSS_ORIGIN } from "~/components/error-page.tsx";

/**
 * Where the server sends a browser's form post from another site (app/infra/request-guards.server.ts):
 * the root error boundary shows the 403 in the person's language, and no action has run.
 */
export function loader() {
  throw data(CROSS_ORIGIN, { status: 403 });
}

export default function RequestRefused() {
  return null;
}
