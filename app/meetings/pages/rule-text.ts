import { useTranslation } from "react-i18next";

/** ISO weekdays 1–7 as the keys of their names (meetings.pages.weekdays.*). */
export const WEEKDAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const weekdayCode = (weekday: number) => WEEKDAY_CODES[Math.min(7, Math.max(1, weekday)) - 1]!;

/** A series' monthly rule in words: "每月第2个星期三 14:30，120 分钟". */
export function useRuleText() {
  const { t } = useTranslation();
  return (rule: { weekOfMonth: number; weekday: number; startTime: string; durationMinutes: number }) =>
    t("meetings.pages.rule.text", {
      week: rule.weekOfMonth === -1 ? t("meetings.pages.rule.last") : t("meetings.pages.rule.nth", { n: rule.weekOfMonth }),
      weekday: t(`meetings.pages.weekdays.${weekdayCode(rule.weekday)}`),
      time: rule.startTime,
      minutes: rule.durationMinutes,
    });
}
