export * from "./textTable.js";
export * from "./spec.js";
export * from "./labels.js";
export * from "./charts.js";
export * from "./history.js";
