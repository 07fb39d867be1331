import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { CollabEditor } from "~/collab/collab-editor.tsx";
import { loadDocumentPage } from "~/documents/document-page.server.ts";
import { DocumentPage } from "~/documents/ui/document-page.tsx";
import editorStyles from "~/documents/editor/editor.css?url";
import { handleDocumentAction } from "~/documents/page-actions.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? ""} · 辅导员工作室协同平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return data(await loadDocumentPage(request, params.documentId!, user));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getFixedT(request);
  const { status, body } = await handleDocumentAction(request, params.documentId!, user, t);
  return data(body, { status });
}

export default function DocumentRoute() {
  const page = useLoaderData<typeof loader>();
  return <DocumentPage page={page} Editor={CollabEditor} />;
}
