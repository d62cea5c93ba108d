import type { SchoolSystem } from "../domain/schoolSystem.js";
import { isMissingMark, normalizeName, readDate, readNumber, readYear, systemLabelIndex, type LenientRule, type SystemLabelIndex } from "../data/lenient.js";
import type { ColumnSpec } from "./columns.js";
import { GRADE_SPAN_FORM, readGradeSpans } from "./spans.js";

/** Fields read as school years: `2016年`, `2016-17` are taken (`readYear`). */
const YEAR_FIELDS = new Set(["year", "opens", "closes"]);

/** A cell as read from a file: text from CSV; text, number, boolean or date from a workbook; null when empty. */
export type CellValue = string | number | boolean | Date | null;

/**
 * What a cell gives a field: a value, or nothing (the field is left out of the record). `rule`
 * names the lenient rule that read it (`1,234人` → 1234 by `unit`), for the reader's warning.
 */
export type FieldValue =
  | { readonly set: true; readonly value: unknown; readonly rule?: LenientRule }
  | { readonly set: false; readonly rule?: LenientRule; /** Why the cell cannot be read (a grade-span cell not in its form); the reader reports it at the cell. */ readonly error?: string };

const NOTHING: FieldValue = { set: false };

/**
 * Reads a number from a cell: numeric cells as they are; text by `readNumber` (`1234`, `-4`,
 * `12.5`, `1,234`, `1 234`, `1,234人`, full-width digits). Anything else is returned unchanged,
 * so that the dataset check refuses it with a message that shows the value.
 */
export function cellNumber(cell: string | number | boolean | Date): unknown {
  return cellNumberRead(cell).value;
}

function cellNumberRead(cell: string | number | boolean | Date): { value: unknown; rule?: LenientRule } {
  if (typeof cell === "number") return { value: cell };
  if (typeof cell !== "string") return { value: cell instanceof Date ? cell.toISOString() : cell };
  // The common case of a CSV file (plain digits) without the lenient rules' normalisation.
  if (/^\d{1,15}$/.test(cell)) return { value: Number(cell) };
  const r = readNumber(cell);
  return r ?? { value: cell };
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

/** Label → id lookups for grades and stages of a system (see `systemLabelIndex`). */
export type SystemLabels = SystemLabelIndex;

/** Builds the grade and stage lookups: ids, every label and every alias, normalised. */
export function systemLabels(system: SchoolSystem): SystemLabels {
  return systemLabelIndex(system);
}

function set(value: unknown, rule?: LenientRule): FieldValue {
  return rule === undefined ? { set: true, value } : { set: true, value, rule };
}

/**
 * Converts one cell to the value of its field (see `CellKind`). Empty cells leave the field out,
 * except `count-or-missing`, where an empty cell or a dash (`-`, `—`, `–`) is `null` (a missing
 * figure, not zero). A text cell that holds an empty or blank text (a quoted `""` in CSV) gives
 * that text; in a list column it gives an empty list. Lenient forms (`readNumber`, `readYear`,
 * `readDate`, grade and stage names) give their value and the `rule` that read them.
 */
export function cellToField(cell: CellValue, column: ColumnSpec, labels: SystemLabels): FieldValue {
  // Text is kept exactly, blank or empty (`""`, written quoted in CSV); only an empty cell leaves it out.
  if (column.kind === "text" && cell !== null) return { set: true, value: asText(cell) };
  // An empty text in a list cell (`""`) is an empty list: an area with `grades: []` teaches nothing.
  if (column.kind === "list" && cell === "") return { set: true, value: [] };
  if (isEmpty(cell)) return column.kind === "count-or-missing" ? { set: true, value: null } : column.kind === "grade-spans" ? { set: false, error: `is empty; write ${GRADE_SPAN_FORM}` } : NOTHING;
  if (typeof cell === "string" && (column.kind === "count-or-missing" || column.kind === "integer" || column.kind === "number") && isMissingMark(cell)) {
    // A dash is a missing figure: null where the field may be missing, else the field is left out
    // (an optional field is then absent; a required one is reported missing by the dataset check).
    return column.kind === "count-or-missing" ? set(null, "missing-dash") : { set: false, rule: "missing-dash" };
  }
  switch (column.kind) {
    case "text":
      return { set: true, value: asText(cell) };
    case "id":
      return { set: true, value: asText(cell).trim() };
    case "integer":
    case "number":
    case "count-or-missing": {
      if (typeof cell === "string" && YEAR_FIELDS.has(column.path[column.path.length - 1]!)) {
        const y = readYear(cell);
        if (y) return set(y.value, y.rule);
      }
      const r = cellNumberRead(cell);
      return set(r.value, r.rule);
    }
    case "date": {
      const t = asText(cell).trim();
      const d = readDate(t);
      return d ? set(d.value, d.rule) : { set: true, value: t };
    }
    case "list": {
      const items = asText(cell).split(/[\s,;，；、]+/).filter((s) => s !== "");
      // Grade lists (an area's grades) take the system's names too: `一年级 二年级` → P1 P2.
      if (column.path[column.path.length - 1] !== "grades") return { set: true, value: items };
      let rule: LenientRule | undefined;
      const value = items.map((it) => {
        const k = normalizeName(it);
        const id = labels.grades.get(k);
        if (id === undefined) return it;
        if (labels.aliases.has(k)) rule = "label";
        return id;
      });
      return set(value, rule);
    }
    case "grade":
    case "stage": {
      const t = asText(cell).trim();
      const map = column.kind === "grade" ? labels.grades : labels.stages;
      const k = normalizeName(t);
      const id = map.get(k);
      if (id === undefined) return { set: true, value: t };
      return set(id, labels.aliases.has(k) ? "label" : undefined);
    }
    case "grade-spans": {
      const r = readGradeSpans(asText(cell), labels);
      if (!r.ok) return { set: false, error: r.error };
      return set(r.spans, r.alias ? "label" : undefined);
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
