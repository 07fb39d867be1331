import { getFormProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { ChoiceField, SelectField, TextField } from "~/components/kit/fields.tsx";
import type { DocumentType } from "~/generated/prisma/enums.ts";
import type { Abilities } from "~/policy/index.ts";
import { DOCUMENT_TYPES, detailsFormSchema, templateFormSchema } from "../schemas.ts";
import { usePageForm, usePageReply } from "./use-page-form.ts";

export function DetailsPanel({
  document,
  directions,
  projects,
  abilities,
  schoolTemplate,
}: {
  document: { title: string; type: DocumentType; directionId: string | null; projectId: string | null; tags: string[] };
  directions: Array<{ id: string; name: string }>;
  projects: Array<{ id: string; title: string }>;
  abilities: Abilities<"document">;
  /** May save it as a school template too (学工部). */
  schoolTemplate: boolean;
}) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy, reply } = usePageForm("details", "details", detailsFormSchema, {
    defaultValue: { title: document.title, type: document.type, directionId: document.directionId ?? "", projectId: document.projectId ?? "", tags: document.tags.join("、") },
  });
  const deleteReply = usePageReply("delete");
  return (
    <div className="space-y-5 text-sm">
      <fetcher.Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="details" />
        {!abilities["document:edit"] ? <p className="text-slate-600">{t("documents.details.readOnly")}</p> : null}
        <fieldset disabled={!abilities["document:edit"]} className="space-y-3">
          <TextField field={fields.title} label={t("documents.details.title")} />
          <SelectField field={fields.type} label={t("documents.details.type")} options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documentType.${type}`) }))} />
          <SelectField
            field={fields.directionId}
            label={t("documents.details.direction")}
            placeholder={t("documents.details.none")}
            options={directions.map((direction) => ({ value: direction.id, label: direction.name }))}
          />
          <SelectField
            field={fields.projectId}
            label={t("documents.details.project")}
            placeholder={t("documents.details.none")}
            options={projects.map((project) => ({ value: project.id, label: project.title }))}
          />
          <TextField field={fields.tags} label={t("documents.details.tags")} />
          <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
            {busy ? t("documents.details.saving") : t("documents.details.save")}
          </button>
        </fieldset>
        <ActionFeedback reply={reply} />
      </fetcher.Form>

      {abilities["document:save-as-template"] ? <SaveTemplate school={schoolTemplate} /> : null}

      {abilities["document:delete"] ? (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <ConfirmButton
            intent="delete"
            fetcherKey="delete-document"
            label={t("documents.details.delete")}
            question={t("documents.details.deleteConfirm", { title: document.title })}
            confirmLabel={t("documents.confirm.ok", { action: t("documents.details.delete") })}
          />
          <ActionFeedback reply={deleteReply} />
        </div>
      ) : null}
    </div>
  );
}

function SaveTemplate({ school }: { school: boolean }) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy, reply } = usePageForm("save-template", "save-template", templateFormSchema, { defaultValue: { scope: "studio" } });
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2 border-t border-slate-200 pt-4">
      <input type="hidden" name="intent" value="save-template" />
      <h3 className="font-semibold text-slate-900">{t("documents.templates.saveAs")}</h3>
      <TextField field={fields.name} label={t("documents.templates.name")} />
      <TextField field={fields.description} label={t("documents.templates.description")} />
      {school ? (
        <ChoiceField
          field={fields.scope}
          type="radio"
          legend={t("documents.templates.scope")}
          options={[
            { value: "studio", label: t("documents.templates.scopeStudio") },
            { value: "school", label: t("documents.templates.scopeSchool") },
          ]}
        />
      ) : (
        <input type="hidden" name="scope" value="studio" />
      )}
      <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
        {t("documents.templates.save")}
      </button>
      <ActionFeedback reply={reply} />
    </fetcher.Form>
  );
}
