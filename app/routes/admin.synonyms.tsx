import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { authorize } from "~/policy/index.ts";
import { synonymDeleteSchema, synonymGroupSchema } from "~/search/schemas.ts";
import {
  createSynonymGroup,
  deleteSynonymGroup,
  forgetSynonymCache,
  listSynonymGroups,
  SynonymConflictError,
  SynonymNotFoundError,
  updateSynonymGroup,
} from "~/search/synonyms.server.ts";

export const meta: MetaFunction = () => [{ title: "搜索同义词 · 辅导员工作室协同平台" }];

const NOTICES = ["added", "saved", "deleted"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "search:administer", null);
  const url = new URL(request.url);
  const groups = await listSynonymGroups();
  const find = (key: string) => groups.find((g) => g.id === url.searchParams.get(key)) ?? null;
  const notice = NOTICES.find((n) => n === url.searchParams.get("notice")) ?? null;
  return data({ groups, editing: find("edit")?.id ?? null, deleting: find("delete"), notice });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "search:administer", null);
  const t = await getFixedT(request);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: synonymDeleteSchema });
    if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
    try {
      await deleteSynonymGroup(submission.value.groupId, user.id);
    } catch (error) {
      if (error instanceof SynonymNotFoundError) throw new Response("Not Found", { status: 404 });
      throw error;
    }
    forgetSynonymCache();
    return redirect("/admin/synonyms?notice=deleted");
  }
  const submission = parseWithZod(formData, { schema: synonymGroupSchema });
  const formId = String(formData.get("groupId") || "new");
  if (submission.status !== "success") return data({ formId, result: translatedReply(submission, t) }, { status: 400 });
  const { intent, groupId: id, terms } = submission.value;
  try {
    if (intent === "update" && id) await updateSynonymGroup(id, terms, user.id);
    else await createSynonymGroup(terms, user.id);
  } catch (error) {
    if (error instanceof SynonymConflictError) {
      return data({ formId, result: submission.reply({ fieldErrors: { terms: [t("search.synonyms.errors.duplicate", { term: error.term })] } }) }, { status: 409 });
    }
    if (error instanceof SynonymNotFoundError) {
      return data({ formId, result: submission.reply({ formErrors: [t("search.synonyms.errors.notFound")] }) }, { status: 404 });
    }
    throw error;
  }
  forgetSynonymCache();
  return redirect(`/admin/synonyms?notice=${intent === "update" ? "saved" : "added"}`);
}

function GroupForm({ group, onCancelHref }: { group?: { id: string; terms: string[] }; onCancelHref?: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formId = group?.id ?? "new";
  const [form, fields] = useForm({
    id: `synonyms-${formId}`,
    lastResult: actionData?.formId === formId ? actionData.result : undefined,
    defaultValue: { terms: group ? group.terms.join("、") : "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: synonymGroupSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("groupId") === (group?.id ?? "");
  return (
    <Form method="post" action="/admin/synonyms" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value={group ? "update" : "create"} />
      <input type="hidden" name="groupId" value={group?.id ?? ""} />
      {form.errors?.length ? (
        <p id={form.errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {form.errors.map((e) => translateKnown(t, e)).join(" ")}
        </p>
      ) : null}
      <label htmlFor={fields.terms.id} className="block text-sm font-medium text-slate-700">
        {t("search.synonyms.terms")}
      </label>
      <textarea
        {...getTextareaProps(fields.terms)}
        rows={2}
        aria-describedby={`${fields.terms.id}-hint${fields.terms.errors ? ` ${fields.terms.errorId}` : ""}`}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500"
      />
      <p id={`${fields.terms.id}-hint`} className="text-xs text-slate-500">
        {t("search.synonyms.termsHint")}
      </p>
      {fields.terms.errors ? (
        <p id={fields.terms.errorId} className="text-sm text-red-600">
          {fields.terms.errors.map((e) => translateKnown(t, e)).join(" ")}
        </p>
      ) : null}
      <div className="flex gap-3">
        <button type="submit" disabled={busy} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {busy ? t("search.synonyms.saving") : group ? t("search.synonyms.save") : t("search.synonyms.add")}
        </button>
        {onCancelHref ? (
          <Link to={onCancelHref} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
            {t("search.synonyms.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export default function SynonymsPage() {
  const { groups, editing, deleting, notice } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const deletingBusy = navigation.state === "submitting" && navigation.formData?.get("intent") === "delete";
  const noticeText = { added: t("search.synonyms.addedNotice"), saved: t("search.synonyms.savedNotice"), deleted: t("search.synonyms.deletedNotice") };

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("search.synonyms.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("search.synonyms.intro")}</p>
      </div>

      {notice ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {noticeText[notice]}
        </p>
      ) : null}

      <section aria-labelledby="add-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="add-heading" className="mb-3 text-base font-semibold">
          {t("search.synonyms.add")}
        </h2>
        <GroupForm />
      </section>

      {deleting ? (
        <section role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-body" className="rounded-lg border border-red-300 bg-red-50 p-4">
          <h2 id="delete-title" className="font-semibold text-red-900">
            {t("search.synonyms.confirmTitle", { terms: deleting.terms.join("、") })}
          </h2>
          <p id="delete-body" className="mt-1 text-sm text-red-800">
            {t("search.synonyms.confirmBody")}
          </p>
          <div className="mt-3 flex gap-3">
            <Form method="post" action="/admin/synonyms">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="groupId" value={deleting.id} />
              <button type="submit" autoFocus disabled={deletingBusy} className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
                {deletingBusy ? t("search.synonyms.deleting") : t("search.synonyms.confirm")}
              </button>
            </Form>
            <Link to="/admin/synonyms" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100">
              {t("search.synonyms.cancel")}
            </Link>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading" className="text-base font-semibold">
          {t("search.synonyms.list")}
        </h2>
        {groups.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("search.synonyms.empty")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {groups.map((group) => (
              <li key={group.id} className="p-4">
                {editing === group.id ? (
                  <GroupForm group={group} onCancelHref="/admin/synonyms" />
                ) : (
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div>
                      <p className="flex flex-wrap gap-2">
                        {group.terms.map((term) => (
                          <span key={term} className="rounded bg-slate-100 px-2 py-0.5 text-sm">
                            {term}
                          </span>
                        ))}
                      </p>
                      <p className="mt-1 text-xs text-slate-500">{formatDateTime(group.updatedAt, i18n.language)}</p>
                    </div>
                    <div className="flex gap-3 text-sm">
                      <Link to={`/admin/synonyms?edit=${group.id}`} aria-label={t("search.synonyms.editLabel", { terms: group.terms.join("、") })} className="text-brand-700 hover:underline">
                        {t("search.synonyms.edit")}
                      </Link>
                      <Link to={`/admin/synonyms?delete=${group.id}`} aria-label={t("search.synonyms.deleteLabel", { terms: group.terms.join("、") })} className="text-red-700 hover:underline">
                        {t("search.synonyms.delete")}
                      </Link>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
