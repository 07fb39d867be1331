import { useTranslation } from "react-i18next";
import type { FitReason } from "./fit.ts";

/** The reasons a studio is suggested, as short sentences. */
export function FitReasons({ reasons }: { reasons: FitReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
      {reasons.map((reason, index) => (
        <li key={index}>
          {reason.kind === "duty"
            ? t("studios.fit.duty", { duty: t(`duty.${reason.duty}`) })
            : reason.kind === "tags"
              ? t("studios.fit.tags", { direction: reason.direction, tags: reason.tags.join("、") })
              : reason.direction
                ? t("studios.fit.interestsDirection", { direction: reason.direction, terms: reason.terms.join("、") })
                : t("studios.fit.interestsStudio", { terms: reason.terms.join("、") })}
        </li>
      ))}
    </ul>
  );
}
