import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { loadDocumentAccess } from "~/documents/access.server.ts";
import { getDocumentPage } from "~/documents/documents.server.ts";
import editorStyles from "~/documents/editor/editor.css?url";
import { DiffView } from "~/documents/ui/diff-view.tsx";
import { diffVersions } from "~/documents/versions.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [data?.title, t("documents.versions.compareTitle")]);

/** /documents/:id/compare?from=3[&to=5]: version 3 against version 5 (or the current text). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadDocumentAccess(params.documentId!, user);
  if (!access) throw new Response("Not Found", { status: 404 });
  authorize(user, "document:read", access.resource);
  const url = new URL(request.url);
  const from = Number(url.searchParams.get("from"));
  const toParam = url.searchParams.get("to");
  const to = toParam ? Number(toParam) : null;
  if (!Number.isInteger(from) || from < 1 || (to !== null && (!Number.isInteger(to) || to < 1))) throw new Response("Not Found", { status: 404 });
  const [document, diff] = await Promise.all([getDocumentPage(access.documentId), diffVersions(access.documentId, from, to)]);
  if (!document || !diff) throw new Response("Not Found", { status: 404 });
  return data({ id: document.id, title: document.title, from, to, diff });
}

export default function Compare() {
  const { id, title, from, to, diff } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const onlyChanges = params.get("changes") === "1";
  const toggle = new URLSearchParams(params);
  if (onlyChanges) toggle.delete("changes");
  else toggle.set("changes", "1");
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link to={`/documents/${id}?panel=versions`} className="text-sm text-brand-700 hover:underline">
        ← {t("documents.versions.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("documents.versions.diffTitle", { title })}</h1>
      <p className="text-slate-700">
        {t("documents.versions.diffHeading", { from, to: to === null ? t("documents.versions.current") : to })}
        {" · "}
        {t("documents.versions.diffSummary", { added: diff.added, removed: diff.removed, changed: diff.changed })}
      </p>
      <Link to={`?${toggle.toString()}`} replace className="inline-block text-sm text-brand-700 hover:underline" aria-pressed={onlyChanges}>
        {t("documents.versions.onlyChanges")}
      </Link>
      <DiffView lines={diff.lines} onlyChanges={onlyChanges} />
    </div>
  );
}
