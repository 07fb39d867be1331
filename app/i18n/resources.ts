import { accountMessages } from "~/auth/messages.ts";
import { kitMessages } from "~/components/kit/messages.ts";
import { dashboardMessages } from "~/dashboard/messages.ts";
import { documentMessages } from "~/documents/messages.ts";
import { mentorMessages } from "~/mentors/messages.ts";
import { notificationMessages } from "~/notifications/messages.ts";
import { peopleMessages } from "~/people/messages.ts";
import { searchMessages } from "~/search/messages.ts";
import { settingsMessages } from "~/settings/messages.ts";
import { studioMessages } from "~/studios/messages.ts";
import type { Widen } from "./define-messages.ts";
import { en } from "./locales/en.ts";
import { zhCN } from "./locales/zh-CN.ts";

/**
 * All interface text. Shared strings live in ./locales; each feature keeps its own in
 * app/<feature>/messages.ts (defineMessages) and is registered here under its own key, so
 * t("notifications.title") reads app/notifications/messages.ts.
 */
const zh = {
  ...zhCN,
  notifications: notificationMessages.zh,
  mentors: mentorMessages.zh,
  search: searchMessages.zh,
  documents: documentMessages.zh,
  kit: kitMessages.zh,
  people: peopleMessages.zh,
  studios: studioMessages.zh,
  dashboard: dashboardMessages.zh,
  settings: settingsMessages.zh,
  account: accountMessages.zh,
};

const english: Widen<typeof zh> = {
  ...en,
  notifications: notificationMessages.en,
  mentors: mentorMessages.en,
  search: searchMessages.en,
  documents: documentMessages.en,
  kit: kitMessages.en,
  people: peopleMessages.en,
  studios: studioMessages.en,
  dashboard: dashboardMessages.en,
  settings: settingsMessages.en,
  account: accountMessages.en,
};

export type Messages = Widen<typeof zhCN>;
export type AllMessages = typeof zh;

export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

export const resources = {
  "zh-CN": { translation: zh },
  en: { translation: english },
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
