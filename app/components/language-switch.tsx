import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One button that switches between 简体中文 and English (a plain form, so it works without JS). */
export function LanguageSwitch({ redirectTo }: { redirectTo: string }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Form method="post" action="/language">
      <input type="hidden" name="lng" value={next} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100"
      >
        <span className="sr-only">{t("nav.language")}：</span>
        <span lang={next}>{t("nav.switchLanguage")}</span>
      </button>
    </Form>
  );
}
