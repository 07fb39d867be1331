import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DocumentStatus, DocumentType } from "~/generated/prisma/enums.ts";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable, type Column } from "~/components/kit/data-table.tsx";
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
  /** Null for a meeting's minutes (decision 059), which studio lists never show. */
  studio: { id: string; name: string } | null;
  createdBy: { name: string };
}

/** Type and status filters: a plain GET form, so it works without JavaScript and can be bookmarked. */
export function DocumentFilters({ type, status }: { type: string; status: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2 text-sm" role="search" aria-label={t("documents.list.filtersLabel")}>
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
  const columns: Array<Column<DocumentRow> | null> = [
    {
      key: "title",
      header: t("documents.list.columnTitle"),
      primary: true,
      cell: (row) => (
        <Link to={`/documents/${row.id}`} className="font-medium text-brand-700 hover:underline">
          <Content>{row.title}</Content>
        </Link>
      ),
    },
    showStudio ? { key: "studio", header: t("documents.list.columnStudio"), className: "text-slate-600", cell: (row) => <Content>{row.studio?.name ?? ""}</Content> } : null,
    { key: "type", header: t("documents.list.columnType"), className: "whitespace-nowrap text-slate-600", cell: (row) => t(`documentType.${row.type}`) },
    { key: "status", header: t("documents.list.columnStatus"), className: "whitespace-nowrap", cell: (row) => <StatusBadge status={row.status} /> },
    { key: "words", header: t("documents.list.columnWords"), numeric: true, hideOnPhone: true, className: "tabular-nums text-slate-600", cell: (row) => row.wordCount },
    { key: "author", header: t("documents.list.columnAuthor"), className: "whitespace-nowrap text-slate-600", cell: (row) => <Content>{row.createdBy.name}</Content> },
    { key: "updated", header: t("documents.list.columnUpdated"), className: "whitespace-nowrap text-slate-600", cell: (row) => formatDateTime(row.updatedAt, i18n.language) },
  ];
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 max-sm:border-0 max-sm:bg-transparent max-sm:p-0">
      <DataTable caption={t("documents.list.caption")} columns={columns.filter((column) => column !== null)} rows={rows} rowKey={(row) => row.id} />
    </div>
  );
}
