import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { StudioDirectionMentors } from "./studio-mentors.server.ts";

/**
 * "Mentors" on a studio page: each direction with its internal and external mentors (accepted,
 * and invited ones marked as awaiting an answer). Load with getStudioMentors(studioId).
 * Pass `preferencesHref` (/studios/:studioId/mentor-preferences) when
 * can(user, "matching:state-preferences", studio) so the leader and 学工部 find that page.
 */
export function StudioMentors({ directions, headingLevel = 2, preferencesHref }: { directions: StudioDirectionMentors[]; headingLevel?: 2 | 3; preferencesHref?: string }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section aria-labelledby="studio-mentors-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id="studio-mentors-title" className="text-base font-semibold text-slate-900">
          {t("mentors.studioMentors.title")}
        </Heading>
        {preferencesHref ? (
          <Link to={preferencesHref} className="text-sm text-brand-700 hover:underline">
            {t("mentors.studioMentors.preferences")}
          </Link>
        ) : null}
      </div>
      {directions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("mentors.studioMentors.empty")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {directions.map((d) => (
            <li key={d.directionId} className="py-3">
              <Sub className="text-sm font-medium text-slate-900">{d.name}</Sub>
              <dl className="mt-1 grid gap-1 text-sm sm:grid-cols-2">
                {(["INTERNAL", "EXTERNAL"] as const).map((kind) => (
                  <div key={kind}>
                    <dt className="text-xs text-slate-500">
                      {t(kind === "INTERNAL" ? "mentors.studioMentors.internal" : "mentors.studioMentors.external")}（{t("mentors.studioMentors.target", { count: d.targets[kind] })}）
                    </dt>
                    <dd>
                      {d.mentors[kind].length === 0 ? (
                        <span className="text-slate-500">{t("mentors.studioMentors.none")}</span>
                      ) : (
                        <ul className="flex flex-wrap gap-x-3 gap-y-1">
                          {d.mentors[kind].map((m) => (
                            <li key={m.mentorId}>
                              <Link to={`/mentors/${m.mentorId}`} className="text-brand-700 hover:underline">
                                {m.name}
                              </Link>
                              {m.organisation ? <span className="text-xs text-slate-500"> · {m.organisation}</span> : null}
                              {m.status === "INVITED" ? <span className="ml-1 text-xs text-amber-700">（{t("mentors.studioMentors.invited")}）</span> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
