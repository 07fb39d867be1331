import { useTranslation } from "react-i18next";
import type { DocumentStatus } from "~/generated/prisma/enums.ts";

const TONES: Record<DocumentStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700",
  IN_REVIEW: "bg-amber-50 text-amber-800",
  CHANGES_REQUESTED: "bg-red-50 text-red-700",
  APPROVED: "bg-emerald-50 text-emerald-700",
  PUBLISHED: "bg-brand-50 text-brand-700",
};

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return (
    <span data-testid="document-status" className={`inline-flex items-center whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>
      {t(`documentStatus.${status}`)}
    </span>
  );
}
