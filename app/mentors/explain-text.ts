import type { Explained } from "./matching/types.ts";

/** Any i18next `t` (server or client); keys are built at run time here. */
type Translate = (key: any, options?: any) => string;

/** Parameters that are codes (kind, duty, weight) are shown as words in the reader's language. */
export function explainText(t: Translate, explained: Explained): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(explained.params)) {
    if ((name === "kind" || name === "existing") && (value === "INTERNAL" || value === "EXTERNAL")) params[name] = t(`mentorKindModifier.${value}`);
    else if (name === "duty" && typeof value === "string") params[name] = t(`duty.${value}`);
    else if (name === "weight" && typeof value === "string") params[name] = t(`mentors.settings.${value}`);
    else params[name] = value;
  }
  return t(`mentors.${explained.key}`, params);
}
