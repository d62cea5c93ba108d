export * from "./metrics.js";
export * from "./truncate.js";
export * from "./backtest.js";
export * from "./baselines.js";
export * from "./select.js";
