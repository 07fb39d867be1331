import type { TFunction } from "i18next";
import { Duty, TargetGroup } from "~/generated/prisma/enums.ts";
import { translateKey } from "~/i18n/keys.ts";
import { CAREER_STAGES, type CareerStage } from "~/people/career-stage.ts";
import type { Reason } from "./ranking.ts";

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);
const isStage = oneOf<CareerStage>(CAREER_STAGES);
const isGroup = oneOf<TargetGroup>(Object.values(TargetGroup));
const isDuty = oneOf<Duty>(Object.values(Duty));

/**
 * A stored reason in the reader's language. Its parameters keep codes (a stage, groups, duties) so
 * the reason reads right in either language; they are labelled here.
 */
export function reasonText(t: TFunction, reason: Reason): string {
  const codes = (value: string | number | undefined) => String(value ?? "").split(",");
  const separator = t("quotas.page.listSeparator");
  const params = { ...reason.params };
  if (params.stage !== undefined) params.stage = codes(params.stage).filter(isStage).map((stage) => t(`stage.${stage}`)).join(separator);
  if (params.groups !== undefined) params.groups = codes(params.groups).filter(isGroup).map((group) => t(`group.${group}`)).join(separator);
  if (params.duties !== undefined) params.duties = codes(params.duties).filter(isDuty).map((duty) => t(`duty.${duty}`)).join(separator);
  return translateKey(t, reason.key, params);
}
