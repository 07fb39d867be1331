export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A file download with a Chinese name (RFC 5987 filename*), an ASCII fallback for old clients. */
export function fileResponse(body: Buffer | Uint8Array, options: { type: string; fileName: string; fallbackName: string }): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": options.type,
      "Content-Disposition": `attachment; filename="${options.fallbackName}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
