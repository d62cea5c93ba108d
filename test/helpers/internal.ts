/**
 * Every name of the core's layers, public and internal, for tests that check internals (the
 * curated public entry is `src/index.ts`; test/api.test.ts holds its list).
 */
export * from "../../src/domain/index.js";
export * from "../../src/data/index.js";
export * from "../../src/cohort/index.js";
export * from "../../src/housing/index.js";
export * from "../../src/report/index.js";
export * from "../../src/capacity/index.js";
export * from "../../src/uncertainty/index.js";
export * from "../../src/evaluate/index.js";
export * from "../../src/seeds.js";
export * from "../../src/schools/index.js";
export * from "../../src/advise/index.js";
