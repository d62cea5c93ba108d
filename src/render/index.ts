export * from "./svg.js";
export * from "./png.js";
export * from "./textWidth.js";
export * from "./report.js";
