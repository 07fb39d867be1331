import type { TFunction } from "i18next";

/** How a budget's organiser is named on the budgets page and in its notices. */
export function budgetOwnerName(t: TFunction, owner: { kind: "school" | "college" | "group"; name: string | null }): string {
  if (owner.kind === "school") return t("training.admin.budgets.school");
  return owner.kind === "group" ? t("training.admin.budgets.group", { name: owner.name }) : (owner.name ?? "");
}
