import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * "No permission check outside app/policy" (docs/conventions.md), held by a test: outside the
 * policy module and tests, nothing asks for a person's roles — not `roles.includes("ADMIN")`, not
 * `hasRole`, not a comparison with a role name, not a Prisma or SQL filter on roles. Code asks
 * `can` / `authorize` / `abilities`, lists with `whereCan`, and finds people with `whoMay`.
 */
const APP = path.resolve(__dirname, "..");

const CHECKS: Array<{ what: string; pattern: RegExp }> = [
  { what: "a method asking a roles array", pattern: /\broles\??\.(includes|some|every|indexOf|find|findIndex)\(/ },
  { what: "hasRole outside the policy", pattern: /\bhasRole\(/ },
  { what: "a comparison with a role name", pattern: /(===|!==|==|!=)\s*["'`](ADMIN|COLLEGE_ADMIN|COUNSELOR|MENTOR)["'`]|["'`](ADMIN|COLLEGE_ADMIN|COUNSELOR|MENTOR)["'`]\s*(===|!==|==|!=)/ },
  { what: "a Prisma filter on roles", pattern: /\broles:\s*\{\s*(has|hasSome|hasEvery)\b/ },
  { what: "an SQL filter on roles", pattern: /'(ADMIN|COLLEGE_ADMIN|COUNSELOR|MENTOR)'\s*=\s*ANY\s*\(|\broles\s*@>/ },
];

/** The only places that may, and why; each must still match, so the list cannot go stale. */
const ALLOWED: Array<{ file: string; text: string; why: string }> = [
  {
    file: "mentors/pool.server.ts",
    text: `roles.filter((r) => r !== "MENTOR")`,
    why: "taking the MENTOR role away from someone removed from the pool: a change of roles, not a check",
  },
  {
    file: "dashboard/dashboard.server.ts",
    text: `'COUNSELOR' = ANY(u.roles)`,
    why: "who is counted as a counselor in the programme's figures, in SQL: the SQL twin of whoMay(\"career:view-own\"), which SQL cannot import",
  },
  {
    file: "training/dashboard/dashboard.server.ts",
    text: `'COUNSELOR' = ANY(u.roles)`,
    why: "who the training dashboard counts, in SQL: the SQL twin of whoMay(\"training:view-menu\") that shortfallList uses, which SQL cannot import",
  },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ["policy", "generated"].includes(path.relative(APP, full)) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every line of `text` that checks roles, as "what: line". */
function roleChecksIn(text: string): string[] {
  return text.split("\n").flatMap((line) => CHECKS.filter((check) => check.pattern.test(line)).map((check) => `${check.what}: ${line.trim()}`));
}

describe("no permission check outside app/policy", () => {
  it("finds no role check in app/ outside the policy and the places listed with a reason", () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(200);
    const found: string[] = [];
    const used = new Set<string>();
    for (const file of files) {
      const relative = path.relative(APP, file).split(path.sep).join("/");
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        if (roleChecksIn(line).length === 0) return;
        const allowed = ALLOWED.find((entry) => entry.file === relative && line.includes(entry.text));
        if (allowed) used.add(allowed.file);
        else found.push(`app/${relative}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(found, "ask the policy (can, abilities, whereCan, whoMay) instead").toEqual([]);
    expect(ALLOWED.filter((entry) => !used.has(entry.file)).map((entry) => entry.file), "allowed but no longer there: remove from ALLOWED").toEqual([]);
  });

  it("recognises the ways roles were checked before (so the test above can fail)", () => {
    for (const line of [
      `if (user.roles.includes("ADMIN")) return page({}, filters);`,
      `{root?.user?.roles.includes("ADMIN") ? (`,
      `const counselor = hasRole(user, "COUNSELOR");`,
      `if (role === "COLLEGE_ADMIN") return true;`,
      `where: { roles: { has: "ADMIN" }, active: true }`,
      "u.active AND 'COUNSELOR' = ANY(u.roles)",
      `actor.roles.some((r) => r === "MENTOR")`,
    ]) {
      expect(roleChecksIn(line), line).not.toEqual([]);
    }
    // Showing someone's roles, or their role in a studio, is not a check.
    for (const line of [`{home.roles.map((role) => (`, `<Badge tone={m.role === "LEADER" ? "brand" : "slate"}>`, `roles: ["COUNSELOR"],`]) {
      expect(roleChecksIn(line), line).toEqual([]);
    }
  });
});
