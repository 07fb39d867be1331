import type { CampInput, RoundKind } from "./schemas.ts";
import { ROUND_KINDS } from "./schemas.ts";

/** School time is UTC+8 all year: a `datetime-local` field shows and posts it (training/schemas.ts reads it back). */
const SCHOOL_OFFSET_MS = 8 * 3600_000;
const localInstant = (d: Date | undefined) => (d ? new Date(d.getTime() + SCHOOL_OFFSET_MS).toISOString().slice(0, 16) : "");
const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : "");
const text = (n: number | undefined) => (n === undefined ? "" : String(n));

/** A camp's settings as the form's text values (what the fields show and post). */
export function campFormValues(input: CampInput) {
  const round = (kind: RoundKind) => {
    const r = input.rounds[kind];
    return {
      enabled: r.enabled ? "on" : "",
      weight: String(r.weight),
      opensAt: localInstant(r.opensAt),
      closesAt: localInstant(r.closesAt),
      durationMinutes: text(r.durationMinutes),
      multipleChoiceRule: r.multipleChoiceRule,
      photosPerPerson: text(r.photosPerPerson),
      decoysPerPerson: text(r.decoysPerPerson),
      namePoints: String(r.namePoints),
      classPoints: String(r.classPoints),
      dormPoints: String(r.dormPoints),
      scoringRule: r.scoringRule,
      judgesPerContestant: text(r.judgesPerContestant),
      disagreementTolerance: text(r.disagreementTolerance),
      cutFrom: r.cutFrom ?? "",
      cutTop: text(r.cutTop),
    };
  };
  return {
    title: input.title,
    year: String(input.year),
    description: input.description,
    startsOn: day(input.startsOn),
    endsOn: day(input.endsOn),
    organisers: input.organisers.join(" "),
    rounds: Object.fromEntries(ROUND_KINDS.map((kind) => [kind, round(kind)])) as Record<RoundKind, ReturnType<typeof round>>,
  };
}
export type CampFormValues = ReturnType<typeof campFormValues>;
