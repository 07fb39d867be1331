// @ts-check
/**
 * Mutation testing of the policy module (decision 048): `npm run test:mutation`.
 * Stryker makes one small change at a time in app/policy (a condition, an operator, a literal) and
 * runs app/policy/policy.test.ts against it; a change no test notices ("survived") is a condition
 * nobody pins down. Not part of `npm test`; results and the argued survivors: docs/benchmarks.md.
 *
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  // The policy's unit tests only (vitest.mutation.config.ts says why it is a file of its own).
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["app/policy/**/*.ts", "!app/policy/**/*.test.ts"],
  coverageAnalysis: "perTest",
  // Only mutants in changed code (or covered by changed tests) run again; the rest come from the
  // last run. The vitest runner reports no test locations, so any edit of the test file re-runs all.
  incremental: true,
  incrementalFile: ".tmp/stryker/incremental.json",
  // Sandbox and reports under .tmp/ (gitignored, excluded from tsc; vitest's globs start at app/ and tests/).
  tempDirName: ".tmp/stryker/sandbox",
  htmlReporter: { fileName: ".tmp/stryker/report.html" },
  jsonReporter: { fileName: ".tmp/stryker/report.json" },
  reporters: ["clear-text", "progress", "html", "json"],
  // The sandbox needs the app's sources (the policy imports the generated Prisma enums) and the configs.
  ignorePatterns: ["/build", "/data", "/docs", "/public", "/prisma", "/tests", "/.ci"],
  concurrency: 2,
  thresholds: { high: 100, low: 95, break: null },
};
