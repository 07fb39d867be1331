import { campFormValues } from "~/camp/setup/form-values.ts";
import { defaultCampInput, ROUND_KINDS } from "~/camp/setup/schemas.ts";

/**
 * The camp form as a browser posts it (flat field names, text values): the defaults of a new camp
 * with the given title, then `overrides` by field name ("" removes a field, as an unchecked box).
 * For the set-up's integration tests.
 */
export function campForm(title: string, overrides: Record<string, string> = {}): Record<string, string> {
  const values = campFormValues({ ...defaultCampInput(2026), title });
  const form: Record<string, string> = { title: values.title, year: values.year, description: values.description, startsOn: values.startsOn, endsOn: values.endsOn, organisers: values.organisers };
  for (const kind of ROUND_KINDS) for (const [name, value] of Object.entries(values.rounds[kind])) form[`rounds.${kind}.${name}`] = value;
  for (const [name, value] of Object.entries(overrides)) form[name] = value;
  return Object.fromEntries(Object.entries(form).filter(([name, value]) => value !== "" || !name.endsWith(".enabled")));
}
