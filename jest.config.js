/**
 * Tests run on the compiled output (`npm test` builds first): decorator metadata comes
 * from tsc exactly as in production, so what is tested is what runs.
 */
const fs = require("node:fs");
const path = require("node:path");

module.exports = {
  testEnvironment: "node",
  // plugins/ may be empty (git does not keep empty folders).
  roots: ["subgraphs", "plugins", "gateway", "infra", "test"]
    .filter((d) => fs.existsSync(path.join(__dirname, d)))
    .map((d) => `<rootDir>/${d}`),
  testMatch: ["**/dist/**/*.test.js"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: "<rootDir>/subgraphs/sdk/dist/testing/global-setup.js",
  testTimeout: 120000,
  maxWorkers: 2,
};
