/**
 * Every file upload (multipart/form-data) of the app is read here, once.
 *
 * Remix's unstable_parseMultipartFormData splits Content-Disposition at every ";" and "=", even
 * inside the quoted file name, so a file called "a=b.png" or "会议;纪要.docx" broke the whole
 * request (a 500, or a false "too large"). Node's own parser (Response.formData(), the multipart
 * algorithm of the fetch standard) reads names exactly as browsers write them, including the
 * %22 / %0D / %0A escapes browsers use for quotes and line breaks. The body is counted while it
 * streams in: a request beyond its budget stops being read at once.
 */

/** The upload is larger than the route allows (each file, or the request as a whole). */
export class UploadTooLargeError extends Error {
  constructor() {
    super("upload too large");
  }
}

/** Not a multipart form a browser would send (truncated, no boundary, garbled headers). */
export class UploadUnreadableError extends Error {
  constructor() {
    super("upload unreadable");
  }
}

/** Room for the form's other fields and the part headers, besides the files themselves. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export async function readUploadForm(request: Request, limits: { maxFileBytes: number; maxFiles?: number }): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) throw new UploadUnreadableError();
  const budget = limits.maxFileBytes * (limits.maxFiles ?? 1) + FORM_OVERHEAD_BYTES;
  if (Number(request.headers.get("Content-Length") ?? 0) > budget) throw new UploadTooLargeError();

  let received = 0;
  let overBudget = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > budget) {
          overBudget = true;
          controller.error(new UploadTooLargeError());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  let parsed: FormData;
  try {
    parsed = await new Response(counted, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    if (overBudget) throw new UploadTooLargeError();
    throw new UploadUnreadableError();
  }

  const form = new FormData();
  for (const [name, value] of parsed) {
    if (typeof value === "string") {
      form.append(name, value);
      continue;
    }
    if (value.size > limits.maxFileBytes) throw new UploadTooLargeError();
    // A folder upload may send "folder/file.md": the file's own name is the part after the last
    // slash (RFC 7578 §4.2). Anything else in the name is the person's and stays as given.
    const fileName = value.name.slice(value.name.lastIndexOf("/") + 1);
    form.append(name, fileName === value.name ? value : new File([value], fileName, { type: value.type }));
  }
  return form;
}

/**
 * A file name as stored: the person's own, whole. Only a name longer than any file system allows
 * (255 characters) is shortened, in whole characters, keeping its extension.
 */
export function storedFileName(name: string, fallback = "file"): string {
  const chars = Array.from(name);
  if (chars.length === 0) return fallback;
  if (chars.length <= 255) return chars.join("");
  const dot = chars.lastIndexOf(".");
  const extension = dot > 0 && chars.length - dot <= 16 ? chars.slice(dot) : [];
  return [...chars.slice(0, 255 - extension.length), ...extension].join("");
}
