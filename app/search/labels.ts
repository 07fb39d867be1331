import type { TFunction } from "i18next";
import { DocumentStatus, Duty } from "~/generated/prisma/enums.ts";
import { isOneOf } from "~/lib/one-of.ts";
import { DOCUMENT_TYPES, RECORD_TYPES } from "./index-settings.ts";

/**
 * Codes the index hands back (facet values, a hit's type and status) as words. Document types,
 * statuses and duties are the shared enum labels (app/i18n/enum-labels.ts); studios, people and
 * outputs have their own type names (search.type). A value the index should not hold is shown as is.
 */
export function recordTypeLabel(t: TFunction, type: string): string {
  if (!isOneOf(RECORD_TYPES, type)) return type;
  return isOneOf(DOCUMENT_TYPES, type) ? t(`documentType.${type}`) : t(`search.type.${type}`);
}

export function documentStatusLabel(t: TFunction, status: string): string {
  return isOneOf(Object.values(DocumentStatus), status) ? t(`documentStatus.${status}`) : status;
}

export function dutyLabel(t: TFunction, duty: string): string {
  return isOneOf(Object.values(Duty), duty) ? t(`duty.${duty}`) : duty;
}
