import { hasRole, type Actor } from "./actor.ts";
import { managesScope, type SchoolScope } from "./scope.ts";

/** School-wide administration belongs to 学工部 (ADMIN). */
export const schoolRules = {
  school: {
    /** School settings (stage thresholds, eligibility rules), accounts, the whole personnel database. */
    "school:administer": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** Programme dashboards: 学工部 for the school, college staff for their own college. */
    "school:view-dashboard": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN") || hasRole(actor, "COLLEGE_ADMIN"),
  },
  schoolScope: {
    /** One scope of the dashboard: the whole school or one college. */
    "dashboard:view": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
  },
};
