/**
 * placecast/node: everything in the core plus file input/output (Node only): datasets read from
 * CSV folders and .xlsx workbooks with English or Chinese headers, results written as CSV, .xlsx
 * and JSON, and blank input templates.
 * @packageDocumentation
 */
export * from "./index.js";
export * from "./io/index.js";
export * from "./render/index.js";
