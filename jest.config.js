/**
 * Tests run on the compiled output (`npm test` builds first): decorator metadata comes
 * from tsc exactly as in production, so what is tested is what runs.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/subgraphs", "<rootDir>/plugins", "<rootDir>/gateway", "<rootDir>/infra", "<rootDir>/test"],
  testMatch: ["**/dist/**/*.test.js"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: "<rootDir>/subgraphs/sdk/dist/testing/global-setup.js",
  testTimeout: 120000,
  maxWorkers: 2,
};
