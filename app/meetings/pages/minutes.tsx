import type { SerializeFrom } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { bodyHtmlKey, type DocumentEditorProps } from "~/documents/editor/editor-slot.ts";
import { useServerHtml } from "~/components/server-html.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { minutesPage } from "../minutes-page.server.ts";
import type { minutesAction } from "../minutes.actions.server.ts";

type Page = SerializeFrom<Omit<Awaited<ReturnType<typeof minutesPage>>, "bodyHtml">>;
const ignore = () => {};

/**
 * 会议纪要: the co-authoring editor for the organiser and note-takers (invitees read), the confirmed
 * version once 签发, and the organiser's choice of note-takers. `Editor` comes from the route.
 */
export function MinutesPage({ page, Editor }: { page: Page; Editor: ComponentType<DocumentEditorProps> }) {
  const { t, i18n } = useTranslation();
  const reply = useActionData<typeof minutesAction>();
  const { meeting, documentId, confirmed, abilities } = page;
  // The live body as the server rendered it (never in the page's data); the editor builds it from its connection in the browser.
  const bodyHtml = useServerHtml(bodyHtmlKey(documentId ?? "")) ?? "";
  const manage = abilities["meeting:manage"];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("meetings.live.minutes.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Content>{meeting.title}</Content> · {formatDateTime(meeting.startsAt, i18n.language)}
        </p>
        <Link to={`/meetings/${meeting.id}`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("meetings.live.checkIn.back")}
        </Link>
      </div>

      <ActionFeedback reply={reply} intent={["noteTaker", "confirm"]} />

      {confirmed ? (
        <section aria-labelledby="minutes-confirmed" className="space-y-3">
          <h2 id="minutes-confirmed" className="sr-only">
            {t("meetings.live.minutes.title")}
          </h2>
          <Notice tone="info">{t("meetings.live.minutes.confirmed", { date: formatDateTime(meeting.minutesConfirmedAt!, i18n.language), number: confirmed.number })}</Notice>
          <article lang="zh-CN" className="document-body tiptap rounded-lg border border-slate-200 bg-white p-4" dangerouslySetInnerHTML={{ __html: confirmed.html }} />
        </section>
      ) : documentId ? (
        <section aria-label={t("meetings.live.minutes.title")} className="rounded-lg border border-slate-200 bg-white p-4">
          {!abilities["meeting:write-minutes"] ? <p className="mb-3 text-sm text-slate-600">{t("meetings.live.minutes.readOnly")}</p> : null}
          <Editor
            documentId={documentId}
            user={page.user}
            initialHtml={bodyHtml}
            maxChars={page.maxChars}
            threads={[]}
            activeThreadId={null}
            onActivateThread={ignore}
            onSelection={ignore}
            onDocEvent={ignore}
            onAccess={ignore}
          />
        </section>
      ) : (
        <EmptyState>{t("meetings.live.minutes.noneYet")}</EmptyState>
      )}

      {manage && documentId && !confirmed && meeting.status === "CLOSED" ? (
        <ConfirmButton intent="confirm" label={t("meetings.live.minutes.confirm")} question={t("meetings.live.minutes.confirmQuestion")} tone="primary" size="md" />
      ) : null}

      {manage && !confirmed ? (
        <Card title={t("meetings.live.minutes.noteTakers")}>
          <p className="mb-3 text-sm text-slate-600">{t("meetings.live.minutes.noteTakersHint")}</p>
          <DataTable
            caption={t("meetings.live.minutes.noteTakers")}
            rows={page.invitees}
            rowKey={(person) => person.id}
            empty={<EmptyState>{t("meetings.live.minutes.noInvitees")}</EmptyState>}
            columns={[
              { key: "name", header: t("meetings.live.minutes.colName"), primary: true, cell: (p) => <Content>{p.name}</Content> },
              {
                key: "role",
                header: t("meetings.live.minutes.colRole"),
                cell: (p) => (p.noteTaker ? <Badge tone="sky">{t("meetings.live.minutes.noteTaker")}</Badge> : t("meetings.live.minutes.invitee")),
              },
              {
                key: "actions",
                header: t("meetings.live.minutes.colActions"),
                cell: (p) =>
                  abilities["meeting:edit"] ? (
                    <ActionButton
                      intent="noteTaker"
                      fields={{ userId: p.id, noteTaker: p.noteTaker ? "no" : "yes", name: p.name }}
                      pendingLabel={t("meetings.live.minutes.saving")}
                      label={p.noteTaker ? t("meetings.live.minutes.removeNoteTakerLabel", { name: p.name }) : t("meetings.live.minutes.makeNoteTakerLabel", { name: p.name })}
                    >
                      {p.noteTaker ? t("meetings.live.minutes.removeNoteTaker") : t("meetings.live.minutes.makeNoteTaker")}
                    </ActionButton>
                  ) : null,
              },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
