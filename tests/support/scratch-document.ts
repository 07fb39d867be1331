import crypto from "node:crypto";
import { inject } from "vitest";
import { afterwards, idOf, query, signIn, undoChangesTo, userId } from "./e2e-database.ts";

export const XINQING = "“心晴”心理健康教育辅导员工作室";

/**
 * A document of the test's own, so that typing into it changes nothing another test reads:
 * imported from Markdown through the app by `as` (a member of `studio`), and deleted through the
 * app after the test — which also makes the collaboration worker drop it, saving nothing more —
 * together with the audit records of both. Its title is `title` with a short random suffix.
 */
export async function scratchDocument(
  title: string,
  paragraphs: string[],
  { as = "leader", studio = XINQING }: { as?: string; studio?: string } = {},
): Promise<{ id: string; title: string }> {
  const baseUrl = inject("baseUrl");
  const cookie = await signIn(as);
  const studioId = await idOf("Studio", { name: studio });
  const unique = `${title}（${crypto.randomBytes(3).toString("hex")}）`;
  await undoChangesTo("AuditLog", { actorId: await userId(as), action: ["document.create", "document.delete"] });

  const form = new FormData();
  form.append("intent", "import");
  form.append("type", "RESEARCH_NOTE");
  // Titled by the file's name: a heading in the body would repeat the page's own heading.
  form.append("files", new Blob([`${paragraphs.join("\n\n")}\n`], { type: "text/markdown" }), `${unique}.md`);
  const response = await fetch(`${baseUrl}/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: cookie }, body: form });
  if (response.status !== 200) throw new Error(`importing the scratch document failed: ${response.status}`);
  const id = await idOf("Document", { title: unique });

  afterwards(`delete the scratch document “${unique}”`, async () => {
    const deleted = await fetch(`${baseUrl}/documents/${id}`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ intent: "delete", confirmed: "yes" }),
      redirect: "manual",
    });
    const left = await query(`SELECT 1 FROM "Document" WHERE "id" = $1`, [id]);
    if (left.length) throw new Error(`the app did not delete it (${deleted.status})`);
  });
  return { id, title: unique };
}
