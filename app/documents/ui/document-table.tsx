import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DocumentStatus, DocumentType } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from "../schemas.ts";
import { StatusBadge } from "./status-badge.tsx";

export interface DocumentRow {
  id: string;
  title: string;
  type: DocumentType;
  status: DocumentStatus;
  wordCount: number;
  updatedAt: string | Date;
  studio: { id: string; name: string };
  createdBy: { name: string };
}

/** Type and status filters: a plain GET form, so it works without JavaScript and can be bookmarked. */
export function DocumentFilters({ type, status }: { type: string; status: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2 text-sm" role="search">
      <label className="flex flex-col">
        <span className="text-slate-600">{t("documents.list.filterType")}</span>
        <select name="type" defaultValue={type} className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">{t("documents.list.allTypes")}</option>
          {DOCUMENT_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`documentType.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-slate-600">{t("documents.list.filterStatus")}</span>
        <select name="status" defaultValue={status} className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">{t("documents.list.allStatuses")}</option>
          {DOCUMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`documentStatus.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
        {t("documents.list.filter")}
      </button>
    </Form>
  );
}

export function DocumentTable({ rows, showStudio, filtered }: { rows: DocumentRow[]; showStudio: boolean; filtered: boolean }) {
  const { t, i18n } = useTranslation();
  if (!rows.length) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {filtered ? t("documents.list.emptyFiltered") : t("documents.list.empty")}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm [&_td:not(:first-child)]:whitespace-nowrap [&_th]:whitespace-nowrap">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnTitle")}</th>
            {showStudio ? <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnStudio")}</th> : null}
            <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnType")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnStatus")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("documents.list.columnWords")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnAuthor")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("documents.list.columnUpdated")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="px-4 py-2">
                <Link to={`/documents/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.title}
                </Link>
              </td>
              {showStudio ? <td className="px-4 py-2 text-slate-600">{row.studio.name}</td> : null}
              <td className="px-4 py-2 text-slate-600">{t(`documentType.${row.type}`)}</td>
              <td className="px-4 py-2">
                <StatusBadge status={row.status} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-600">{row.wordCount}</td>
              <td className="px-4 py-2 text-slate-600">{row.createdBy.name}</td>
              <td className="px-4 py-2 text-slate-600">{formatDateTime(row.updatedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
