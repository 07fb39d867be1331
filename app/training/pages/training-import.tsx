import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";
import { FieldErrors } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { trainingImportAction } from "../training-import.actions.server.ts";

export interface TrainingImportData {
  /** Export links for the slice the viewer looks after. */
  ledgerHref: string;
}

const clientFileSchema = z.object({ file: z.instanceof(File, { message: "training.io.errors.fileRequired" }) });

function UploadCard({ intent, title, intro, template }: { intent: "catalogue" | "hours"; title: string; intro: string; template: string }) {
  const { t } = useTranslation();
  const reply = replyFor(useActionData<typeof trainingImportAction>(), intent);
  const [form, fields] = useForm({
    id: `import-${intent}`,
    lastResult: reply?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clientFileSchema }),
    shouldValidate: "onSubmit",
  });
  const issues = (reply?.details as { issues?: string[] } | undefined)?.issues ?? [];
  return (
    <Card title={title}>
      <p className="mb-3 text-sm text-slate-600">{intro}</p>
      <a href={template} className={`${buttonClass("secondary", "sm")} mb-4`} download>
        {t("training.io.template")}
      </a>
      <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <ActionFeedback reply={reply} intent={intent} />
        {issues.length ? (
          <ol aria-label={reply?.error} className="max-h-96 list-decimal space-y-1 overflow-y-auto break-words pl-6 text-sm text-red-800">
            {issues.map((issue, index) => (
              <li key={index}>{issue}</li>
            ))}
          </ol>
        ) : null}
        <div>
          <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-700">
            {t("training.io.file")}
          </label>
          <input
            {...getInputProps(fields.file, { type: "file" })}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block w-full max-w-full text-sm"
          />
          <FieldErrors field={fields.file} />
        </div>
        <SubmitButton intent={intent} pendingLabel={t("training.io.checking")}>
          {t("training.io.check")}
        </SubmitButton>
      </Form>
    </Card>
  );
}

export default function TrainingImportPage() {
  const { ledgerHref } = useLoaderData<TrainingImportData>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title={t("training.io.title")} subtitle={t("training.io.intro")} />
      <UploadCard intent="catalogue" title={t("training.io.catalogueTitle")} intro={t("training.io.catalogueIntro")} template="/training/import/catalogue-template.xlsx" />
      <UploadCard intent="hours" title={t("training.io.hoursTitle")} intro={t("training.io.hoursIntro")} template="/training/import/hours-template.xlsx" />
      <Card title={t("training.io.exportTitle")}>
        <div className="flex flex-wrap gap-2">
          <a href="/training/catalogue.xlsx" className={buttonClass("secondary", "sm")} download>
            {t("training.io.exportCatalogue")}
          </a>
          <a href={ledgerHref} className={buttonClass("secondary", "sm")} download>
            {t("training.io.exportLedger")}
          </a>
        </div>
      </Card>
    </div>
  );
}
