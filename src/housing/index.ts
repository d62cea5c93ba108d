export * from "./yield.js";
export * from "./kernel.js";
export * from "./forecast.js";
export * from "./records.js";
export * from "./evidence.js";
