import { Link, useNavigate, useRevalidator, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentStatus } from "~/generated/prisma/enums.ts";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import type { loadDocumentPage, Panel } from "../document-page.server.ts";
import { useServerHtml } from "~/components/server-html.tsx";
import { bodyHtmlKey, type DocumentEditorProps, type SelectionInfo } from "../editor/editor-slot.ts";
import type { AccessInfo, DocEventKind } from "../live.ts";
import { CommentsPanel } from "../ui/comments-panel.tsx";
import { DetailsPanel } from "../ui/details-panel.tsx";
import { ReviewPanel } from "../ui/review-panel.tsx";
import { StatusBadge } from "../ui/status-badge.tsx";
import { VersionsPanel } from "../ui/versions-panel.tsx";

/** The loader's data: the body itself reaches the page as server-rendered HTML only (decision 099). */
type PageData = Omit<Awaited<ReturnType<typeof loadDocumentPage>>, "bodyHtml">;
const PANEL_LIST: Panel[] = ["comments", "versions", "review", "details", "export"];

/** `Editor`: the body's editor, handed in by the route (app/collab/collab-editor.tsx). */
export function DocumentPage({ page, Editor }: { page: PageData; Editor: ComponentType<DocumentEditorProps> }) {
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const requested = searchParams.get("panel") as Panel | null;
  const panel: Panel = requested && PANEL_LIST.includes(requested) ? requested : "comments";
  const { document, abilities } = page;
  const bodyHtml = useServerHtml(bodyHtmlKey(document.id)) ?? "";
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [liveStatus, setLiveStatus] = useState<DocumentStatus>(document.status);
  useEffect(() => setLiveStatus(document.status), [document.status]);

  // Someone else commented, decided or saved a version: refresh the panels (not the editor).
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => revalidator.revalidate(), 150);
  }, [revalidator]);
  const onDocEvent = useCallback(
    (kind: DocEventKind) => {
      if (kind === "deleted") return;
      refresh();
    },
    [refresh],
  );
  const onAccess = useCallback(
    (access: AccessInfo) => {
      if (access.status !== liveStatus) {
        setLiveStatus(access.status as DocumentStatus);
        refresh();
      }
    },
    [liveStatus, refresh],
  );
  const onActivateThread = useCallback(
    (id: string) => {
      setActiveThread(id);
      if (panel !== "comments") navigate("?panel=comments", { replace: true, preventScrollReset: true });
    },
    [navigate, panel],
  );

  const openThreads = useMemo(
    () =>
      page.threads
        .filter((thread) => !thread.resolvedAt && thread.anchor)
        .map((thread) => ({ id: thread.id, anchor: thread.anchor as { from: unknown; to: unknown } })),
    [page.threads],
  );
  const openCount = page.threads.filter((thread) => !thread.resolvedAt).length;
  const labels: Record<Panel, string> = {
    comments: t("documents.page.comments", { count: openCount }),
    versions: t("documents.page.versions"),
    review: t("documents.page.review"),
    details: t("documents.page.details"),
    export: t("documents.page.export"),
  };

  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <Link to={`/studios/${document.studio.id}/documents`} className="text-sm text-brand-700 hover:underline">
          ← {t("documents.page.back", { studio: document.studio.name })}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">{document.title}</h1>
          <StatusBadge status={liveStatus} />
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t(`documentType.${document.type}`)}</span>
        </div>
        <p className="text-sm text-slate-500">
          {t("documents.page.createdBy", { name: document.createdBy.name, date: formatDate(document.createdAt, i18n.language) })}
          {" · "}
          {t("documents.page.updated", { date: formatDateTime(document.updatedAt, i18n.language) })}
          {document.authors.length ? ` · ${t("documents.page.authors", { names: document.authors.map((a) => a.user.name).join("、") })}` : ""}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-label={t("documents.editor.body")}>
          <Editor
            documentId={document.id}
            user={page.user}
            initialHtml={bodyHtml}
            maxChars={page.maxChars}
            threads={openThreads}
            activeThreadId={activeThread}
            onActivateThread={onActivateThread}
            onSelection={setSelection}
            onDocEvent={onDocEvent}
            onAccess={onAccess}
          />
        </section>

        <aside aria-label={t("documents.page.panels")} className="space-y-3">
          <div role="tablist" aria-label={t("documents.page.panels")} className="flex flex-wrap gap-1 border-b border-slate-200">
            {PANEL_LIST.map((name) => (
              <Link
                key={name}
                id={`tab-${name}`}
                role="tab"
                aria-selected={panel === name}
                aria-controls={`panel-${name}`}
                to={`?panel=${name}`}
                replace
                preventScrollReset
                onKeyDown={(event) => {
                  const index = PANEL_LIST.indexOf(name);
                  const next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : null;
                  if (next === null) return;
                  event.preventDefault();
                  const target = PANEL_LIST[(next + PANEL_LIST.length) % PANEL_LIST.length]!;
                  navigate(`?panel=${target}`, { replace: true, preventScrollReset: true });
                  requestAnimationFrame(() => window.document.getElementById(`tab-${target}`)?.focus());
                }}
                className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm ${panel === name ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {labels[name]}
              </Link>
            ))}
          </div>
          <div id={`panel-${panel}`} role="tabpanel" aria-labelledby={`tab-${panel}`}>
            {panel === "comments" ? (
              <CommentsPanel
                threads={page.threads as never}
                people={page.people}
                userId={page.user.id}
                canComment={abilities["document:comment"]}
                selection={selection}
                activeThreadId={activeThread}
                onActivate={setActiveThread}
              />
            ) : null}
            {panel === "versions" ? (
              <VersionsPanel
                documentId={document.id}
                versions={page.versions.items as never}
                page={page.versions.page}
                pages={page.versions.pages}
                canCreate={abilities["document:create-version"]}
                canRestore={abilities["document:edit"]}
              />
            ) : null}
            {panel === "review" ? (
              <ReviewPanel status={liveStatus} reviews={page.reviews as never} directions={page.directions} currentDirectionId={document.directionId} abilities={abilities} />
            ) : null}
            {panel === "details" ? (
              <DetailsPanel document={document} directions={page.links.directions} projects={page.links.projects} abilities={abilities} schoolTemplate={page.schoolTemplate["template:manage"]} />
            ) : null}
            {panel === "export" ? <ExportPanel documentId={document.id} /> : null}
          </div>
        </aside>
      </div>
    </div>
  );
}

function ExportPanel({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const formats = ["docx", "pdf", "md", "html"] as const;
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">{t("documents.export.intro")}</p>
      <ul className="space-y-2">
        {formats.map((format) => (
          <li key={format}>
            <a href={`/documents/${documentId}/export/${format}`} download className="inline-flex w-full items-center justify-between rounded-md border border-slate-300 px-3 py-2 hover:bg-slate-50">
              {t(`documents.export.${format}`)}
              <span aria-hidden="true">↓</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
