import { useTranslation } from "react-i18next";
import { ContentMessage } from "~/components/kit/content-lang.tsx";
import type { FitReason } from "./fit.ts";

/** The reasons a studio is suggested, as short sentences. */
export function FitReasons({ reasons }: { reasons: FitReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
      {reasons.map((reason, index) => (
        <li key={index}>
          {/* Directions, tags and interests are people's text (Chinese in an English sentence). */}
          {reason.kind === "duty" ? (
            t("studios.fit.duty", { duty: t(`duty.${reason.duty}`) })
          ) : reason.kind === "tags" ? (
            <ContentMessage values={{ direction: reason.direction, tags: reason.tags.join("、") }} render={(values) => t("studios.fit.tags", values)} />
          ) : reason.direction ? (
            <ContentMessage values={{ direction: reason.direction, terms: reason.terms.join("、") }} render={(values) => t("studios.fit.interestsDirection", values)} />
          ) : (
            <ContentMessage values={{ terms: reason.terms.join("、") }} render={(values) => t("studios.fit.interestsStudio", values)} />
          )}
        </li>
      ))}
    </ul>
  );
}
