import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { CollabEditor } from "~/collab/collab-editor.tsx";
import { loadDocumentPage } from "~/documents/document-page.server.ts";
import { bodyHtmlKey } from "~/documents/editor/editor-slot.ts";
import { serverHtml } from "~/lib/server-html.server.ts";
import editorStyles from "~/documents/editor/editor.css?url";
import { DocumentPage } from "~/documents/pages/document-page.tsx";
import { pageTitle } from "~/i18n/page-title.ts";

export { action } from "~/documents/document-page.actions.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, () => [data?.document.title]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { bodyHtml, ...page } = await loadDocumentPage(request, params.documentId!, user);
  // The body goes into the server-rendered markup only, not also into the page's data.
  serverHtml(bodyHtmlKey(page.document.id), bodyHtml);
  return data(page);
}

export default function DocumentRoute() {
  const page = useLoaderData<typeof loader>();
  return <DocumentPage page={page} Editor={CollabEditor} />;
}
