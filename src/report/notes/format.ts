import type { Note, NoteValue } from "../../domain/notes.js";
import { formatCount } from "../textTable.js";

/**
 * Reading and formatting the parameters of a note for its sentence (presentation only: numbers
 * are rounded here and nowhere in the computation).
 */
type Params = Note["params"];

/** A parameter as a string (ids, labels); `""` when absent. */
export function s(p: Params, key: string): string {
  const v = p[key];
  return v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v);
}

/** A parameter as a number; NaN when absent or not a number. */
export function n(p: Params, key: string): number {
  const v = p[key];
  return typeof v === "number" ? v : NaN;
}

/** A parameter as a list of strings (a single value becomes a list of one). */
export function list(p: Params, key: string): string[] {
  const v: NoteValue | undefined = p[key];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** A parameter as a boolean. */
export function b(p: Params, key: string): boolean {
  return p[key] === true;
}

/**
 * A count with thousands separators, rounded to a whole number: `count(1234.6)` → `"1,235"`.
 *
 * @example
 * ```ts
 * count(-2500) // "-2,500"
 * ```
 */
export function count(x: number): string {
  return formatCount(Math.round(x) || 0); // || 0: no "-0"
}

/** A share as a percentage with one decimal: `pct(0.0512)` → `"5.1%"`. */
export function pct(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** A number with `d` decimals (ratios, imputed figures). */
export function fixed(x: number, d: number): string {
  return Number.isFinite(x) ? x.toFixed(d) : String(x);
}

/** Items joined for English (", ") or Chinese ("、"). */
export function join(items: readonly string[], lang: "en" | "zh"): string {
  return items.join(lang === "zh" ? "、" : ", ");
}

/** A share as a percentage with at most one decimal: `share(0.05)` → `"5%"`, `share(0.125)` → `"12.5%"`. */
export function share(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
