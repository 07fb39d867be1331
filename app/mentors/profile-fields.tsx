import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Duty, MentorRank } from "~/generated/prisma/enums.ts";
import { isOneOf } from "~/lib/one-of.ts";
import { MAX_CAPACITY } from "./schemas.ts";
import { fieldClass } from "./ui.tsx";

const DUTIES = Object.values(Duty);
const RANKS = Object.values(MentorRank);

// Conform's field metadata; the exact schema types differ between the create and edit forms.
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

export function FieldError({ field }: { field: Field }) {
  return field.errors ? (
    <p id={field.errorId} className="mt-1 text-sm text-red-600">
      {field.errors.join(" ")}
    </p>
  ) : null;
}

function Labelled({ field, label, hint, children }: { field: Field; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={field.descriptionId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError field={field} />
    </div>
  );
}

/** The fields of a mentor profile (expertise, capacity, availability…), for the create and edit forms. */
export function ProfileFields({ fields }: { fields: ProfileFieldSet }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Labelled field={fields.organisation} label={t("mentors.profile.organisation")}>
          <input {...getInputProps(fields.organisation, { type: "text" })} className={fieldClass} />
        </Labelled>
        <Labelled field={fields.title} label={t("mentors.profile.titleLabel")}>
          <input {...getInputProps(fields.title, { type: "text" })} className={fieldClass} />
        </Labelled>
        <Labelled field={fields.rank} label={t("mentors.profile.rank")} hint={t("mentors.profile.rankHint")}>
          <select {...getSelectProps(fields.rank)} className={fieldClass}>
            {RANKS.map((rank) => (
              <option key={rank} value={rank}>
                {t(`mentorRank.${rank}`)}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled field={fields.contact} label={t("mentors.profile.contact")}>
          <input {...getInputProps(fields.contact, { type: "text" })} className={fieldClass} />
        </Labelled>
      </div>
      <Labelled field={fields.primaryDuty} label={t("mentors.profile.primaryDuty")}>
        <select {...getSelectProps(fields.primaryDuty)} className={fieldClass}>
          {DUTIES.map((duty) => (
            <option key={duty} value={duty}>
              {t(`duty.${duty}`)}
            </option>
          ))}
        </select>
      </Labelled>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("mentors.profile.otherDuties")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {getCollectionProps(fields.otherDuties, { type: "checkbox", options: DUTIES }).map((props) => (
            <label key={props.key} htmlFor={props.id} className="flex items-start gap-2 text-sm text-slate-700">
              <input {...props} key={props.key} className="mt-0.5 h-4 w-4" />
              <span>{isOneOf(DUTIES, props.value) ? t(`duty.${props.value}`) : props.value}</span>
            </label>
          ))}
        </div>
        <FieldError field={fields.otherDuties} />
      </fieldset>
      <Labelled field={fields.keywords} label={t("mentors.profile.keywords")} hint={t("mentors.profile.keywordsHint")}>
        <textarea {...getTextareaProps(fields.keywords)} rows={2} className={fieldClass} />
      </Labelled>
      <div className="grid gap-4 sm:grid-cols-2">
        <Labelled field={fields.capacity} label={t("mentors.profile.capacity")} hint={t("mentors.profile.capacityHint")}>
          <input {...getInputProps(fields.capacity, { type: "number" })} min={1} max={MAX_CAPACITY} className={fieldClass} />
        </Labelled>
        <div className="flex items-start gap-2 sm:pt-7">
          <input {...getInputProps(fields.available, { type: "checkbox" })} className="mt-0.5 h-4 w-4" />
          <label htmlFor={fields.available.id} className="text-sm text-slate-700">
            {t("mentors.profile.available")}
          </label>
        </div>
      </div>
      <Labelled field={fields.bio} label={t("mentors.profile.bio")}>
        <textarea {...getTextareaProps(fields.bio)} rows={4} className={fieldClass} />
      </Labelled>
    </div>
  );
}
