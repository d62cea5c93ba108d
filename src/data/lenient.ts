import type { SchoolSystem } from "../domain/schoolSystem.js";
import { indexSystem } from "../domain/systemIndex.js";

/**
 * Lenient reading of the cells people write in spreadsheets: each function accepts a fixed,
 * tested set of forms and says which rule it applied, so that readers can warn "read 1,234人 as
 * 1234". Anything outside the listed forms gives `undefined` (the caller keeps it as an error):
 * an ambiguous cell is never guessed.
 *
 * Core module (no Node imports): used by the file readers and by `fromWide`.
 */

/** A value read from text, and the rule that read it (`undefined` rule: the plain form). */
export interface LenientRead<T> {
  readonly value: T;
  /** The rule applied, e.g. `"unit"`; absent when the text was in the plain form. */
  readonly rule?: LenientRule;
}

/**
 * The rules of lenient reading, one per accepted form:
 * - `thousands`: `1,234` or `1 234` (groups of three digits) → 1234
 * - `unit`: a count with a unit after it, `1234人`, `12所`, `300套` → 1234, 12, 300
 * - `full-width`: full-width digits `１２３４` → 1234
 * - `missing-dash`: `-`, `—`, `–`, `--`, `——` for a missing figure (not zero)
 * - `year-suffix`: `2016年`, `2016学年`, `2016年度` → 2016
 * - `school-year-range`: `2016-17`, `2016/2017`, `2016—2017学年` → 2016 (the year it starts)
 * - `date-slash`: `2026/9/30`, `2026.9.30`, `2026-9-30` → `2026-09-30`
 * - `date-chinese`: `2026年9月30日` → `2026-09-30`
 * - `month-end`: a month without a day, `2026年9月`, `2026/9`, `2026-09` → its last day, `2026-09-30`
 * - `label`: a grade or stage name of the system (`一年级` → P1, `幼儿园` → preschool)
 * - `area-name`: an area given by its unique name (`青山县` → its id)
 * - `school-name`: a school given by its unique name (`城区第一小学` → its id)
 */
export type LenientRule =
  | "thousands"
  | "unit"
  | "full-width"
  | "missing-dash"
  | "year-suffix"
  | "school-year-range"
  | "date-slash"
  | "date-chinese"
  | "month-end"
  | "label"
  | "area-name"
  | "school-name";

/** Units accepted after a count (people, schools, dwellings, classes, places). */
const UNITS = ["个学位", "学位", "人", "名", "个", "所", "套", "户", "班", "间", "座", "位"];
const UNIT_RE = new RegExp(`^(.*?\\d)\\s*(${UNITS.join("|")})$`);
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}([, \u00a0\u202f\u2009]\d{3})+(\.\d+)?$/;
const DASHES = new Set(["-", "--", "—", "——", "–", "‒", "―", "−", "－"]);

function hasFullWidth(text: string): boolean {
  return /[\uff10-\uff19\uff0c\uff0e]/.test(text);
}

/**
 * Whether a cell's text marks a missing figure: a dash of any kind (`-`, `—`, `–`, `--`, `——`).
 * Empty text is handled by the caller (an empty cell).
 *
 * @example
 * ```ts
 * isMissingMark("—") // true
 * isMissingMark("0") // false
 * ```
 */
export function isMissingMark(text: string): boolean {
  return DASHES.has(text.normalize("NFKC").trim()) || DASHES.has(text.trim());
}

/**
 * Reads a number from text: the plain form (`1234`, `-4`, `12.5`), thousands separators (`1,234`,
 * `1 234`), full-width digits (`１２３４`), a unit after it (`1,234人`). `undefined` for anything
 * else (`12 34`, `1.234.567`, `约1200`), which stays an error.
 *
 * @example
 * ```ts
 * readNumber("1,234人") // { value: 1234, rule: "unit" }
 * readNumber("1 234") // { value: 1234, rule: "thousands" }
 * readNumber("12 34") // undefined
 * ```
 */
export function readNumber(text: string): LenientRead<number> | undefined {
  let t = text.normalize("NFKC").trim();
  let rule: LenientRule | undefined = hasFullWidth(text) ? "full-width" : undefined;
  const u = UNIT_RE.exec(t);
  if (u) {
    t = u[1]!.trim();
    rule = "unit";
  }
  if (PLAIN_NUMBER.test(t)) return rule ? { value: Number(t), rule } : { value: Number(t) };
  if (THOUSANDS.test(t)) return { value: Number(t.replace(/[, \u00a0\u202f\u2009]/g, "")), rule: rule ?? "thousands" };
  return undefined;
}

/**
 * Reads a year: `2016`, `2016年`, `2016学年`, `2016年度`, and a school year written as a range,
 * `2016-17`, `2016/2017`, `2016—2017学年`, as the year it starts (placecast labels a school year by
 * its first calendar year). A range whose second year is not the next year (`2016-2018`) is
 * `undefined`.
 *
 * @example
 * ```ts
 * readYear("2016年") // { value: 2016, rule: "year-suffix" }
 * readYear("2016-17") // { value: 2016, rule: "school-year-range" }
 * readYear("2016-18") // undefined
 * ```
 */
export function readYear(text: string): LenientRead<number> | undefined {
  const t = text.normalize("NFKC").trim();
  if (/^\d{4}$/.test(t)) return { value: Number(t) };
  const s = /^(\d{4})\s*(年|学年|年度)$/.exec(t);
  if (s) return { value: Number(s[1]), rule: "year-suffix" };
  const r = /^(\d{4})\s*[-/–—~～至]\s*(\d{2}|\d{4})\s*(年|学年|年度)?$/.exec(t);
  if (r) {
    const first = Number(r[1]);
    const second = r[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(r[2]) + (Number(r[2]) < first % 100 ? 100 : 0) : Number(r[2]);
    return second === first + 1 ? { value: first, rule: "school-year-range" } : undefined;
  }
  return undefined;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Reads a date as `yyyy-mm-dd`: ISO (`2026-09-30`), `2026/9/30`, `2026.9.30`, `2026-9-30`,
 * `2026年9月30日`; a month without a day (`2026年9月`, `2026/9`, `2026-09`) as the month's last
 * day, the day by which a dwelling "completed in September" is complete. `undefined` for an
 * impossible date (`2026/2/30`) or any other form (`9/30/2026`, whose order is ambiguous).
 *
 * @example
 * ```ts
 * readDate("2026/9/30") // { value: "2026-09-30", rule: "date-slash" }
 * readDate("2026年9月") // { value: "2026-09-30", rule: "month-end" }
 * ```
 */
export function readDate(text: string): LenientRead<string> | undefined {
  const t = text.normalize("NFKC").trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const [y, m, d] = t.split("-").map(Number) as [number, number, number];
    return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) ? { value: t } : undefined;
  }
  let m = /^(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(t);
  let rule: LenientRule = "date-slash";
  if (!m) {
    m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]$/.exec(t);
    rule = "date-chinese";
  }
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) ? { value: iso(y, mo, d), rule } : undefined;
  }
  const month = /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?:份)?|[/.-]\s*(\d{1,2}))$/.exec(t);
  if (month) {
    const y = Number(month[1]);
    const mo = Number(month[2] ?? month[3]);
    return mo >= 1 && mo <= 12 ? { value: iso(y, mo, daysIn(y, mo)), rule: "month-end" } : undefined;
  }
  return undefined;
}

/**
 * Normalises a header, sheet name, label or enum value for matching: NFKC (full-width to
 * half-width), lower case, without spaces, `_`, `.`, `-`, and without a trailing bracketed unit
 * (`人数（人）` → `人数`, `Pupils (number)` → `pupils`).
 *
 * @example
 * ```ts
 * normalizeName(" Grade_1 ") // "grade1"
 * ```
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/\s*\([^()]*\)\s*$/, "")
    .toLowerCase()
    .replace(/[\s_.\-]+/g, "");
}

/** The names of a system's grades and stages, normalised, for readers (`systemLabelIndex`). */
export interface SystemLabelIndex {
  /** Normalised id, label or alias → grade id. */
  readonly grades: ReadonlyMap<string, string>;
  /** Normalised id, label or alias → stage id. */
  readonly stages: ReadonlyMap<string, string>;
  /**
   * Normalised names that only an alias gives (`一年级`, `幼儿园`): readers warn when they read
   * one; ids and labels are the documented forms and read without a warning.
   */
  readonly aliases: ReadonlySet<string>;
}

/**
 * Indexes a system's grade and stage names: ids, labels (every language) and `aliases`. A name
 * that two grades (or two stages) share is left out, so that it stays an error, never a guess.
 *
 * @example
 * ```ts
 * systemLabelIndex(chinaSchoolSystem).grades.get("一年级") // "P1"
 * ```
 */
export function systemLabelIndex(system: SchoolSystem): SystemLabelIndex {
  const ix = indexSystem(system);
  const official = new Set<string>();
  const aliasKeys = new Set<string>();
  const build = (items: readonly { id: string; names: readonly string[]; aliases: readonly string[] }[]): Map<string, string> => {
    const m = new Map<string, string>();
    const clash = new Set<string>();
    for (const it of items) {
      for (const n of [it.id, ...it.names]) official.add(normalizeName(n));
      for (const n of it.aliases) aliasKeys.add(normalizeName(n));
      for (const n of [it.id, ...it.names, ...it.aliases]) {
        const k = normalizeName(n);
        if (k === "") continue;
        const prev = m.get(k);
        if (prev !== undefined && prev !== it.id) clash.add(k);
        else m.set(k, it.id);
      }
    }
    for (const k of clash) m.delete(k);
    return m;
  };
  const names = (label: object): string[] => Object.values(label).filter((v): v is string => typeof v === "string");
  const grades = build(ix.grades.map((g) => ({ id: g.id, names: names(g.def.label), aliases: g.def.aliases ?? [] })));
  const stages = build(system.stages.map((s) => ({ id: s.id, names: names(s.label), aliases: s.aliases ?? [] })));
  for (const k of official) aliasKeys.delete(k);
  return { grades, stages, aliases: aliasKeys };
}

/** The names a reader accepts for each grade and stage of a system (`validLabels`). */
export interface ValidLabels {
  readonly grades: readonly { readonly id: string; readonly names: readonly string[] }[];
  readonly stages: readonly { readonly id: string; readonly names: readonly string[] }[];
}

/**
 * Every name the readers accept for each grade and stage of a system, in system order: the id,
 * the labels and the aliases (names shared by two grades are left out, as the readers refuse
 * them). For templates (a list of valid values beside a column) and messages.
 *
 * @example
 * ```ts
 * validLabels(chinaSchoolSystem).grades[3] // { id: "P1", names: ["P1", "Primary 1", "小学一年级", "一年级", "1年级", "小学1年级"] }
 * ```
 */
export function validLabels(system: SchoolSystem): ValidLabels {
  const index = systemLabelIndex(system);
  const ix = indexSystem(system);
  const list = (id: string, label: object, aliases: readonly string[] | undefined, map: ReadonlyMap<string, string>): { id: string; names: string[] } => {
    const names: string[] = [];
    for (const n of [id, ...Object.values(label).filter((v): v is string => typeof v === "string"), ...(aliases ?? [])]) {
      if (map.get(normalizeName(n)) === id && !names.includes(n)) names.push(n);
    }
    return { id, names };
  };
  return {
    grades: ix.grades.map((g) => list(g.id, g.def.label, g.def.aliases, index.grades)),
    stages: system.stages.map((s) => list(s.id, s.label, s.aliases, index.stages)),
  };
}
