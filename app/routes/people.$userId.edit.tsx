import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import { listColleges } from "~/people/directory.server.ts";
import { PersonEditPage } from "~/people/pages/person-edit.tsx";
import { loadPerson } from "~/people/profile.server.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";

export { action } from "~/people/person-edit.actions.server.ts";
export default PersonEditPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (t) => [data ? t("people.edit.title", { name: data.person.name }) : null, t("people.directory.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { person, resource, account } = await loadPerson(params.userId);
  authorize(user, "person:edit-profile", resource);
  const abilities = abilitiesOf(user, "person", account);
  const p = person.profile;
  return data({
    // The version the personal and record forms edit (decision 095).
    version: person.updatedAt.toISOString(),
    person: {
      id: person.id,
      name: person.name,
      phone: person.phone ?? "",
      email: person.email ?? "",
      roles: person.roles,
      active: person.active,
      collegeId: person.collegeId ?? "",
      education: p?.education ?? "",
      major: p?.major ?? "",
      researchInterests: p?.researchInterests ?? "",
      specialties: p?.specialties ?? [],
      specialtyTags: (p?.specialtyTags ?? []).join("、"),
      gender: p?.gender ?? "",
      birthDate: p?.birthDate ? isoDay(p.birthDate) : "",
      counselorSince: p?.counselorSince ? isoDay(p.counselorSince) : "",
      title: p?.title ?? "NONE",
      position: p?.position ?? "",
      fullTime: p?.fullTime === false ? "no" : "yes",
      groups: p?.groups ?? [],
      honours: (p?.honours ?? []).map((h) => ({ id: h.id, name: h.name, level: h.level, year: h.year })),
    },
    abilities,
    password: abilities["person:reset-password"] ? { mustChange: person.passwordMustChange, changedAt: person.passwordChangedAt } : null,
    colleges: abilities["person:manage-account"] ? (await listColleges()).map((c) => ({ id: c.id, name: c.name })) : [],
  });
}
