import type { Duty } from "~/generated/prisma/enums.ts";

/**
 * "Join by specialty": how well a studio fits a counselor's specialties (duties and free tags)
 * and research interests, with the reasons spelled out. Deliberately simple and explainable — a
 * counselor should see at a glance why a studio is suggested.
 */
export interface FitPerson {
  specialties: readonly Duty[];
  specialtyTags: readonly string[];
  researchInterests: string | null;
}

export interface FitStudio {
  duty: Duty;
  name: string;
  description: string;
  directions: ReadonlyArray<{ name: string; description: string; keywords: readonly string[] }>;
}

export type FitReason =
  /** The studio's duty is one of the person's specialty duties. */
  | { kind: "duty"; duty: Duty }
  /** A direction's keywords include some of the person's tags. */
  | { kind: "tags"; direction: string; tags: string[] }
  /** The person's research interests (or tags) appear in a direction or the studio's description. */
  | { kind: "interests"; direction: string | null; terms: string[] };

export interface Fit {
  score: number;
  reasons: FitReason[];
}

export const FIT_WEIGHTS = { duty: 50, tag: 20, interest: 10 } as const;

/** Research interests as separate terms ("大学新生心理适应、朋辈互助" → two terms). */
export function interestTerms(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[、,，;；。\s/]+/).map((t) => t.trim()).filter((t) => t.length >= 2))];
}

export function studioFit(person: FitPerson, studio: FitStudio): Fit {
  const reasons: FitReason[] = [];
  let score = 0;
  if (person.specialties.includes(studio.duty)) {
    score += FIT_WEIGHTS.duty;
    reasons.push({ kind: "duty", duty: studio.duty });
  }
  const tagsMatched = new Set<string>();
  for (const direction of studio.directions) {
    const tags = person.specialtyTags.filter((tag) => direction.keywords.includes(tag) && !tagsMatched.has(tag));
    if (!tags.length) continue;
    tags.forEach((tag) => tagsMatched.add(tag));
    score += FIT_WEIGHTS.tag * tags.length;
    reasons.push({ kind: "tags", direction: direction.name, tags });
  }
  // Interests and not yet matched tags, found as text in a direction (or in the description).
  const terms = [...interestTerms(person.researchInterests), ...person.specialtyTags.filter((t) => !tagsMatched.has(t))];
  const termsMatched = new Set<string>();
  for (const direction of studio.directions) {
    const text = `${direction.name} ${direction.description} ${direction.keywords.join(" ")}`;
    const found = terms.filter((term) => !termsMatched.has(term) && text.includes(term));
    if (!found.length) continue;
    found.forEach((term) => termsMatched.add(term));
    score += FIT_WEIGHTS.interest * found.length;
    reasons.push({ kind: "interests", direction: direction.name, terms: found });
  }
  const inDescription = terms.filter((term) => !termsMatched.has(term) && `${studio.name} ${studio.description}`.includes(term));
  if (inDescription.length) {
    score += FIT_WEIGHTS.interest * inDescription.length;
    reasons.push({ kind: "interests", direction: null, terms: inDescription });
  }
  return { score, reasons };
}

/** Studios with any fit, best first (ties by name, so the order is stable). */
export function rankStudios<S extends FitStudio & { id: string }>(person: FitPerson, studios: readonly S[]) {
  return studios
    .map((studio) => ({ studio, fit: studioFit(person, studio) }))
    .filter((entry) => entry.fit.score > 0)
    .sort((a, b) => b.fit.score - a.fit.score || a.studio.name.localeCompare(b.studio.name, "zh-CN"));
}
