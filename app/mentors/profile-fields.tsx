import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ChoiceField, SelectField, TextAreaField, TextField } from "~/components/kit/fields.tsx";
import { Duty, MentorRank } from "~/generated/prisma/enums.ts";
import { MAX_CAPACITY } from "./schemas.ts";

const DUTIES = Object.values(Duty);
const RANKS = Object.values(MentorRank);

// Conform's field metadata; the exact schema types differ between the create and edit forms.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;
export interface ProfileFieldSet {
  organisation: Field;
  title: Field;
  rank: Field;
  contact: Field;
  bio: Field;
  primaryDuty: Field;
  otherDuties: Field;
  keywords: Field;
  capacity: Field;
  available: Field;
}

/** The fields of a mentor profile (expertise, capacity, availability…), for the create and edit forms. */
export function ProfileFields({ fields }: { fields: ProfileFieldSet }) {
  const { t } = useTranslation();
  const duties = DUTIES.map((duty) => ({ value: duty, label: t(`duty.${duty}`) }));
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.organisation} label={t("mentors.profile.organisation")} />
        <TextField field={fields.title} label={t("mentors.profile.titleLabel")} />
        <SelectField field={fields.rank} label={t("mentors.profile.rank")} hint={t("mentors.profile.rankHint")} options={RANKS.map((rank) => ({ value: rank, label: t(`mentorRank.${rank}`) }))} />
        <TextField field={fields.contact} label={t("mentors.profile.contact")} />
      </div>
      <SelectField field={fields.primaryDuty} label={t("mentors.profile.primaryDuty")} options={duties} />
      <ChoiceField field={fields.otherDuties} legend={t("mentors.profile.otherDuties")} options={duties} />
      <TextAreaField field={fields.keywords} label={t("mentors.profile.keywords")} hint={t("mentors.profile.keywordsHint")} rows={2} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.capacity} type="number" label={t("mentors.profile.capacity")} hint={t("mentors.profile.capacityHint")} min={1} max={MAX_CAPACITY} />
        <CheckboxField field={fields.available} label={t("mentors.profile.available")} className="sm:pt-7" />
      </div>
      <TextAreaField field={fields.bio} label={t("mentors.profile.bio")} rows={4} />
    </div>
  );
}
