export * from "./classes.js";
export * from "./rules.js";
export * from "./schedule.js";
export * from "./assess.js";
export * from "./planCheck.js";
export * from "./flags.js";
export * from "./kernel.js";
