import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { createDocument, DocumentInputError, listStudioDocuments, studioLinks } from "~/documents/documents.server.ts";
import { parseListFilters } from "~/documents/list-filters.ts";
import { DOCUMENT_TYPES, newDocumentSchema } from "~/documents/schemas.ts";
import { deleteTemplate, findTemplate, templatesForStudio } from "~/documents/templates.server.ts";
import { ConfirmButton } from "~/documents/ui/confirm-button.tsx";
import { DocumentFilters, DocumentTable } from "~/documents/ui/document-table.tsx";
import { ActionMessage, FieldErrors, inputClass, primaryButton } from "~/documents/ui/field.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { abilities, authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export const meta: MetaFunction<typeof loader> = ({ matches }) => studioPageTitle(matches, (t) => [t("documents.list.studioTitle")]);

async function studioFor(request: Request, studioId: string) {
  const user = await requireUser(request);
  const { studio, resource } = await loadStudioAccess(user, studioId);
  authorize(user, "studio:view-workspace", resource);
  return { user, studio, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, studio, resource } = await studioFor(request, params.studioId!);
  const filters = parseListFilters(new URL(request.url));
  const [list, templates, links] = await Promise.all([listStudioDocuments(studio.id, filters), templatesForStudio(studio.id), studioLinks(studio.id)]);
  return data({
    studio: { id: studio.id, name: studio.name },
    ...list,
    filters,
    templates: templates.map((template) => ({
      ...template,
      abilities: abilities(user, "template", { studioId: template.studioId, viewerRole: resource.viewerRole }),
    })),
    links,
    abilities: abilities(user, "studio", resource),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, studio, resource } = await studioFor(request, params.studioId!);
  const t = await getFixedT(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete-template") {
    const template = await findTemplate(String(formData.get("templateId") ?? ""));
    if (!template || (template.studioId !== null && template.studioId !== studio.id)) throw new Response("Not Found", { status: 404 });
    authorize(user, "template:manage", { studioId: template.studioId, viewerRole: resource.viewerRole });
    if (formData.get("confirmed") !== "yes") return data({ intent, confirm: template.id });
    await deleteTemplate(template.id, user.id);
    return data({ intent, message: t("documents.templates.deleted") });
  }
  authorize(user, "studio:create-document", resource);
  const submission = parseWithZod(formData, { schema: newDocumentSchema });
  if (submission.status !== "success") return data({ intent: "create", result: translatedReply(submission, t) }, { status: 400 });
  try {
    const document = await createDocument({ studioId: studio.id, createdById: user.id, ...submission.value });
    throw redirect(`/documents/${document.id}`);
  } catch (error) {
    if (error instanceof DocumentInputError) {
      return data({ intent: "create", result: translatedReply(submission, t, { formErrors: [translateKnown(t, error.message)] }) }, { status: 400 });
    }
    throw error;
  }
}

export default function StudioDocuments() {
  const { studio, items, page, pages, total, filters, templates, links, abilities } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const deleted = searchParams.get("deleted");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-bold tracking-tight">{t("documents.list.studioTitle")}</h1>
        {abilities["studio:create-document"] ? (
          <Link to={`/studios/${studio.id}/documents/import`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
            {t("documents.importer.title")}
          </Link>
        ) : null}
      </div>
      {deleted ? <ActionMessage ok message={t("documents.details.deleted", { title: deleted })} /> : null}
      {actionData && "message" in actionData ? <ActionMessage ok message={actionData.message} /> : null}

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
          {abilities["studio:create-document"] ? <NewDocumentForm templates={templates} links={links} /> : null}
          <TemplateList templates={templates} confirmId={actionData && "confirm" in actionData ? actionData.confirm : null} />
        </div>
      </div>
    </div>
  );
}

type Templates = ReturnType<typeof useLoaderData<typeof loader>>["templates"];

function NewDocumentForm({ templates, links }: { templates: Templates; links: ReturnType<typeof useLoaderData<typeof loader>>["links"] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-document",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newDocumentSchema }),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  const school = templates.filter((template) => template.studioId === null);
  const own = templates.filter((template) => template.studioId !== null);
  const caseTemplate = school.find((template) => template.type === "CASE_STUDY");
  return (
    <section aria-labelledby="new-document" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="new-document" className="text-base font-semibold">
        {t("documents.create.title")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3 text-sm">
        <input type="hidden" name="intent" value="create" />
        {form.errors?.length ? (
          <p id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <div>
          <label htmlFor={fields.title.id} className="block text-slate-700">
            {t("documents.create.name")}
          </label>
          <input {...getInputProps(fields.title, { type: "text" })} className={inputClass} />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <div>
          <label htmlFor={fields.templateId.id} className="block text-slate-700">
            {t("documents.create.template")}
          </label>
          <select {...getSelectProps(fields.templateId)} defaultValue={caseTemplate?.id ?? ""} className={inputClass} aria-describedby="template-hint">
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
        </div>
        <div>
          <label htmlFor={fields.type.id} className="block text-slate-700">
            {t("documents.create.type")}
          </label>
          <select {...getSelectProps(fields.type)} defaultValue="RESEARCH_NOTE" className={inputClass}>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`documentType.${type}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.type.errorId} errors={fields.type.errors} />
        </div>
        <div>
          <label htmlFor={fields.directionId.id} className="block text-slate-700">
            {t("documents.create.direction")}
          </label>
          <select {...getSelectProps(fields.directionId)} defaultValue="" className={inputClass}>
            <option value="">{t("documents.create.none")}</option>
            {links.directions.map((direction) => (
              <option key={direction.id} value={direction.id}>
                {direction.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={fields.projectId.id} className="block text-slate-700">
            {t("documents.create.project")}
          </label>
          <select {...getSelectProps(fields.projectId)} defaultValue="" className={inputClass}>
            <option value="">{t("documents.create.none")}</option>
            {links.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? t("documents.create.submitting") : t("documents.create.submit")}
        </button>
      </Form>
    </section>
  );
}

function TemplateList({ templates, confirmId }: { templates: Templates; confirmId: string | null }) {
  const { t } = useTranslation();
  const groups = [
    { key: "school", title: t("documents.templates.school"), items: templates.filter((template) => template.studioId === null) },
    { key: "studio", title: t("documents.templates.studio"), items: templates.filter((template) => template.studioId !== null) },
  ];
  return (
    <section aria-labelledby="templates" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="templates" className="text-base font-semibold">
        {t("documents.templates.title")}
      </h2>
      {groups.map((group) => (
        <div key={group.key} className="mt-3">
          <h3 className="text-sm font-medium text-slate-700">{group.title}</h3>
          {group.items.length ? (
            <ul className="mt-1 space-y-2 text-sm">
              {group.items.map((template) => (
                <li key={template.id} className="rounded border border-slate-100 p-2">
                  <p className="font-medium text-slate-800">{template.name}</p>
                  {template.description ? <p className="text-xs text-slate-500">{template.description}</p> : null}
                  {template.abilities["template:manage"] ? (
                    <div className="mt-1">
                      <ConfirmButton
                        intent="delete-template"
                        fields={{ templateId: template.id }}
                        label={t("documents.templates.delete")}
                        question={t("documents.templates.deleteConfirm", { name: template.name })}
                        serverQuestion={confirmId === template.id ? t("documents.templates.deleteConfirm", { name: template.name }) : null}
                      />
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
    </section>
  );
}
