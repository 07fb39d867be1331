import { COMMON_PASSWORDS } from "./common-passwords.ts";

/**
 * The school's password rules (a school setting, edited by 学工部 at /admin/settings). They apply
 * to every password a person chooses; initial and temporary passwords are generated or given by
 * an admin and only open the page that replaces them.
 */
export interface PasswordPolicy {
  minLength: number;
  /** The password may not contain the person's 工号. */
  forbidUsername: boolean;
  /** The password may not be one of the common passwords (ours, and the school's own list). */
  forbidCommon: boolean;
  /** The school's own additions to the list of common passwords (e.g. its name in pinyin). */
  extraForbidden: string[];
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, forbidUsername: true, forbidCommon: true, extraForbidden: [] };
export const MIN_PASSWORD_LENGTH = { lowest: 8, highest: 64 } as const;
export const MAX_PASSWORD_LENGTH = 128;
/** The school's own list stays short: it is read at every change. */
export const MAX_EXTRA_FORBIDDEN = 200;

/** A broken rule, as a message key of app/auth/messages.ts with its values. */
export type PasswordProblem =
  | { key: "account.policy.tooShort"; values: { min: number } }
  | { key: "account.policy.tooLong"; values: { max: number } }
  | { key: "account.policy.containsUsername"; values: Record<string, never> }
  | { key: "account.policy.common"; values: Record<string, never> };

/** As hashPassword sees it: full-width input from Chinese IMEs equals its half-width twin. */
const normalise = (text: string) => text.normalize("NFKC").toLowerCase();
const COMMON = new Set(COMMON_PASSWORDS);

/** One character repeated, or a straight run such as "1234567890" or "abcdefghij" (forward or back). */
function isTrivialRun(password: string): boolean {
  const codes = [...password].map((char) => char.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/** The rules a candidate password breaks (empty when it is acceptable). Lengths count characters. */
export function passwordProblems(password: string, { policy, username }: { policy: PasswordPolicy; username: string }): PasswordProblem[] {
  const candidate = normalise(password);
  const length = [...candidate].length;
  const problems: PasswordProblem[] = [];
  if (length < policy.minLength) problems.push({ key: "account.policy.tooShort", values: { min: policy.minLength } });
  if (length > MAX_PASSWORD_LENGTH) problems.push({ key: "account.policy.tooLong", values: { max: MAX_PASSWORD_LENGTH } });
  const id = normalise(username);
  // A short 工号 (e.g. "li") would forbid ordinary words; then only the 工号 itself is refused.
  if (policy.forbidUsername && id && (id.length >= 4 ? candidate.includes(id) : candidate === id)) {
    problems.push({ key: "account.policy.containsUsername", values: {} });
  }
  if (policy.forbidCommon && (COMMON.has(candidate) || policy.extraForbidden.some((word) => normalise(word) === candidate) || isTrivialRun(candidate))) {
    problems.push({ key: "account.policy.common", values: {} });
  }
  return problems;
}
