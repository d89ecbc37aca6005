// One Jest config, several kinds of test selected by TEST_TYPE (see package.json scripts).
const swc = [
  "@swc/jest",
  { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true }, target: "es2021", transform: { react: { runtime: "automatic" } } } },
]

const common = {
  transform: { "^.+\\.[jt]sx?$": swc },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/", "<rootDir>/integration-tests/app/.medusa/"],
}

const byType = {
  // Pure code: mappers, parsers, rate limiter, simulator, conformance of the simulator against Amazon's models.
  unit: {
    testMatch: ["<rootDir>/src/**/__tests__/**/*.spec.ts", "<rootDir>/simulator/**/__tests__/**/*.spec.ts", "<rootDir>/tests/unit/**/*.spec.ts"],
  },
  // The real Medusa app with the built plugin, on PostgreSQL (machine server or embedded).
  "integration:http": {
    testMatch: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
    globalSetup: "<rootDir>/integration-tests/global-setup.ts",
    globalTeardown: "<rootDir>/integration-tests/global-teardown.ts",
    setupFiles: ["<rootDir>/integration-tests/setup.js"],
  },
  // `npm run bench`: numbers, not pass/fail timings (same real app as the integration tests).
  bench: {
    testMatch: ["<rootDir>/bench/**/*.bench.ts"],
    globalSetup: "<rootDir>/integration-tests/global-setup.ts",
    globalTeardown: "<rootDir>/integration-tests/global-teardown.ts",
    setupFiles: ["<rootDir>/integration-tests/setup.js"],
  },
  // Issue 9's proof: one server + two worker processes on Medusa's Redis modules, workers killed (`npm run test:scale`).
  scale: {
    testMatch: ["<rootDir>/integration-tests/scale/**/*.spec.ts"],
    globalSetup: "<rootDir>/integration-tests/global-setup.ts",
    globalTeardown: "<rootDir>/integration-tests/global-teardown.ts",
    setupFiles: ["<rootDir>/integration-tests/setup.js"],
  },
  // Playwright + Debian's chromium against the real admin.
  browser: {
    testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.ts"],
    globalSetup: "<rootDir>/integration-tests/global-setup.ts",
    globalTeardown: "<rootDir>/integration-tests/global-teardown.ts",
    setupFiles: ["<rootDir>/integration-tests/setup.js"],
  },
}

const type = process.env.TEST_TYPE || "unit"
if (!byType[type]) throw new Error(`Unknown TEST_TYPE "${type}". Use one of: ${Object.keys(byType).join(", ")}.`)
module.exports = { ...common, ...byType[type] }
