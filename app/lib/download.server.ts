export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * `attachment` with the file's own name in RFC 5987 form (filename*=UTF-8''…, every byte outside
 * RFC 5987's attr-char percent-encoded, so quotes, ";", "=" and line breaks travel safely) and an
 * ASCII fallback for old clients, reduced to characters a quoted string carries without escapes.
 */
export function attachmentDisposition(fileName: string, fallbackName: string): string {
  const fallback = fallbackName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file download with a Chinese name (RFC 5987 filename*), an ASCII fallback for old clients. */
export function fileResponse(body: Buffer | Uint8Array, options: { type: string; fileName: string; fallbackName: string }): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": options.type,
      "Content-Disposition": attachmentDisposition(options.fileName, options.fallbackName),
      "Cache-Control": "private, no-store",
    },
  });
}
