export * from "./kernel.js";
export * from "./plain.js";
export * from "./intervals.js";
export * from "./model.js";
export * from "./backtest.js";
export * from "./places.js";
export * from "./simulate.js";
export * from "./feeders.js";
