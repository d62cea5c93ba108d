import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";
import { normalizeName, type ColumnSpec } from "./columns.js";

/** A cell as read from a file: text from CSV; text, number, boolean or date from a workbook; null when empty. */
export type CellValue = string | number | boolean | Date | null;

/** What a cell gives a field: a value, or nothing (the field is left out of the record). */
export type FieldValue = { readonly set: true; readonly value: unknown } | { readonly set: false };

const NOTHING: FieldValue = { set: false };
const INTEGER_TEXT = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Reads a number from a cell: numeric cells as they are, text such as `1234`, `-4`, `1,234` or
 * `12.5` as its number. Anything else is returned unchanged, so that the dataset check refuses
 * it with a message that shows the value.
 */
export function cellNumber(cell: string | number | boolean | Date): unknown {
  if (typeof cell === "number") return cell;
  if (typeof cell !== "string") return cell instanceof Date ? cell.toISOString() : cell;
  const t = cell.normalize("NFKC").trim();
  if (INTEGER_TEXT.test(t)) return Number(t.replace(/,/g, ""));
  return cell;
}

function isEmpty(cell: CellValue): cell is null | "" {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/** A date cell as `yyyy-mm-dd` (workbook dates are UTC midnights). */
function isoDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10);
}

function asText(cell: string | number | boolean | Date): string {
  if (cell instanceof Date) return isoDate(cell);
  return String(cell);
}

/** Label → id lookups for grades and stages of a system. */
export interface SystemLabels {
  readonly grades: ReadonlyMap<string, string>;
  readonly stages: ReadonlyMap<string, string>;
}

/** Builds the grade and stage lookups: ids and every label, normalised. */
export function systemLabels(system: SchoolSystem): SystemLabels {
  const ix = indexSystem(system);
  const grades = new Map<string, string>();
  const stages = new Map<string, string>();
  for (const s of system.stages) {
    for (const l of [s.id, ...Object.values(s.label)]) if (typeof l === "string") stages.set(normalizeName(l), s.id);
  }
  for (const g of ix.grades) {
    for (const l of [g.id, ...Object.values(g.def.label)]) if (typeof l === "string" && !grades.has(normalizeName(l))) grades.set(normalizeName(l), g.id);
  }
  return { grades, stages };
}

/**
 * Converts one cell to the value of its field (see `CellKind`). Empty cells leave the field out,
 * except `count-or-missing`, where an empty cell is `null` (a missing figure). A text cell that
 * holds an empty or blank text (a quoted `""` in CSV) gives that text; in a list column it gives
 * an empty list.
 */
export function cellToField(cell: CellValue, column: ColumnSpec, labels: SystemLabels): FieldValue {
  // Text is kept exactly, blank or empty (`""`, written quoted in CSV); only an empty cell leaves it out.
  if (column.kind === "text" && cell !== null) return { set: true, value: asText(cell) };
  // An empty text in a list cell (`""`) is an empty list: an area with `grades: []` teaches nothing.
  if (column.kind === "list" && cell === "") return { set: true, value: [] };
  if (isEmpty(cell)) return column.kind === "count-or-missing" ? { set: true, value: null } : NOTHING;
  switch (column.kind) {
    case "text":
      return { set: true, value: asText(cell) };
    case "id":
      return { set: true, value: asText(cell).trim() };
    case "integer":
    case "count-or-missing":
      return { set: true, value: cellNumber(cell) };
    case "date":
      return { set: true, value: asText(cell).trim() };
    case "list":
      return { set: true, value: asText(cell).split(/[\s,;，；、]+/).filter((s) => s !== "") };
    case "grade":
    case "stage": {
      const t = asText(cell).trim();
      const map = column.kind === "grade" ? labels.grades : labels.stages;
      return { set: true, value: map.get(normalizeName(t)) ?? t };
    }
    case "enum": {
      const t = asText(cell).trim();
      const n = normalizeName(t);
      for (const [value, aliases] of Object.entries(column.values ?? {})) {
        if (normalizeName(value) === n || aliases.some((a) => normalizeName(a) === n)) return { set: true, value };
      }
      return { set: true, value: t };
    }
  }
}

/** Sets `value` at `path` in a plain record, creating nested objects (`name.zh`). */
export function setPath(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = record;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = cur[k];
    if (next && typeof next === "object" && !Array.isArray(next)) cur = next as Record<string, unknown>;
    else {
      const obj: Record<string, unknown> = {};
      cur[k] = obj;
      cur = obj;
    }
  }
  cur[path[path.length - 1]!] = value;
}

/** Reads the value at `path` of a record; undefined when absent. */
export function getPath(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const k of path) {
    if (!cur || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
