import { accountMessages } from "~/auth/messages.ts";
import { ssoMessages } from "~/auth/sso/messages.ts";
import { campBankMessages } from "~/camp/bank/messages.ts";
import { campJudgedMessages } from "~/camp/judged/messages.ts";
import { campMessages } from "~/camp/messages.ts";
import { campReleaseMessages } from "~/camp/release/messages.ts";
import { campScoringMessages } from "~/camp/scoring-messages.ts";
import { campSetupMessages } from "~/camp/setup/messages.ts";
import { campStudentsMessages } from "~/camp/students/messages.ts";
import { campTestMessages } from "~/camp/test/messages.ts";
import { kitMessages } from "~/components/kit/messages.ts";
import { dashboardMessages } from "~/dashboard/messages.ts";
import { documentMessages } from "~/documents/messages.ts";
import { meetingsMessages } from "~/meetings/messages.ts";
import { mentorMessages } from "~/mentors/messages.ts";
import { notificationMessages } from "~/notifications/messages.ts";
import { peopleMessages } from "~/people/messages.ts";
import { quotasMessages } from "~/quotas/messages.ts";
import { searchMessages } from "~/search/messages.ts";
import { settingsMessages } from "~/settings/messages.ts";
import { studioMessages } from "~/studios/messages.ts";
import { trainingMessages } from "~/training/messages.ts";
import { inLanguage, type InLanguage } from "./define-messages.ts";
import { enumLabels } from "./enum-labels.ts";
import { sharedMessages } from "./shared-messages.ts";

/**
 * All interface text, as `[zh, en]` pairs. Shared strings live in ./shared-messages.ts and the
 * labels of enums in ./enum-labels.ts (t("documentStatus.DRAFT")); each feature keeps its own in
 * app/<feature>/messages.ts (defineMessages) and is registered here under its own key, so
 * t("notifications.title") reads app/notifications/messages.ts. i18next gets one tree per
 * language, derived from the pairs.
 */
export const messages = {
  ...sharedMessages,
  ...enumLabels,
  notifications: notificationMessages,
  mentors: mentorMessages,
  search: searchMessages,
  documents: documentMessages,
  kit: kitMessages,
  people: peopleMessages,
  studios: studioMessages,
  dashboard: dashboardMessages,
  settings: settingsMessages,
  account: accountMessages,
  training: trainingMessages,
  meetings: meetingsMessages,
  camp: { ...campMessages, scoring: campScoringMessages, students: campStudentsMessages, judged: campJudgedMessages, setup: campSetupMessages, release: campReleaseMessages, bank: campBankMessages, test: campTestMessages },
  quotas: quotasMessages,
  sso: ssoMessages,
};

/** The Chinese tree: the source of keys, and of the placeholders i18next's types check. */
export type AllMessages = InLanguage<typeof messages, 0>;

export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

export const resources = {
  "zh-CN": { translation: inLanguage(messages, 0) },
  en: { translation: inLanguage(messages, 1) },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Shared i18next options for server and browser: resources are bundled, no loading step. */
export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "translation",
  resources,
  interpolation: { escapeValue: false },
};
