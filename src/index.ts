/**
 * placecast: school place-supply forecasting. The core entry point imports nothing from Node and
 * runs in browsers; `placecast/node` adds file input/output and rendering.
 * @packageDocumentation
 */
export * from "./domain/index.js";
export * from "./data/index.js";
export * from "./cohort/index.js";
export * from "./housing/index.js";
export * from "./seeds/yangjiang.js";
export * from "./report/index.js";
export * from "./capacity/index.js";
export * from "./uncertainty/index.js";
export * from "./evaluate/index.js";
