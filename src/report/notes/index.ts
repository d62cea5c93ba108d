import type { Note } from "../../domain/notes.js";
import type { Lang } from "../../domain/sourced.js";
import { fitNoteTexts } from "./fit.js";
import { flagsNoteTexts } from "./flags.js";
import { housingNoteTexts } from "./housing.js";
import { reportNoteTexts } from "./report.js";
import { scheduleNoteTexts, simulateNoteTexts } from "./supply.js";
import { planNoteTexts } from "./plan.js";
import { wideNoteTexts } from "./wide.js";
import { schoolsNoteTexts } from "./schools.js";
import { cliNoteTexts } from "./cli.js";
import { cliSchoolsNoteTexts } from "./cliSchools.js";
import { adviseNoteTexts } from "./advise.js";
import type { NoteText, NoteTexts } from "./types.js";

export type { NoteText, NoteTexts } from "./types.js";

/**
 * The texts of every layer, one `NoteTexts` per layer file under `report/notes/`. A code is owned
 * by one layer (its prefix: `fit.`, `housing.`, `flags.`, `report.`, `schedule.`, `simulate.`,
 * `plan.`, `cli.`); the test suite checks that no code appears in two layers and that every code
 * has both texts.
 *
 * @example
 * ```ts
 * Object.keys(noteTextsByLayer).includes("flags") // true
 * ```
 */
export const noteTextsByLayer: Readonly<Record<string, NoteTexts>> = /* @__PURE__ */ Object.freeze({
  fit: fitNoteTexts,
  housing: housingNoteTexts,
  flags: flagsNoteTexts,
  report: reportNoteTexts,
  schedule: scheduleNoteTexts,
  simulate: simulateNoteTexts,
  plan: planNoteTexts,
  wide: wideNoteTexts,
  schools: schoolsNoteTexts,
  // cli.schools-…: the command line's school notes (issue 16), merged by a pure call (an object spread here would keep the catalogue in every bundle).
  cli: /* @__PURE__ */ mergeTexts({ cli: cliNoteTexts, schools: cliSchoolsNoteTexts }),
  advise: adviseNoteTexts,
});

/**
 * The merged catalogue: every note code placecast emits → its English and Chinese texts.
 *
 * @example
 * ```ts
 * noteTexts["flags.shortfall"]!.zh({ short: 5, pupils: 105, places: 100 }) // "学位缺口 5 个：学生 105 人，学位 100 个"
 * ```
 */
export const noteTexts: NoteTexts = /* @__PURE__ */ mergeTexts(noteTextsByLayer);

/** One catalogue from the layers' (a plain call on a name, so bundlers can drop it when unused). */
function mergeTexts(layers: Readonly<Record<string, NoteTexts>>): NoteTexts {
  return Object.freeze(Object.assign({}, ...Object.values(layers)) as Record<string, NoteText>);
}

/**
 * A note as a sentence in the report's language, from the catalogue (`noteTexts`).
 *
 * A code missing from the catalogue is rendered as the code and its parameters (JSON), so that
 * nothing is lost; the test suite checks that every code emitted has both texts.
 *
 * @param note - a coded note (`note(code, params)`)
 * @param lang - `"en"` or `"zh-CN"`
 * @example
 * ```ts
 * renderNote(note("flags.shortfall", { short: 250, pupils: 1250, places: 1000 }), "en")    // "shortfall of 250 places: 1,250 pupils for 1,000 places"
 * renderNote(note("flags.shortfall", { short: 250, pupils: 1250, places: 1000 }), "zh-CN") // "学位缺口 250 个：学生 1,250 人，学位 1,000 个"
 * ```
 */
export function renderNote(note: Note, lang: Lang): string {
  const t = Object.prototype.hasOwnProperty.call(noteTexts, note.code) ? noteTexts[note.code] : undefined;
  if (!t) return `${note.code} ${JSON.stringify(note.params)}`;
  return lang === "zh-CN" ? t.zh(note.params) : t.en(note.params);
}

/**
 * A note or a plain string (from a layer whose notes are not coded yet) in the report's
 * language: notes through `renderNote`, strings as they are.
 *
 * @example
 * ```ts
 * noteText("as given", "zh-CN") // "as given"
 * ```
 */
export function noteText(n: Note | string, lang: Lang): string {
  return typeof n === "string" ? n : renderNote(n, lang);
}
