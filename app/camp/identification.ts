import type { MessageKey } from "~/i18n/keys.ts";
import { toHalfWidth } from "./grading.ts";

/**
 * 人物辨识 (issue 20 §4): a counselor sees photos of students in their charge and types what they
 * know of each; every fact is scored by the organiser's rule. Pure: no photo or personal data is
 * kept here, only the comparison.
 */

export interface IdentificationRule {
  namePoints: number;
  classPoints: number;
  dormPoints: number;
  /** A wrong (or missing) name scores the whole photo 0: knowing the dorm of a stranger is luck. */
  wrongNameZeroes: boolean;
}

export const DEFAULT_IDENTIFICATION_RULE: IdentificationRule = { namePoints: 3, classPoints: 1, dormPoints: 1, wrongNameZeroes: true };
export const MAX_FACT_POINTS = 20;

export interface StudentFacts {
  name: string;
  className: string;
  dorm: string;
}

export interface TypedFacts {
  name?: string;
  className?: string;
  dorm?: string;
}

export interface PhotoScore {
  points: number;
  max: number;
  name: boolean;
  className: boolean;
  dorm: boolean;
}

export function validateIdentificationRule(rule: IdentificationRule): Array<{ key: MessageKey; params: Record<string, string | number> }> {
  const bad = (points: number) => !Number.isFinite(points) || points < 0 || points > MAX_FACT_POINTS || Math.abs(points * 10 - Math.round(points * 10)) > 1e-9;
  if (bad(rule.namePoints) || bad(rule.classPoints) || bad(rule.dormPoints)) return [{ key: "camp.scoring.identification.badPoints", params: { max: MAX_FACT_POINTS } }];
  if (rule.namePoints + rule.classPoints + rule.dormPoints === 0) return [{ key: "camp.scoring.identification.nothingScored", params: {} }];
  return [];
}

/**
 * Names compare after trimming and turning full-width characters half-width, nothing more: "张伟 "
 * and "张伟" are the same, "张 伟" or "张玮" are not, and a Latin name keeps its case.
 */
export function sameName(typed: string, truth: string): boolean {
  const normal = (text: string) => toHalfWidth(text).trim();
  return normal(typed) !== "" && normal(typed) === normal(truth);
}

/**
 * Class and dorm are more forgiving, as people write them differently: also no inner spaces and
 * Latin letters in any case ("a3 - 402" is "A3-402"). Digits are not read from Chinese numerals
 * ("东三" is not "东3"): the import should store what the students' records say.
 */
export function sameFact(typed: string, truth: string): boolean {
  const normal = (text: string) => toHalfWidth(text).replace(/\s+/g, "").toLowerCase();
  return normal(typed) !== "" && normal(typed) === normal(truth);
}

export function scorePhoto(truth: StudentFacts, typed: TypedFacts, rule: IdentificationRule): PhotoScore {
  const max = rule.namePoints + rule.classPoints + rule.dormPoints;
  const name = sameName(typed.name ?? "", truth.name);
  const className = sameFact(typed.className ?? "", truth.className);
  const dorm = sameFact(typed.dorm ?? "", truth.dorm);
  if (!name && rule.wrongNameZeroes) return { points: 0, max, name, className, dorm };
  const points = (name ? rule.namePoints : 0) + (className ? rule.classPoints : 0) + (dorm ? rule.dormPoints : 0);
  return { points: Math.round(points * 10) / 10, max, name, className, dorm };
}

/** The round: the sum over the photos shown, and its maximum. */
export function scoreIdentification(photos: ReadonlyArray<{ truth: StudentFacts; typed: TypedFacts }>, rule: IdentificationRule): { points: number; max: number; photos: PhotoScore[] } {
  const scored = photos.map((photo) => scorePhoto(photo.truth, photo.typed, rule));
  const tenths = (values: number[]) => values.reduce((sum, value) => sum + Math.round(value * 10), 0) / 10;
  return { points: tenths(scored.map((photo) => photo.points)), max: tenths(scored.map((photo) => photo.max)), photos: scored };
}
