import { describe, expect, it } from "vitest";
import { temporaryPassword } from "./password.server.ts";
import { DEFAULT_PASSWORD_POLICY, passwordProblems, type PasswordPolicy } from "./password-policy.ts";

const keys = (password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, username = "20190123") =>
  passwordProblems(password, { policy, username }).map((problem) => problem.key);

describe("the password policy", () => {
  it("accepts a long, personal password", () => {
    expect(keys("春天的辅导员2026!")).toEqual([]);
    expect(keys("correct horse battery")).toEqual([]);
  });

  it("asks for at least ten characters by default, counting Chinese characters as one each", () => {
    expect(passwordProblems("Tz9#kq2mX", { policy: DEFAULT_PASSWORD_POLICY, username: "u" })).toEqual([
      { key: "account.policy.tooShort", values: { min: 10 } },
    ]);
    expect(keys("我是辅导员工作室的一员")).toEqual([]);
    expect(keys("我是辅导员工作室")).toEqual(["account.policy.tooShort"]);
  });

  it("follows the school's minimum length", () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, minLength: 14 };
    expect(keys("Tz9#kq2mXv7!pa", strict)).toEqual([]);
    expect(keys("Tz9#kq2mXv7!p", strict)).toEqual(["account.policy.tooShort"]);
  });

  it("refuses a password containing the 工号, in any case or width", () => {
    expect(keys("20190123abc!", DEFAULT_PASSWORD_POLICY, "20190123")).toEqual(["account.policy.containsUsername"]);
    expect(keys("ＡＤＭＩＮ-lives-here", DEFAULT_PASSWORD_POLICY, "admin")).toEqual(["account.policy.containsUsername"]);
    // A short 工号 only forbids itself, not every word that contains it.
    expect(keys("lighthouse-keeper", DEFAULT_PASSWORD_POLICY, "li")).toEqual([]);
    expect(keys("20190123abc!", { ...DEFAULT_PASSWORD_POLICY, forbidUsername: false }, "20190123")).toEqual([]);
  });

  it("refuses common passwords, runs and the school's own list", () => {
    for (const common of ["woaini1314", "1qaz2wsx3edc", "Password123", "QWERTYUIOP", "１２３４５６７８９０"]) {
      expect(keys(common, { ...DEFAULT_PASSWORD_POLICY, minLength: 8 }), common).toEqual(["account.policy.common"]);
    }
    expect(keys("aaaaaaaaaaaa")).toEqual(["account.policy.common"]);
    expect(keys("abcdefghijkl")).toEqual(["account.policy.common"]);
    expect(keys("9876543210")).toEqual(["account.policy.common"]);
    const school = { ...DEFAULT_PASSWORD_POLICY, extraForbidden: ["ShiFanDaXue2026"] };
    expect(keys("shifandaxue2026", school)).toEqual(["account.policy.common"]);
    expect(keys("woaini1314", { ...DEFAULT_PASSWORD_POLICY, minLength: 8, forbidCommon: false })).toEqual([]);
  });

  it("reports every broken rule at once", () => {
    expect(keys("20190123", DEFAULT_PASSWORD_POLICY, "20190123")).toEqual(["account.policy.tooShort", "account.policy.containsUsername"]);
  });
});

describe("temporary passwords", () => {
  it("are 12 characters without look-alikes, and differ each time", () => {
    const passwords = Array.from({ length: 200 }, temporaryPassword);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    expect(new Set(passwords).size).toBe(200);
  });
});
