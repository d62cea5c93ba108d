export * from "./textTable.js";
export * from "./spec.js";
export * from "./labels.js";
export * from "./charts.js";
export * from "./history.js";
export * from "./document.js";
export * from "./report.js";
export { noteText, noteTexts, noteTextsByLayer, renderNote, type NoteText, type NoteTexts } from "./notes/index.js";
