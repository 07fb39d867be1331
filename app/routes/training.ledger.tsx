import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can, ownScope } from "~/policy/index.ts";
import { loadPersonAccess } from "~/training/access.server.ts";
import { ledgerOf, listLedgerEntries } from "~/training/ledger.server.ts";
import LedgerPage from "~/training/pages/ledger.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.ledger.title")]);

/**
 * 学时台账: one's own by default; `?user=` someone the viewer may see (their college admin, 学工部),
 * who also get the entries of everyone they look after, with links to each person's ledger.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const access = await loadPersonAccess(user, search.get("user") || user.id);
  authorize(user, "training:view-ledger", access.resource);
  const yearText = search.get("year") ?? "";
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const page = Math.max(1, Math.floor(Number(search.get("page"))) || 1);
  const own = ownScope(user);
  const seesScope = own !== null && can(user, "training:view-scope", own);
  const [ledger, scope] = await Promise.all([ledgerOf(access.person.id, { year }), seesScope ? listLedgerEntries(user, { year }, page) : null]);
  return data({ person: access.person, self: access.person.id === user.id, year: year ?? null, ...ledger, scope: scope ? { ...scope, page } : null });
}

export default LedgerPage;
