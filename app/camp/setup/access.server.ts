import type { Actor } from "~/policy/index.ts";
import type { CampResource } from "~/policy/camp.ts";
import { findCampAccess } from "../access.server.ts";

/** A camp and the viewer's relation to it for a page or an action: 404 when there is no such camp. */
export async function loadCampAccess(actor: Pick<Actor, "id">, campId: string | undefined): Promise<CampResource> {
  const resource = campId ? await findCampAccess(actor, campId) : null;
  if (!resource) throw new Response("Not Found", { status: 404 });
  return resource;
}
