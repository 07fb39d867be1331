/**
 * Any origin serves as the base: a path that keeps this origin keeps the app's own wherever the
 * app runs, and one that leaves it (`//evil.example`, `/\evil.example`, `/\t/evil.example`) leaves
 * every origin.
 */
const BASE = new URL("http://app.invalid/");

/**
 * Only same-origin paths, as the browser will read them: the target is parsed with the URL
 * standard (which drops tabs and newlines and reads `\` as `/`, as browsers do) and must keep the
 * origin. Control characters are refused outright (a CR or LF in a Location header is a 500), and
 * the answer is the parsed form, percent-encoded, so any header can carry it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" parses to the path "//evil.example", which read again is another host.
  return path.startsWith("//") ? fallback : path;
}
