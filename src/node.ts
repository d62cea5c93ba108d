/**
 * placecast/node: everything in the core plus file input/output (Node only).
 * @packageDocumentation
 */
export * from "./index.js";
