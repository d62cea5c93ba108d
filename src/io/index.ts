export * from "./columns.js";
export { cellToField, columnLetter, type CellValue } from "./cells.js";
export * from "./sheets.js";
export * from "./read.js";
export * from "./write.js";
export * from "./tables.js";
export * from "./templates.js";
export { readGradeSpans, formatGradeSpans, GRADE_SPAN_FORM, type GradeSpansRead } from "./spans.js";
export * from "./issueText.js";
