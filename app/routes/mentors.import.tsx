import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import type { Duty, MentorKind } from "~/generated/prisma/enums.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { readUploadForm, UploadTooLargeError } from "~/lib/uploads.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { isUserError } from "~/lib/user-error.ts";
import { explainText } from "~/mentors/explain-text.ts";
import { checkRows, importMentors, MAX_FILE_MB, rawRowsSchema, readWorkbook, type RawRow } from "~/mentors/import.server.ts";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { inputClass as fieldClass } from "~/components/kit/fields.tsx";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "导入导师 · 导师库 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  return null;
}

type Reply =
  | { stage: "error"; error: string }
  | {
      stage: "report";
      ok: boolean;
      raw: string;
      rows: Array<{ row: number; action: "create" | "update"; kind: MentorKind; username: string; name: string; organisation: string; duties: Duty[]; capacity: number }>;
      errors: Array<{ row: number; problems: string[] }>;
      created: number;
      updated: number;
    }
  | { stage: "done"; created: number; updated: number; passwords: Array<{ username: string; name: string; password: string }> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:curate", null);
  const t = await getFixedT(request);
  const fail = (error: string, status = 400) => data<Reply>({ stage: "error", error }, { status });

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await readUploadForm(request, { maxFileBytes: MAX_FILE_MB * 1024 * 1024 });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return fail(t("mentors.import.fileTooLarge", { max: MAX_FILE_MB }), 413);
      return fail(t("kit.uploadUnreadable"));
    }
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) return fail(t("mentors.import.fileMissing"));
    const read = await readWorkbook(await file.arrayBuffer());
    if (!read.ok) return fail(explainText(t, read.error));
    return report(t, read.rows);
  }

  const form = await request.formData();
  let rows: RawRow[];
  try {
    rows = rawRowsSchema.parse(JSON.parse(String(form.get("rows") ?? "")));
  } catch {
    return fail(t("mentors.errors.badRequest"));
  }
  try {
    const outcome = await importMentors(user.id, rows);
    return data<Reply>({ stage: "done", ...outcome });
  } catch (error) {
    if (isUserError(error)) return fail(translateKey(t, error.key, error.params), error.status);
    throw error;
  }
}

async function report(t: Awaited<ReturnType<typeof getFixedT>>, raw: RawRow[]) {
  const check = await checkRows(raw);
  return data<Reply>({
    stage: "report",
    ok: check.ok,
    raw: JSON.stringify(raw),
    rows: check.rows.map((r) => ({ row: r.row, action: r.action, kind: r.kind, username: r.username, name: r.name, organisation: r.organisation, duties: r.duties, capacity: r.capacity })),
    errors: check.ok ? [] : check.errors.map((e) => ({ row: e.row, problems: e.problems.map((p) => explainText(t, p)) })),
    created: check.rows.filter((r) => r.action === "create").length,
    updated: check.rows.filter((r) => r.action === "update").length,
  });
}

export default function ImportMentors() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const confirming = navigation.state === "submitting" && navigation.formData?.has("rows");
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.profile.backToPool")}
      </Link>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("mentors.import.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("mentors.import.intro")}</p>
        <a href="/mentors/import/template.xlsx" download className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
          {t("mentors.import.template")}
        </a>
      </div>

      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div>
          <label htmlFor="mentor-file" className="block text-sm font-medium text-slate-700">
            {t("mentors.import.file")}
          </label>
          <input id="mentor-file" name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={`${fieldClass} w-80`} />
        </div>
        <button type="submit" disabled={uploading} className={buttonClass("primary")}>
          {uploading ? t("mentors.import.uploading") : t("mentors.import.upload")}
        </button>
      </Form>

      {result?.stage === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-800">
          {result.error}
        </p>
      ) : null}

      {result?.stage === "report" ? (
        <section aria-labelledby="import-report" className="space-y-4">
          <h2 id="import-report" className="text-lg font-semibold">
            {t("mentors.import.report")}
          </h2>
          {result.ok ? (
            <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
              {t("mentors.import.rowsOk", { count: result.rows.length, created: result.created, updated: result.updated })}
            </p>
          ) : (
            <div role="alert" className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-800">
              {t("mentors.import.rowsBad", { count: result.errors.length })}
            </div>
          )}
          {result.errors.length ? (
            <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
              <caption className="sr-only">{t("mentors.import.errorsCaption")}</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="w-24 px-4 py-2 font-medium">{t("mentors.import.rowColumn")}</th>
                  <th scope="col" className="px-4 py-2 font-medium">{t("mentors.import.problem")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.errors.map((e) => (
                  <tr key={e.row}>
                    <th scope="row" className="px-4 py-2 font-normal">{t("mentors.import.row", { row: e.row })}</th>
                    <td className="px-4 py-2 text-red-700">
                      <ul className="list-disc space-y-0.5 pl-4">
                        {e.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.ok ? (
            <>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("mentors.import.previewCaption")}</caption>
                  <thead className="bg-slate-50 text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.rowColumn")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.columns.kind")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.columns.username")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.columns.name")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.columns.organisation")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.pool.expertise")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("mentors.import.columns.capacity")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {result.rows.map((r) => (
                      <tr key={r.row}>
                        <td className="px-3 py-2 text-slate-500">
                          {r.row} · {r.action === "create" ? t("mentors.import.actionCreate") : t("mentors.import.actionUpdate")}
                        </td>
                        <td className="px-3 py-2">{t(`mentorKind.${r.kind}`)}</td>
                        <td className="px-3 py-2">{r.username}</td>
                        <td className="px-3 py-2">{r.name}</td>
                        <td className="px-3 py-2">{r.organisation}</td>
                        <td className="px-3 py-2 text-xs">{r.duties.map((d) => t(`duty.${d}`)).join("、")}</td>
                        <td className="px-3 py-2">{r.capacity}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Form method="post">
                <input type="hidden" name="rows" value={result.raw} />
                <button type="submit" disabled={confirming} className={buttonClass("primary")}>
                  {confirming ? t("mentors.import.confirming") : t("mentors.import.confirm", { count: result.rows.length })}
                </button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}

      {result?.stage === "done" ? (
        <section className="space-y-3">
          <p role="status" className="rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
            {t("mentors.import.done", { created: result.created, updated: result.updated })}
          </p>
          {result.passwords.length ? (
            <div className="rounded-lg border border-amber-200 bg-amber-50 p-4">
              <h2 className="text-sm font-semibold text-amber-900">{t("mentors.import.passwordsTitle")}</h2>
              <p className="text-xs text-amber-800">{t("mentors.import.passwordsHint")}</p>
              <table className="mt-2 text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col" className="pr-6 font-medium">{t("mentors.import.columns.username")}</th>
                    <th scope="col" className="pr-6 font-medium">{t("mentors.import.columns.name")}</th>
                    <th scope="col" className="font-medium">{t("login.password")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.passwords.map((p) => (
                    <tr key={p.username}>
                      <td className="pr-6">{p.username}</td>
                      <td className="pr-6">{p.name}</td>
                      <td className="font-mono">{p.password}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
            {t("mentors.profile.backToPool")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
