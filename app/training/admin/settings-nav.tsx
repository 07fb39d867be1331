import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { PageHeader } from "~/components/kit/feedback.tsx";

/**
 * The head of every training settings page: its title and the small menu of the sections (the
 * landing page's own sections are anchors on it).
 */
export function SettingsHeader({ title, subtitle }: { title: string; subtitle: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const links = [
    { to: "/training/settings#plans", label: t("training.admin.plans.heading") },
    { to: "/training/settings#rules", label: t("training.admin.rules.heading") },
    { to: "/training/settings#platforms", label: t("training.admin.platforms.heading") },
    { to: "/training/settings/colleges", label: t("training.admin.colleges.title") },
    { to: "/training/settings/budgets", label: t("training.admin.budgets.title") },
  ];
  return (
    <div className="space-y-3">
      <PageHeader title={title} subtitle={subtitle} />
      <nav aria-label={t("training.admin.sections")}>
        <ul className="flex flex-wrap gap-2">
          {links.map((link) => (
            <li key={link.to}>
              <Link to={link.to} aria-current={link.to === pathname ? "page" : undefined} className={buttonClass(link.to === pathname ? "primary" : "secondary", "sm")}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
