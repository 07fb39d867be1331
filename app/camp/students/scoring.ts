import { DEFAULT_IDENTIFICATION_RULE, scorePhoto, validateIdentificationRule, type IdentificationRule, type StudentFacts } from "~/camp/identification.ts";
import { identificationPointsSchema } from "./schemas.ts";

/**
 * How one drawn photo of 人物辨识 scores (decision 087), on top of app/camp/identification.ts:
 * - a photo of one's own student: name, class and dorm by the round's rule (a wrong name: 0);
 *   marking it "不是我的学生" scores 0; a student with no dorm on record is scored without the
 *   dorm (it could never be matched), so that photo's maximum is smaller;
 * - a decoy (another counselor's student): worth the name's points — recognising that a face is
 *   not one's own is the same knowledge as recognising whose it is — earned by marking it "不是我的
 *   学生", and 0 for anything typed instead (class and dorm of a stranger cannot be known).
 */

export interface DrawnItem {
  decoy: boolean;
  markedNotMine: boolean;
  truth: StudentFacts;
  typed: { name?: string | null; className?: string | null; dorm?: string | null };
}

/** The round's rule from CampRound.identificationPoints ({ name, className, dorm }); the default (3/1/1, wrong name → 0) when unset or invalid. */
export function identificationRuleOf(points: unknown): IdentificationRule {
  const parsed = identificationPointsSchema.safeParse(points);
  if (!parsed.success) return DEFAULT_IDENTIFICATION_RULE;
  const rule = { namePoints: parsed.data.name, classPoints: parsed.data.className, dormPoints: parsed.data.dorm, wrongNameZeroes: true };
  return validateIdentificationRule(rule).length ? DEFAULT_IDENTIFICATION_RULE : rule;
}

export function scoreItem(item: DrawnItem, rule: IdentificationRule): { points: number; max: number } {
  if (item.decoy) return { points: item.markedNotMine ? rule.namePoints : 0, max: rule.namePoints };
  const ownRule = item.truth.dorm.trim() ? rule : { ...rule, dormPoints: 0 };
  const scored = scorePhoto(item.truth, { name: item.typed.name ?? "", className: item.typed.className ?? "", dorm: item.typed.dorm ?? "" }, ownRule);
  return { points: item.markedNotMine ? 0 : scored.points, max: scored.max };
}

/** The attempt: the sum over its photos (in tenths, as identification.ts adds). */
export function scoreItems(items: readonly DrawnItem[], rule: IdentificationRule): { points: number; max: number; items: Array<{ points: number; max: number }> } {
  const scored = items.map((item) => scoreItem(item, rule));
  const tenths = (values: number[]) => values.reduce((sum, value) => sum + Math.round(value * 10), 0) / 10;
  return { points: tenths(scored.map((s) => s.points)), max: tenths(scored.map((s) => s.max)), items: scored };
}
