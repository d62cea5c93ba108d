import type { Note } from "../domain/notes.js";

/** Where an issue was found: record type, row index, then field, as in zod's `path`. */
export type IssuePath = readonly (string | number)[];

/** Severity: errors stop parsing; warnings are reported with the parsed dataset. */
export type IssueSeverity = "error" | "warning";

/**
 * One problem found in input data, as data: a stable `code`, the `path` to the offending value
 * and a `message` that says what is wrong and what to do about it.
 *
 * @example
 * ```ts
 * { code: "invalid_value", severity: "error", path: ["enrolment", 12, "pupils"],
 *   message: "enrolment[12] (area jiangcheng, grade P3, year 2018): pupils must be a non-negative integer, or null when the figure is missing; got -4" }
 * ```
 */
export interface DataIssue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  readonly path: IssuePath;
  readonly message: string;
  /**
   * The message as coded data (a `data.…` code and its parameters), so that it can be rendered in
   * another language (`placecast/node`'s `issueText(issue, "zh-CN")`); `message` stays the
   * English text. Absent on issues not coded yet (they render as `message`). Parameters
   * `table`, `index` and `keys` (field, value, field, value…) say which record it is about.
   */
  readonly detail?: Note;
}

/** The codes a `DataIssue` can carry. */
export type IssueCode =
  | "invalid_type"
  | "invalid_value"
  | "unknown_field"
  | "reserved_id"
  | "duplicate"
  | "unknown_area"
  | "unknown_grade"
  | "unknown_stage"
  | "grade_not_offered"
  | "unknown_parent"
  | "parent_cycle"
  | "year_gap"
  | "missing_record"
  | "history_ends_early"
  | "no_enrolment"
  | "insufficient_history"
  | "inconsistent"
  | "unknown_reference"
  | "too_large"
  /** A warning: a cell read by a lenient rule (`1,234人` as 1234, `一年级` as P1, an area's name as its id). */
  | "read_as"
  /** A warning: a total row (`合计`, `Total`) or total column dropped, after checking it against the sum. */
  | "total_row";

/**
 * Thrown by `parseDataset` (and other throwing entry points) with every issue found, not just
 * the first.
 */
export class DatasetError extends Error {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the input:\n${formatIssues(issues)}`);
    this.name = "DatasetError";
    this.issues = issues;
  }
}

/** Options of `formatIssues`. */
export interface FormatIssuesOptions {
  /** Most issues listed; the rest are counted. @defaultValue `50` */
  readonly limit?: number;
  /** The text of one issue (another language: `issueText` of `placecast/node`). @defaultValue the issue's `message` */
  readonly text?: (issue: DataIssue) => string;
  /** The line that counts the issues not listed. @defaultValue `… and N more` */
  readonly more?: (count: number) => string;
}

/**
 * Formats issues for people, one per line, errors first; control characters in a message are
 * escaped (`escapeControls`), so that each issue stays one line of plain text.
 *
 * @example
 * ```ts
 * formatIssues(err.issues) // "✗ enrolment[12] (area jiangcheng, grade P3, year 2018): pupils must be …"
 * ```
 */
export function formatIssues(issues: readonly DataIssue[], options: FormatIssuesOptions = {}): string {
  const limit = options.limit ?? 50;
  const text = options.text ?? ((i: DataIssue) => i.message);
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const lines = sorted.slice(0, limit).map((i) => `${i.severity === "error" ? "✗" : "!"} ${escapeControls(text(i))}`);
  if (sorted.length > limit) lines.push(options.more ? options.more(sorted.length - limit) : `… and ${sorted.length - limit} more`);
  return lines.join("\n");
}

/** Builds an issue; `detail` is the message as coded data (see `DataIssue.detail`). */
export function issue(code: IssueCode, path: IssuePath, message: string, severity: IssueSeverity = "error", detail?: Note): DataIssue {
  return detail ? { code, severity, path, message, detail } : { code, severity, path, message };
}

/** A result that is either a value with warnings, or the list of issues that stopped it. */
export type Result<T> =
  | { readonly success: true; readonly data: T; readonly warnings: readonly DataIssue[] }
  | { readonly success: false; readonly issues: readonly DataIssue[] };

/** How deep `show` looks into arrays and objects, and how many items or keys it lists. */
const SHOW_DEPTH = 3;
const SHOW_ITEMS = 5;

/** Characters a terminal may act on: C0 controls, DEL, C1 controls (CSI \u009b), line and paragraph separators, bidi embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes the characters of a text that a terminal would act on (`CONTROL`: ESC sequences, bell,
 * carriage return, C1 controls, bidi overrides…) as `\uXXXX`, so that a message read from a file
 * prints as text on one line.
 *
 * @example
 * ```ts
 * escapeControls("a\u001b[2Jb") // "a\\u001b[2Jb"
 * ```
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Most characters of a text that a message quotes; longer texts are cut with an ellipsis and their length. */
export const SHOW_CHARS = 80;

/** Cuts a text to `SHOW_CHARS` characters (not splitting a surrogate pair); the rest becomes "…". */
function cut(text: string): { head: string; cut: boolean } {
  if (text.length <= SHOW_CHARS) return { head: text, cut: false };
  let head = text.slice(0, SHOW_CHARS);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return { head, cut: true };
}

/**
 * A user text for a message without quotes (ids in `area jiangcheng, grade P3`): at most
 * `SHOW_CHARS` characters, then `… (N characters)`.
 *
 * @example
 * ```ts
 * clip("jiangcheng") // "jiangcheng"
 * clip("x".repeat(100)).slice(78) // "xx… (100 characters)"
 * ```
 */
export function clip(text: string): string {
  const c = cut(text);
  return escapeControls(c.cut ? `${c.head}… (${text.length} characters)` : text);
}

function quote(text: string): string {
  const c = cut(text);
  return escapeControls(c.cut ? `${JSON.stringify(c.head).slice(0, -1)}…" (${text.length} characters)` : JSON.stringify(text));
}

function preview(value: unknown, depth: number): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === undefined) return "nothing";
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") return `a ${typeof value}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (depth <= 0) return "[…]";
    const items = value.slice(0, SHOW_ITEMS).map((v: unknown) => preview(v, depth - 1));
    return `[${items.join(", ")}${value.length > SHOW_ITEMS ? `, … (${value.length} items)` : ""}]`;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 0) return "{}";
    if (depth <= 0) return "{…}";
    const items = keys.slice(0, SHOW_ITEMS).map((k) => `${quote(k)}: ${preview((value as Record<string, unknown>)[k], depth - 1)}`);
    return `{${items.join(", ")}${keys.length > SHOW_ITEMS ? `, … (${keys.length} keys)` : ""}}`;
  }
  return "a value";
}

/**
 * Shows a user value in a message: strings quoted and cut to `SHOW_CHARS` characters (a 10 MB
 * cell gives `"xxx…" (10485760 characters)`), numbers as typed, arrays and objects as a
 * preview at most 3 levels deep with at most 5 items each (`{"a": {"a": {"a": {…}}}}`), so that
 * any input, however deep, gives a short message and never overflows the stack.
 *
 * @example
 * ```ts
 * show("x") // '"x"'
 * show([[[[[1]]]]]) // "[[[[…]]]]"
 * ```
 */
export function show(value: unknown): string {
  return preview(value, SHOW_DEPTH);
}

/** Ids that collide with properties of `Object.prototype` and are refused as ids. */
export function isReservedId(id: string): boolean {
  return id in Object.prototype || id === "__proto__" || id === "prototype";
}

/** Levenshtein edit distance of two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A suggestion for a mistyped key: `; did you mean "primary"?` for the closest candidate within
 * an edit distance of max(1, ⌊length / 3⌋) (case-insensitive), or `""` when none is close.
 *
 * @example
 * ```ts
 * didYouMean("primry", ["preschool", "primary"]) // '; did you mean "primary"?'
 * ```
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closest(word, candidates);
  return best === undefined ? "" : `; did you mean ${show(best)}?`;
}

/**
 * The candidate closest to a mistyped key (the one `didYouMean` suggests), or `undefined`.
 *
 * @example
 * ```ts
 * closest("primry", ["preschool", "primary"]) // "primary"
 * ```
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 100) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
