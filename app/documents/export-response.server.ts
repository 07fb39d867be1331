import type { TFunction } from "i18next";
import { prisma } from "~/db/client.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { attachmentDisposition } from "~/lib/download.server.ts";
import { formatDate } from "~/lib/format.ts";
import { EXPORT_FORMATS, exportDocx, exportFileName, exportHtml, exportMarkdown, exportPdf, ExportUnavailableError, type ExportFormat } from "./export.server.ts";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** The download response for one format, with a Chinese file name that survives every browser. */
export async function exportDocument(documentId: string, format: string, t: TFunction, locale: string): Promise<Response> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return new Response(t("documents.errors.formatUnknown"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const kind = format as ExportFormat;
  const document = await prisma.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { title: true, type: true, status: true, studio: { select: { name: true } } },
  });
  const labels = {
    subtitle: t("documents.export.subtitle", {
      studio: document.studio?.name ?? "",
      type: t(`documentType.${document.type}`),
      status: t(`documentStatus.${document.status}`),
      date: formatDate(new Date(), locale),
    }),
  };
  let body: string | Buffer;
  try {
    body =
      kind === "docx" ? await exportDocx(documentId, labels) : kind === "pdf" ? await exportPdf(documentId, labels) : kind === "md" ? await exportMarkdown(documentId) : await exportHtml(documentId, labels);
  } catch (error) {
    if (error instanceof ExportUnavailableError) {
      return new Response(translateKey(t, error.key, error.params), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
  const name = exportFileName(document.title, kind);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": CONTENT_TYPES[kind],
      "Content-Disposition": attachmentDisposition(name, `document.${kind}`),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
