import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { FieldErrors, inputClass, SelectField, TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { loader } from "~/routes/studios.$studioId.documents._index.tsx";
import { useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";
import type { action } from "../studio-documents.actions.server.ts";
import { DOCUMENT_TYPES, newDocumentSchema } from "../schemas.ts";
import { DocumentFilters, DocumentTable } from "../ui/document-table.tsx";

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** A studio's documents: the list with its filters, a new document, and the templates. */
export function StudioDocumentsPage() {
  const { items, page, pages, total, filters, templates, links } = useLoaderData<typeof loader>();
  const studio = useStudio();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const deleted = searchParams.get("deleted");
  const mayCreate = studio.abilities["studio:create-document"];
  const templateDeleted = replyFor(reply, "delete-template");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <StudioPageHeading>{t("documents.list.studioTitle")}</StudioPageHeading>
        {mayCreate ? (
          <Link to={`/studios/${studio.id}/documents/import`} className={buttonClass("secondary", "sm")}>
            {t("documents.importer.title")}
          </Link>
        ) : null}
      </div>
      {deleted ? <Notice tone="success">{t("documents.details.deleted", { title: deleted })}</Notice> : null}
      {templateDeleted?.status === "success" ? <ActionFeedback reply={templateDeleted} /> : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="documents-heading" className="space-y-3">
          <h2 id="documents-heading" className="sr-only">
            {t("documents.list.studioTitle")}
          </h2>
          <div className="flex flex-wrap items-end justify-between gap-3">
            <DocumentFilters type={filters.type ?? ""} status={filters.status ?? ""} />
            <p className="text-sm text-slate-500">{t("documents.list.total", { count: total })}</p>
          </div>
          <DocumentTable rows={items} showStudio={false} filtered={!!(filters.type || filters.status)} />
          <Pagination page={page} pages={pages} />
        </section>
        <div className="space-y-6">
          {mayCreate ? <NewDocumentForm templates={templates} links={links} /> : null}
          <TemplateList templates={templates} />
        </div>
      </div>
    </div>
  );
}

function NewDocumentForm({ templates, links }: { templates: PageData["templates"]; links: PageData["links"] }) {
  const { t } = useTranslation();
  const reply = replyFor(useActionData<typeof action>(), "create");
  const school = templates.filter((template) => template.studioId === null);
  const own = templates.filter((template) => template.studioId !== null);
  const caseTemplate = school.find((template) => template.type === "CASE_STUDY");
  const [form, fields] = useForm({
    id: "new-document",
    lastResult: reply?.form,
    defaultValue: { templateId: caseTemplate?.id ?? "", type: "RESEARCH_NOTE" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newDocumentSchema }),
  });
  const none = t("documents.create.none");
  return (
    <Card title={t("documents.create.title")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3 text-sm">
        <input type="hidden" name="intent" value="create" />
        <ActionFeedback reply={reply} />
        <TextField field={fields.title} label={t("documents.create.name")} />
        <div>
          <label htmlFor={fields.templateId.id} className="block text-sm font-medium text-slate-700">
            {t("documents.create.template")}
          </label>
          <select {...getSelectProps(fields.templateId)} className={inputClass} aria-describedby="template-hint">
            <option value="">{t("documents.create.blank")}</option>
            <optgroup label={t("documents.create.schoolTemplates")}>
              {school.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </optgroup>
            {own.length ? (
              <optgroup label={t("documents.create.studioTemplates")}>
                {own.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <p id="template-hint" className="mt-1 text-xs text-slate-500">
            {t("documents.create.templateTypeHint")}
          </p>
          <FieldErrors field={fields.templateId} />
        </div>
        <SelectField field={fields.type} label={t("documents.create.type")} options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documentType.${type}`) }))} />
        <SelectField
          field={fields.directionId}
          label={t("documents.create.direction")}
          placeholder={none}
          options={links.directions.map((direction) => ({ value: direction.id, label: direction.name }))}
        />
        <SelectField
          field={fields.projectId}
          label={t("documents.create.project")}
          placeholder={none}
          options={links.projects.map((project) => ({ value: project.id, label: project.title }))}
        />
        <SubmitButton intent="create" size="sm" pendingLabel={t("documents.create.submitting")}>
          {t("documents.create.submit")}
        </SubmitButton>
      </Form>
    </Card>
  );
}

function TemplateList({ templates }: { templates: PageData["templates"] }) {
  const { t } = useTranslation();
  const asked = replyFor(useActionData<typeof action>(), "delete-template");
  const groups = [
    { key: "school", title: t("documents.templates.school"), items: templates.filter((template) => template.studioId === null) },
    { key: "studio", title: t("documents.templates.studio"), items: templates.filter((template) => template.studioId !== null) },
  ];
  return (
    <Card title={t("documents.templates.title")}>
      {groups.map((group) => (
        <div key={group.key} className="mt-3 first:mt-0">
          <h3 className="text-sm font-medium text-slate-700">{group.title}</h3>
          {group.items.length ? (
            <ul className="mt-1 space-y-2 text-sm">
              {group.items.map((template) => (
                <li key={template.id} className="rounded border border-slate-100 p-2">
                  <p className="font-medium text-slate-800">{template.name}</p>
                  {template.description ? <p className="text-xs text-slate-500">{template.description}</p> : null}
                  {template.abilities["template:manage"] ? (
                    <div className="mt-1 space-y-2">
                      <ConfirmButton
                        intent="delete-template"
                        fields={{ templateId: template.id }}
                        label={t("documents.templates.delete")}
                        question={t("documents.templates.deleteConfirm", { name: template.name })}
                        confirmLabel={t("documents.confirm.ok", { action: t("documents.templates.delete") })}
                      />
                      {asked?.confirm?.fields.some(([name, value]) => name === "templateId" && value === template.id) ? <ActionFeedback reply={asked} /> : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs text-slate-500">{group.key === "studio" ? t("documents.templates.empty") : null}</p>
          )}
        </div>
      ))}
    </Card>
  );
}
