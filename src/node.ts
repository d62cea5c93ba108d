/**
 * placecast/node: everything in the core plus file input/output (Node only): datasets read from
 * CSV folders and .xlsx workbooks with English or Chinese headers, results written as CSV, .xlsx
 * and JSON, blank input templates, and charts and reports rendered to SVG, PNG and files.
 *
 * The public names are listed one by one (test/api.test.ts holds the sorted list): anything not
 * listed here is internal and may change without notice.
 * @packageDocumentation
 */

// The core, unchanged (see src/index.ts).
export * from "./index.js";

// Reading: a CSV folder or an .xlsx workbook (en or zh headers) -> a validated Dataset.
export {
  readDataset, // path -> Dataset, throws DatasetError with file, sheet, row and column
  safeReadDataset, // path -> { ok, value } | { ok: false, issues } (located in the file)
  formatLocation, // a location for a message: "data.xlsx, sheet 在校生, row 5, column D (人数)"
} from "./io/index.js";
export type { ReadOptions, ReadResult, LocatedIssue, FileLocation } from "./io/index.js";
// Issue 17 (zh): data problems in a language, from their coded detail (data.… codes).
export {
  issueText, // one data issue in en or zh-CN: "在校生.csv，第 2 行，D 列（人数）（县区 qingshan…）：人数填写有误…"
  formatIssuesIn, // issues as lines people read, in a language
  dataIssueTexts, // the catalogue: every data.… code's English and Chinese text
  locationZh, // a file location in Chinese: "data.xlsx，工作表 在校生，第 5 行，D 列（人数）"
} from "./io/index.js";

// The input format: tables, their columns, headers in both languages, templates to fill in.
export {
  TABLE_NAMES, // the input tables, in order
  TABLE_COLUMNS, // the header map: every table's columns with their en and zh headers
  templateTables, // blank input tables with headers in a language
  columnGuide, // a table describing every column, for people filling in templates
  writeTemplates, // blank templates: a CSV per table and an .xlsx workbook with a column guide
} from "./io/index.js";
export type { TableName, TableColumns, ColumnSpec, CellKind, TemplateOptions } from "./io/index.js";
// Readers' help for templates: the values a column accepts (grades, stages, enums with their names).
export { columnValues } from "./io/index.js";
export type { ColumnValue } from "./io/index.js";

// Issue 16 (schools-io): a school's grade spans as a spreadsheet cell ("P1-P6 (2012-)", "一年级-六年级（2012年起）").
export { readGradeSpans, formatGradeSpans } from "./io/index.js";
export type { GradeSpansRead } from "./io/index.js";

// Writing: results as tables, then as CSV, .xlsx or JSON files.
export {
  pupilsTable, // Forecast -> pupils per area, grade and year
  stagesTable, // stage rows (and totals) -> a table
  assessmentTable, // Assessment rows -> a table
  simulationTable, // Simulation -> forecast, mean, quantiles and probabilities per cell
  backtestTables, // BacktestResult -> error tables
  notesTable, // notes (fitting fallbacks, assumptions, warnings) -> a table
  datasetTables, // a Dataset (or its input) as the input tables
  csvText, // a table as CSV text
  tablesToObjects, // tables as JSON-ready objects
  writeCsvTables, // tables as CSV files in a folder
  writeWorkbook, // tables as sheets of one .xlsx workbook
  writeJson, // a value as a JSON file
  writeDatasetFiles, // a Dataset as CSV files or a workbook in the input format
} from "./io/index.js";
export type { Table, Cell, TableOptions, CsvOptions, DatasetFileOptions } from "./io/index.js";
// Issue 17 (zh): how a presentation table shows a numeric column (whole pupils, percent).
export type { ColumnFormat } from "./io/index.js";

// Rendering: Vega-Lite specs to SVG and PNG (CJK fonts found on the system), reports to files.
export {
  renderSvg, // a Vega-Lite spec -> SVG text
  renderPng, // SVG text -> PNG bytes
  fontSetup, // the font files renderPng uses and whether they cover CJK
  defaultFontFiles, // where renderPng looks for fonts
  writeReport, // ReportDocument -> Markdown, HTML and chart images in a folder
} from "./render/index.js";
export type { RenderSvgOptions, RenderPngOptions, WriteReportOptions, WrittenReport } from "./render/index.js";

// Optional peers (light install): Excel (exceljs) and rendering (vega, vega-lite, @resvg/resvg-js)
// are optional peerDependencies, loaded when a feature needs them.
export {
  OPTIONAL_PEERS, // package -> the feature that needs it
  MissingPeerError, // thrown by that feature when its package is not installed (names it)
} from "./domain/peers.js";
export type { OptionalPeer } from "./domain/peers.js";
