import { useTranslation } from "react-i18next";
import type { ActionReply } from "~/lib/action-reply.ts";
import { editConflictOf, type ShownPart, type ShownValue } from "~/lib/version.ts";
import { Notice } from "./feedback.tsx";

/**
 * "已被他人修改" (decision 095): the save was made against an older version of the record, so
 * nothing was written; each field that differs is listed with what is stored now (当前值) and what
 * the person typed (你的修改), which stays in the form. ActionFeedback shows it for any such reply.
 */
export function ConflictNotice({ message, details }: { message: string; details: unknown }) {
  const { t } = useTranslation();
  const conflict = editConflictOf(details);
  const part = (value: ShownPart) => (typeof value === "string" ? value : t(value.key));
  const shown = (value: ShownValue) => (Array.isArray(value) ? value.map(part).join("、") : part(value)) || t("kit.conflictEmpty");
  return (
    <Notice tone="error">
      <p>{message}</p>
      {conflict?.fields.length ? (
        <table className="mt-2 w-full table-fixed border-collapse text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="w-1/5 border-b border-red-200 py-1 pr-2 font-medium">{t("kit.conflictField")}</th>
              <th scope="col" className="border-b border-red-200 py-1 pr-2 font-medium">{t("kit.conflictTheirs")}</th>
              <th scope="col" className="border-b border-red-200 py-1 font-medium">{t("kit.conflictYours")}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((field) => (
              <tr key={field.label} className="align-top">
                <th scope="row" className="py-1 pr-2 font-medium">{t(field.label)}</th>
                <td className="whitespace-pre-wrap break-words py-1 pr-2">{shown(field.theirs)}</td>
                <td className="whitespace-pre-wrap break-words py-1">{shown(field.yours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Notice>
  );
}

/**
 * The hidden field that carries the version a form edits (its record's `updatedAt`). After a
 * "已被他人修改" reply it carries the version stored now, so saving again — having seen both —
 * keeps the person's values; otherwise the loader's.
 */
export function VersionField({ version, reply }: { version: string; reply?: Pick<ActionReply, "details"> | null }) {
  const current = editConflictOf(reply?.details)?.version ?? version;
  return <input type="hidden" name="version" value={current} />;
}
