import type { GradeSpan } from "../data/records/schools.js";
import { normalizeName, type SystemLabelIndex } from "../data/lenient.js";

/**
 * The cell form of a school's grade spans (the `grades` / 年级范围 column of the schools sheet),
 * as a person writes it:
 *
 * - a range: `P1-P6`, `一年级-六年级`, `小学一年级至小学六年级`, `Year 7–Year 11` (separators `-`,
 *   `–`, `—`, `~`, `～`, `至`, `到`);
 * - a list: `P1, P3, P5` or `P1、P3` (commas or 、; spaces too when every word is a grade);
 *   one grade alone (`P1`) is a list of one;
 * - optional school years in brackets after a span: `(2012-)` from 2012 on, `(-2011)` or
 *   `(to 2011)` up to 2011, `(2012-2015)` from 2012 to 2015; in Chinese `（2012年起）`,
 *   `（至2011年）`, `（2012—2015年）`. Both years are included; a bare year is refused (from or to?);
 * - several spans separated by `;` (`；` or a line break): a school that taught K-5 to 2011 and
 *   K-8 from 2012 is `K-G5 (-2011); K-G8 (2012-)`.
 *
 * Grades are ids or any name the school system accepts (`validLabels`). Core-free text handling:
 * the module imports nothing from Node.
 */

/** What `readGradeSpans` gives: the spans, the label rule when a grade was read from an alias, or an error text. */
export type GradeSpansRead =
  | { readonly ok: true; readonly spans: GradeSpan[]; readonly alias: boolean }
  | { readonly ok: false; readonly error: string };

const RANGE_SEP = /\s*(?:[-–—~～]|至|到)\s*/;
const LIST_SEP = /\s*[,，、]\s*/;
const SPAN_SEP = /\s*[;；\n\r]+\s*/;
/** Years in brackets at the end of a span: `(2012-)`, `（至2011年）`. */
const YEARS_AT_END = /^(.*?)\s*[(（]([^()（）]*\d{4}[^()（）]*)[)）]\s*$/;

/** The form, for messages. */
export const GRADE_SPAN_FORM = 'a range "P1-P6" (or "一年级-六年级"), a list "P1, P3", optional years "(2012-)", "(-2011)", "(2012-2015)", spans separated by ";"';

function readYears(text: string): { from?: number; to?: number } | string {
  const t = text.normalize("NFKC").trim();
  const years = [...t.matchAll(/\d{4}/g)].map((m) => Number(m[0]));
  const rest = t.replace(/\d{4}/g, "#").replace(/\s+/g, "").replace(/学?年度?/g, "").toLowerCase();
  if (years.length === 2) {
    if (!/^(from)?#(?:[-–—~～]|至|到|to)#$/.test(rest)) return `cannot read the years "${text}"; write them as (2012-2015)`;
    return { from: years[0]!, to: years[1]! };
  }
  if (years.length !== 1) return `cannot read the years "${text}"; write (2012-), (-2011) or (2012-2015)`;
  if (/^(#[-–—~～]|#起|#以来|#以后|from#|从#起?|自#起?|since#)$/.test(rest)) return { from: years[0]! };
  if (/^([-–—~～]#|#止|#以前|to#|until#|至#|到#)$/.test(rest)) return { to: years[0]! };
  return `cannot tell whether ${years[0]} in "${text}" is the first or the last year; write (${years[0]}-) from that year on, or (-${years[0]}) up to it`;
}

function gradeOf(text: string, labels: SystemLabelIndex): { id: string; alias: boolean } | undefined {
  const k = normalizeName(text);
  const id = labels.grades.get(k);
  return id === undefined ? undefined : { id, alias: labels.aliases.has(k) };
}

/**
 * Reads a grade-span cell (see the module comment for the form) with the grade names of a school
 * system. A grade that is not one of the system's is an error naming it; so is a span that is
 * neither a range nor a list, or years that do not say from or to.
 *
 * @param text - the cell's text
 * @param labels - the system's grade names (`systemLabels(system)`)
 * @example
 * ```ts
 * readGradeSpans("一年级-六年级（2012年起）", systemLabels(chinaSchoolSystem))
 * // { ok: true, spans: [{ first: "P1", last: "P6", from: 2012 }], alias: true }
 * ```
 */
export function readGradeSpans(text: string, labels: SystemLabelIndex): GradeSpansRead {
  const parts = text.trim().split(SPAN_SEP).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, error: `is empty; write ${GRADE_SPAN_FORM}` };
  const spans: GradeSpan[] = [];
  let alias = false;
  for (const part of parts) {
    let body = part;
    let years: { from?: number; to?: number } = {};
    const m = YEARS_AT_END.exec(part);
    if (m) {
      const y = readYears(m[2]!);
      if (typeof y === "string") return { ok: false, error: y };
      if (y.from !== undefined && y.to !== undefined && y.to < y.from) return { ok: false, error: `the years of "${part}" run from ${y.from} to ${y.to}; the last year must not be before the first` };
      years = y;
      body = m[1]!;
    }
    body = body.trim();
    if (body === "") return { ok: false, error: `"${part}" names no grade; write ${GRADE_SPAN_FORM}` };
    // A range first (a separator between two grades), then one grade whose name holds no empty
    // end (so "P1-" is refused, not read as P1), then a list.
    const ends = body.split(RANGE_SEP);
    const whole = ends.includes("") ? undefined : gradeOf(body, labels);
    let span: GradeSpan;
    if (whole && !(ends.length === 2 && gradeOf(ends[0]!, labels) && gradeOf(ends[1]!, labels))) {
      alias ||= whole.alias;
      span = { list: [whole.id] };
    } else {
      if (ends.length === 2 && ends[0] !== "" && ends[1] !== "" && !LIST_SEP.test(body)) {
        const a = gradeOf(ends[0]!, labels);
        const b = gradeOf(ends[1]!, labels);
        if (!a || !b) return { ok: false, error: `${!a ? `"${ends[0]}"` : `"${ends[1]}"`} in "${part}" is not a grade of the school system` };
        alias ||= a.alias || b.alias;
        span = { first: a.id, last: b.id };
      } else if (ends.length > 1) {
        return { ok: false, error: `cannot read "${part}" as grades; write ${GRADE_SPAN_FORM}` };
      } else {
        let items = body.split(LIST_SEP).filter((x) => x !== "");
        if (items.length === 1) items = body.split(/\s+/);
        const ids: string[] = [];
        for (const it of items) {
          const g = gradeOf(it, labels);
          if (!g) return { ok: false, error: `"${it}" in "${part}" is not a grade of the school system; write ${GRADE_SPAN_FORM}` };
          alias ||= g.alias;
          ids.push(g.id);
        }
        span = { list: ids };
      }
    }
    spans.push({ ...span, ...(years.from !== undefined ? { from: years.from } : {}), ...(years.to !== undefined ? { to: years.to } : {}) });
  }
  return { ok: true, spans, alias };
}

/**
 * Writes grade spans in the cell form `readGradeSpans` reads back to the same spans: ranges as
 * `P1-P6`, lists as `P1, P3`, years as `(2012-)`, `(-2011)`, `(2012-2015)`, spans joined by `; `.
 *
 * @example
 * ```ts
 * formatGradeSpans([{ first: "K", last: "G5", to: 2011 }, { first: "K", last: "G8", from: 2012 }]) // "K-G5 (-2011); K-G8 (2012-)"
 * ```
 */
export function formatGradeSpans(spans: readonly GradeSpan[]): string {
  return spans
    .map((s) => {
      const grades = s.list ? s.list.join(", ") : `${s.first ?? ""}-${s.last ?? ""}`;
      const years = s.from === undefined && s.to === undefined ? "" : ` (${s.from ?? ""}-${s.to ?? ""})`;
      return `${grades}${years}`;
    })
    .join("; ");
}
