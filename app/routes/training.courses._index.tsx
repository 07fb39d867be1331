import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";
import { listCatalogue } from "~/training/catalogue.server.ts";
import { CataloguePage } from "~/training/pages/catalogue.tsx";
import { defaultOrganiser, parseCatalogueFilters, platformOptions } from "~/training/pages.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.catalogue.title")]);

export default CataloguePage;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:browse", null);
  const { filters, page } = parseCatalogueFilters(new URL(request.url).searchParams);
  const [catalogue, platforms] = await Promise.all([listCatalogue(user, filters, page), platformOptions()]);
  return data({ ...catalogue, page, filtered: Object.values(filters).some((v) => v !== undefined), platforms, mayCreate: can(user, "training:organise", defaultOrganiser(user)) });
}
