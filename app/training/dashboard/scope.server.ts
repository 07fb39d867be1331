import type { SessionUser } from "~/auth/session.server.ts";
import { authorize, requireOwnScope, type SchoolScope } from "~/policy/index.ts";

/**
 * The slice of the school a training list shows: the college asked for (学工部 any, a college admin
 * only their own — another college is a 403, not a quiet switch), or what the viewer looks after.
 */
export function trainingScope(user: SessionUser, collegeId: string | undefined): SchoolScope {
  const scope: SchoolScope = collegeId ? { kind: "college", collegeId } : requireOwnScope(user);
  authorize(user, "training:view-scope", scope);
  return scope;
}
