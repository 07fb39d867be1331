import type { DocumentStatus, DocumentType } from "~/generated/prisma/enums.ts";
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from "./schemas.ts";

/** ?type=&status=&page= of a document list; unknown values are ignored. */
export function parseListFilters(url: URL): { page: number; type?: DocumentType; status?: DocumentStatus } {
  const type = url.searchParams.get("type");
  const status = url.searchParams.get("status");
  return {
    page: Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1)),
    ...((DOCUMENT_TYPES as readonly string[]).includes(type ?? "") ? { type: type as DocumentType } : {}),
    ...((DOCUMENT_STATUSES as readonly string[]).includes(status ?? "") ? { status: status as DocumentStatus } : {}),
  };
}
