// Stryker settings shared by every package's stryker.config.mjs (run by scripts/mutate.sh, `pnpm mutate`).
// One mutant at a time (the machine is shared), only the tests that import the mutated file (vitest `related`) and,
// of those, the ones that cover the mutant (perTest). Reports and the incremental state stay out of git.
/**
 * `breakAt`: the group's floor, the score a run must reach (a ratchet: raise it as tests improve; the goal is 90).
 * MUTATION_BREAK overrides it (`MUTATION_BREAK=90 pnpm mutate`).
 * @param {{ mutate: string[], breakAt: number, vitestConfig?: string, timeoutMS?: number }} options
 */
export const strykerConfig = ({ mutate, breakAt, vitestConfig = "vitest.mutants.config.ts", timeoutMS = 10_000 }) => ({
  $schema: "../../node_modules/@stryker-mutator/core/schema/stryker-schema.json",
  packageManager: "pnpm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: vitestConfig, related: true },
  coverageAnalysis: "perTest",
  mutate,
  concurrency: 1,
  timeoutMS,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/index.html" },
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  thresholds: {
    high: 95,
    low: 90,
    break: process.env.MUTATION_BREAK === undefined ? breakAt : Number(process.env.MUTATION_BREAK),
  },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignoreStatic: true,
  disableTypeChecks: true,
})
