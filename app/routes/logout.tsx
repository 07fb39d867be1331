import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/auth/session.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}

/** Logging out changes state, so it is POST only; a visit to /logout just goes home. */
export async function loader() {
  return redirect("/");
}
