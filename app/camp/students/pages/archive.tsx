import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/camp.$campId_.archive.tsx";
import type { archiveAction } from "../archive.actions.server.ts";

export default function ArchivePage() {
  const { t, i18n } = useTranslation();
  const { title, archivedAt, counts, abilities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof archiveAction>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("camp.students.archive.title")} subtitle={<Content>{title}</Content>} />
      <ActionFeedback reply={reply} intent="archive" />
      {archivedAt ? (
        <Notice tone="info">{t("camp.students.archive.archived", { at: formatDateTime(archivedAt, i18n.language) })}</Notice>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("camp.students.archive.intro")}</p>
          <ul className="list-disc space-y-1 pl-6 text-sm text-slate-700">
            <li>{t("camp.students.archive.students", { count: counts.students })}</li>
            <li>{t("camp.students.archive.photos", { count: counts.photos })}</li>
            <li>{t("camp.students.archive.items", { count: counts.items })}</li>
          </ul>
          <p className="text-sm text-slate-700">{t("camp.students.archive.keeps")}</p>
          {abilities["camp:archive"] ? (
            <ConfirmButton intent="archive" label={t("camp.students.archive.archive")} question={t("camp.students.archive.question", counts)} size="md" />
          ) : (
            <Notice tone="info">{t("camp.students.archive.notReleased")}</Notice>
          )}
        </>
      )}
    </div>
  );
}
