import { useTranslation } from "react-i18next";
import type { DiffLine } from "../diff.ts";

/** Added blocks green, removed red and struck through, changed blocks with their words marked. */
export function DiffView({ lines, onlyChanges }: { lines: DiffLine[]; onlyChanges: boolean }) {
  const { t } = useTranslation();
  const shown = onlyChanges ? lines.filter((line) => line.type !== "same") : lines;
  if (!lines.some((line) => line.type !== "same")) return <p className="rounded-md bg-slate-100 p-4 text-slate-700">{t("documents.versions.noChanges")}</p>;
  return (
    <ol className="document-body space-y-1 rounded-lg border border-slate-200 bg-white p-6">
      {shown.map((line, index) => {
        const tone =
          line.type === "added" ? "bg-emerald-50 border-emerald-400" : line.type === "removed" ? "bg-red-50 border-red-400" : line.type === "changed" ? "bg-amber-50 border-amber-400" : "border-transparent";
        const Tag = line.block.kind === "heading" ? (`h${Math.min(4, line.block.level ?? 2)}` as "h2") : "p";
        const marker = line.type === "same" ? null : t(`documents.versions.${line.type}`);
        return (
          <li key={index} className={`list-none border-l-4 pl-3 ${tone}`}>
            {marker ? <span className="sr-only">{t("documents.versions.marker", { kind: marker })}</span> : null}
            <Tag className={`${line.type === "removed" ? "text-red-800 line-through" : ""} ${line.block.kind === "listItem" || line.block.kind === "taskItem" ? "before:mr-2 before:content-['•']" : ""}`}>
              {line.type === "changed"
                ? line.parts.map((part, i) =>
                    part.type === "added" ? (
                      <ins key={i} className="bg-emerald-200 no-underline">
                        {part.text}
                      </ins>
                    ) : part.type === "removed" ? (
                      <del key={i} className="bg-red-200 text-red-900">
                        {part.text}
                      </del>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )
                : line.block.kind === "image"
                  ? t("documents.versions.image", { alt: line.block.text })
                  : line.block.text}
            </Tag>
          </li>
        );
      })}
    </ol>
  );
}
