export * from "./textTable.js";
