export * from "./methods.js";
export * from "./births.js";
export * from "./project.js";
export * from "./model.js";
export * from "./records.js";
