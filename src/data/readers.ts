/** The readers' core: wide tables to tidy records, and lenient reading of cells. */
export { fromWide, type WideCell, type WideRow, type WideOptions, type WideResult } from "./wide.js";
export { validLabels, systemLabelIndex, readNumber, readYear, readDate, isMissingMark, normalizeName, type LenientRead, type LenientRule, type SystemLabelIndex, type ValidLabels } from "./lenient.js";
