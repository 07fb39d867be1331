import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { FieldErrors } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import type { loader } from "~/routes/camp.$campId_.students._index.tsx";
import type { studentsAction } from "../students.actions.server.ts";
import { importFilesSchema, importZipSchema } from "../schemas.ts";

type Reply = ReturnType<typeof useActionData<typeof studentsAction>>;

function Issues({ reply }: { reply: { error?: string; details?: unknown } | undefined }) {
  const issues = (reply?.details as { issues?: string[] } | undefined)?.issues ?? [];
  if (!issues.length) return null;
  return (
    <ol aria-label={reply?.error} className="max-h-96 list-decimal space-y-1 overflow-y-auto break-words pl-6 text-sm text-red-800">
      {issues.map((issue, index) => (
        <li key={index}>{issue}</li>
      ))}
    </ol>
  );
}

function UploadForm({ intent }: { intent: "importFiles" | "importZip" }) {
  const { t } = useTranslation();
  const reply = replyFor(useActionData<typeof studentsAction>() as Reply, intent);
  const schema = intent === "importFiles" ? importFilesSchema : importZipSchema;
  const [form, fields] = useForm({ id: intent, lastResult: reply?.form, onValidate: ({ formData }) => parseWithZod(formData, { schema }), shouldValidate: "onSubmit" });
  const fileFields = intent === "importFiles" ? { sheet: fields.sheet, photos: fields.photos } : { zip: fields.zip };
  const labels: Record<string, string> = { sheet: t("camp.students.upload.sheet"), photos: t("camp.students.upload.photos"), zip: t("camp.students.upload.zip") };
  const accept: Record<string, string> = { sheet: ".xlsx", photos: "image/jpeg,image/png,image/webp", zip: ".zip,application/zip" };
  return (
    <section aria-labelledby={`${intent}-heading`} className="space-y-3">
      <h3 id={`${intent}-heading`} className="font-semibold">
        {intent === "importFiles" ? t("camp.students.upload.filesHeading") : t("camp.students.upload.zipHeading")}
      </h3>
      <p className="text-sm text-slate-600">{intent === "importFiles" ? t("camp.students.upload.filesHint") : t("camp.students.upload.zipHint")}</p>
      <ActionFeedback reply={reply} intent={intent} />
      <Issues reply={reply} />
      <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fileFields).map(([name, field]) => (
          <div key={name}>
            <label htmlFor={field!.id} className="block text-sm font-medium text-slate-700">
              {labels[name]}
            </label>
            <input {...getInputProps(field!, { type: "file" })} multiple={name === "photos"} accept={accept[name]} className="mt-1 block w-full max-w-full text-sm" />
            <FieldErrors field={field!} />
          </div>
        ))}
        <SubmitButton intent={intent} pendingLabel={t("camp.students.upload.importing")}>
          {t("camp.students.upload.import")}
        </SubmitButton>
      </Form>
    </section>
  );
}

export default function StudentsPage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof studentsAction>() as Reply;
  const { campId, students, counts, page, pages, total, abilities, counselorId } = loaded;
  const canUpload = abilities["camp:upload-students"];
  const filtered = counts.find((c) => c.counselorId === counselorId);
  const photoUrl = (id: string) => `/camp/${campId}/students/${id}/photo`;
  return (
    <div className="space-y-6">
      <PageHeader title={t("camp.students.title")} subtitle={<Content>{loaded.title}</Content>} />
      <p className="text-sm text-slate-700">{t("camp.students.intro")}</p>
      <Notice tone="info">{t("camp.students.privacy")}</Notice>
      <ActionFeedback reply={actionData} intent={["delete", "deleteAll"]} />

      {canUpload ? (
        <Card title={t("camp.students.upload.heading")}>
          <a href={`/camp/${campId}/students/template.xlsx`} className={`${buttonClass("secondary", "sm")} mb-4`} download>
            {t("camp.students.upload.template")}
          </a>
          <div className="grid gap-6 md:grid-cols-2">
            <UploadForm intent="importFiles" />
            <UploadForm intent="importZip" />
          </div>
        </Card>
      ) : (
        <Notice tone="info">{t("camp.students.upload.closed")}</Notice>
      )}

      <Card title={t("camp.students.list.countsHeading")}>
        <DataTable
          caption={t("camp.students.list.countsCaption")}
          rows={counts}
          rowKey={(c) => c.counselorId}
          empty={<EmptyState>{t("camp.students.list.empty")}</EmptyState>}
          columns={[
            { key: "counselor", header: t("camp.students.list.counselor"), primary: true, cell: (c) => <Content>{`${c.name}（${c.username}）`}</Content> },
            { key: "students", header: t("camp.students.list.students"), numeric: true, cell: (c) => c.students },
            {
              key: "actions",
              header: <span className="sr-only">{t("camp.students.list.filter")}</span>,
              label: t("camp.students.list.filter"),
              cell: (c) => (
                <div className="flex flex-wrap gap-2">
                  <Link to={`?counselor=${encodeURIComponent(c.counselorId)}`} className="text-brand-700 hover:underline" aria-label={`${t("camp.students.list.filter")} ${c.name}`}>
                    {t("camp.students.list.filter")}
                  </Link>
                  {canUpload ? (
                    <ConfirmButton
                      intent="deleteAll"
                      fields={{ counselorId: c.counselorId }}
                      label={t("camp.students.delete.all")}
                      ariaLabel={t("camp.students.delete.allFor", { name: c.name })}
                      question={t("camp.students.delete.allForQuestion", { name: c.name, count: c.students })}
                    />
                  ) : null}
                </div>
              ),
            },
          ]}
        />
        {canUpload && counts.length > 1 ? (
          <div className="mt-3">
            <ConfirmButton intent="deleteAll" label={t("camp.students.delete.all")} question={t("camp.students.delete.allQuestion", { count: counts.reduce((sum, c) => sum + c.students, 0) })} />
          </div>
        ) : null}
      </Card>

      <Card title={t("camp.students.list.heading")}>
        {filtered ? (
          <p className="mb-3 text-sm">
            {t("camp.students.list.filtered", { name: filtered.name })}{" "}
            <Link to="?" className="text-brand-700 hover:underline">
              {t("camp.students.list.showAll")}
            </Link>
          </p>
        ) : null}
        <DataTable
          caption={t("camp.students.list.caption")}
          rows={students}
          rowKey={(s) => s.id}
          empty={<EmptyState>{t("camp.students.list.empty")}</EmptyState>}
          columns={[
            {
              key: "photo",
              header: t("camp.students.list.photo"),
              cell: (s) => (s.hasPhoto ? <img src={photoUrl(s.id)} alt={t("camp.students.list.photoOf", { name: s.name })} loading="lazy" className="h-20 w-16 rounded object-cover" /> : null),
            },
            { key: "name", header: t("camp.students.list.name"), primary: true, cell: (s) => <Content>{s.name}</Content> },
            { key: "className", header: t("camp.students.list.className"), cell: (s) => <Content>{s.className}</Content> },
            { key: "dorm", header: t("camp.students.list.dorm"), cell: (s) => <Content>{s.dorm}</Content> },
            { key: "counselor", header: t("camp.students.list.counselor"), cell: (s) => <Content>{s.counselorName}</Content> },
            {
              key: "actions",
              header: <span className="sr-only">{t("camp.students.delete.one")}</span>,
              label: t("camp.students.delete.one"),
              cell: (s) =>
                s.abilities["camp-student:manage"] && !s.drawn ? (
                  <ConfirmButton
                    intent="delete"
                    fields={{ studentId: s.id }}
                    label={t("camp.students.delete.one")}
                    ariaLabel={t("camp.students.delete.oneLabel", { name: s.name })}
                    question={t("camp.students.delete.oneQuestion", { name: s.name })}
                  />
                ) : null,
            },
          ]}
        />
        <div className="mt-3">
          <Pagination page={page} pages={pages} total={total} />
        </div>
      </Card>
    </div>
  );
}
