import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { ConfirmButton, ConfirmPrompt } from "~/components/kit/confirm.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";
import type { DocumentType } from "~/generated/prisma/enums.ts";
import type { Abilities } from "~/policy/index.ts";
import { DOCUMENT_TYPES, detailsFormSchema, templateFormSchema } from "../schemas.ts";
import { serverConfirm, usePageAnswer, usePageForm } from "./use-page-form.ts";

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
  const { fetcher, form, fields, busy, data } = usePageForm("details", "details", detailsFormSchema);
  const deleteLabel = t("documents.confirm.ok", { action: t("documents.details.delete") });
  const deleteRequest = serverConfirm(usePageAnswer("delete")?.confirm ? t("documents.details.deleteConfirm", { title: document.title }) : null, "delete", {}, deleteLabel);
  return (
    <div className="space-y-5 text-sm">
      <fetcher.Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="details" />
        {!abilities["document:edit"] ? <p className="text-slate-600">{t("documents.details.readOnly")}</p> : null}
        <fieldset disabled={!abilities["document:edit"]} className="space-y-3">
          <div>
            <label htmlFor={fields.title.id} className="block text-slate-700">
              {t("documents.details.title")}
            </label>
            <input {...getInputProps(fields.title, { type: "text" })} defaultValue={document.title} className={inputClass} />
            <FieldErrors field={fields.title} />
          </div>
          <div>
            <label htmlFor={fields.type.id} className="block text-slate-700">
              {t("documents.details.type")}
            </label>
            <select {...getSelectProps(fields.type)} defaultValue={document.type} className={inputClass}>
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`documentType.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={fields.directionId.id} className="block text-slate-700">
              {t("documents.details.direction")}
            </label>
            <select {...getSelectProps(fields.directionId)} defaultValue={document.directionId ?? ""} className={inputClass}>
              <option value="">{t("documents.details.none")}</option>
              {directions.map((direction) => (
                <option key={direction.id} value={direction.id}>
                  {direction.name}
                </option>
              ))}
            </select>
            <FieldErrors field={fields.directionId} />
          </div>
          <div>
            <label htmlFor={fields.projectId.id} className="block text-slate-700">
              {t("documents.details.project")}
            </label>
            <select {...getSelectProps(fields.projectId)} defaultValue={document.projectId ?? ""} className={inputClass}>
              <option value="">{t("documents.details.none")}</option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={fields.tags.id} className="block text-slate-700">
              {t("documents.details.tags")}
            </label>
            <input {...getInputProps(fields.tags, { type: "text" })} defaultValue={document.tags.join("、")} className={inputClass} />
            <FieldErrors field={fields.tags} />
          </div>
          <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
            {busy ? t("documents.details.saving") : t("documents.details.save")}
          </button>
        </fieldset>
        {data?.message ? <Notice tone={data.ok ? "success" : "error"}>{data.message}</Notice> : null}
      </fetcher.Form>

      {abilities["document:save-as-template"] ? <SaveTemplate school={schoolTemplate} /> : null}

      {abilities["document:delete"] ? (
        <div className="border-t border-slate-200 pt-4">
          <ConfirmButton
            intent="delete"
            fetcherKey="delete-document"
            label={t("documents.details.delete")}
            question={t("documents.details.deleteConfirm", { title: document.title })}
            confirmLabel={deleteLabel}
          />
          {deleteRequest ? <ConfirmPrompt request={deleteRequest} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function SaveTemplate({ school }: { school: boolean }) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy, data } = usePageForm("save-template", "save-template", templateFormSchema);
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2 border-t border-slate-200 pt-4">
      <input type="hidden" name="intent" value="save-template" />
      <h3 className="font-semibold text-slate-900">{t("documents.templates.saveAs")}</h3>
      <div>
        <label htmlFor={fields.name.id} className="block text-slate-700">
          {t("documents.templates.name")}
        </label>
        <input {...getInputProps(fields.name, { type: "text" })} className={inputClass} />
        <FieldErrors field={fields.name} />
      </div>
      <div>
        <label htmlFor={fields.description.id} className="block text-slate-700">
          {t("documents.templates.description")}
        </label>
        <input {...getInputProps(fields.description, { type: "text" })} className={inputClass} />
        <FieldErrors field={fields.description} />
      </div>
      {school ? (
        <fieldset>
          <legend className="text-slate-700">{t("documents.templates.scope")}</legend>
          <label className="mr-4 inline-flex items-center gap-1">
            <input type="radio" name="scope" value="studio" defaultChecked /> {t("documents.templates.scopeStudio")}
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="scope" value="school" /> {t("documents.templates.scopeSchool")}
          </label>
        </fieldset>
      ) : (
        <input type="hidden" name="scope" value="studio" />
      )}
      <button type="submit" disabled={busy} className={buttonClass("primary", "sm")}>
        {t("documents.templates.save")}
      </button>
      {data?.message ? <Notice tone={data.ok ? "success" : "error"}>{data.message}</Notice> : null}
    </fetcher.Form>
  );
}
