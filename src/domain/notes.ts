/**
 * A note as coded data: what a computation did that the caller should know (a record not
 * scheduled, a ratio that fell back to a pooled value, an assumption made), as a code and its
 * parameters. Notes are never prose: the report's labels render each code in English and
 * Chinese, so the same note reads right in every language.
 */

/** A parameter value of a note. */
export type NoteValue = string | number | boolean | null | readonly (string | number)[];

/**
 * A coded note.
 *
 * `code` is a dotted identifier owned by the layer that emits it (`"schedule.closure-exceeds-places"`);
 * `params` holds the values the rendered sentence needs (area, stage, year, figures).
 *
 * @example
 * ```ts
 * const n: Note = { code: "schedule.closure-exceeds-places", params: { area: "jc", stage: "primary", year: 2022, places: 3500, removed: 1000000 } };
 * ```
 */
export interface Note {
  readonly code: string;
  readonly params: Readonly<Record<string, NoteValue>>;
}

/**
 * Builds a frozen note.
 *
 * @param code - the note's code
 * @param params - its parameters
 * @example
 * ```ts
 * note("fit.pooled-ratio", { area: "jc", grade: "P2" }).code // "fit.pooled-ratio"
 * ```
 */
export function note(code: string, params: Readonly<Record<string, NoteValue>> = {}): Note {
  return Object.freeze({ code, params: Object.freeze({ ...params }) });
}
