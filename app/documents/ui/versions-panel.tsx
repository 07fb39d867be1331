import { getFormProps, getInputProps } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import type { DocumentStatus, VersionReason } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import { versionNameFormSchema } from "../schemas.ts";
import { usePageForm, usePageReply } from "./use-page-form.ts";

export interface VersionView {
  id: string;
  number: number;
  name: string | null;
  reason: VersionReason;
  status: DocumentStatus;
  createdAt: string;
  createdBy: { name: string } | null;
}

export function VersionsPanel({
  documentId,
  versions,
  page,
  pages,
  canCreate,
  canRestore,
}: {
  documentId: string;
  versions: VersionView[];
  page: number;
  pages: number;
  canCreate: boolean;
  canRestore: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { fetcher, form, fields, busy, reply } = usePageForm("name-version", "name-version", versionNameFormSchema);
  // Without JavaScript: restoring asks here (the question names the version), then says what it did.
  const restoreReply = usePageReply("restore-version");
  return (
    <div className="space-y-4">
      {canCreate ? (
        <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
          <input type="hidden" name="intent" value="name-version" />
          <label htmlFor={fields.name.id} className="block text-sm font-medium text-slate-700">
            {t("documents.versions.nameLabel")}
          </label>
          <div className="flex gap-2">
            <input {...getInputProps(fields.name, { type: "text" })} className={inputClass} />
            <button type="submit" disabled={busy} className={`${buttonClass("primary", "sm")} mt-1 shrink-0`}>
              {busy ? t("documents.versions.saving") : t("documents.versions.save")}
            </button>
          </div>
          <FieldErrors field={fields.name} />
          <ActionFeedback reply={reply} />
        </fetcher.Form>
      ) : null}
      <ActionFeedback reply={restoreReply} />
      {versions.length === 0 ? <p className="text-sm text-slate-500">{t("documents.versions.empty")}</p> : null}
      <ol className="space-y-2" aria-label={t("documents.page.versions")}>
        {versions.map((version) => (
          <li key={version.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <p className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium text-slate-900">
                {t("documents.versions.number", { number: version.number })}
                {version.reason === "NAMED" && version.name ? ` · ${version.name}` : ""}
              </span>
              <span className="text-xs text-slate-500">{formatDateTime(version.createdAt, i18n.language)}</span>
            </p>
            <p className="mt-1 text-xs text-slate-600">
              {version.reason === "RESTORE" && version.name
                ? t("documents.versions.restoredFrom", { number: version.name })
                : t(`versionReason.${version.reason}`)}
              {" · "}
              {t(`documentStatus.${version.status}`)}
              {version.createdBy ? ` · ${version.createdBy.name}` : ""}
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <Link to={`/documents/${documentId}/compare?from=${version.number}`} className="text-brand-700 hover:underline">
                {t("documents.versions.compareCurrent")}
              </Link>
              {version.number > 1 ? (
                <Link to={`/documents/${documentId}/compare?from=${version.number - 1}&to=${version.number}`} className="text-brand-700 hover:underline">
                  {t("documents.versions.comparePrevious")}
                </Link>
              ) : null}
              {canRestore ? (
                <ConfirmButton
                  intent="restore-version"
                  fields={{ number: String(version.number) }}
                  fetcherKey={`restore-version-${version.number}`}
                  label={t("documents.versions.restore")}
                  question={t("documents.versions.restoreConfirm", { number: version.number })}
                  confirmLabel={t("documents.confirm.ok", { action: t("documents.versions.restore") })}
                  tone="secondary"
                />
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <Pagination page={page} pages={pages} param="vpage" />
    </div>
  );
}
