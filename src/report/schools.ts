/**
 * The report's schools section: per area, from a school forecast (`forecastSchools`) and its
 * assessment (`assessSchools`), the schools short and by how many places, the schools under-used,
 * the net surplus an area total would show, classes in the system's bands from its
 * `eliminateBand` up (China: 56+ 大班额, 66+ 超大班额) per school, and the schools with the largest
 * shortfall and surplus with their intervals. Built by `buildReport`; not a public entry.
 */
import type { Assessment } from "../capacity/assess.js";
import type { Dataset } from "../data/dataset.js";
import { note, type Note } from "../domain/notes.js";
import type { Lang } from "../domain/sourced.js";
import { bandsForStage, indexSystem } from "../domain/systemIndex.js";
import { schoolPupilRecords, schoolTotalRecords, type SchoolForecast } from "../schools/model.js";
import type { SchoolAssessment, SchoolAssessmentResult } from "../schools/places.js";
import { bandMinText, chartBand, schoolUtilisationChart, type ChartOptions, type SchoolUtilisationPoint } from "./charts.js";
import type { ReportBlock } from "./document.js";
import { fillLabel, type ReportLabels } from "./labels.js";
import { renderNote } from "./notes/index.js";
import { formatCount } from "./textTable.js";

/** What the section needs of the report being built. */
export interface SchoolSectionContext {
  readonly L: ReportLabels;
  readonly lang: Lang;
  readonly ds: Dataset;
  readonly chart: ChartOptions;
  readonly areaName: (id: string) => string;
}

/** Choices of the section (from `buildReport`'s options). */
export interface SchoolSectionOptions {
  /** The heading's text, numbered by the report. */
  readonly heading: string;
  /** Years of the per-year tables (those outside the school forecast are left out). */
  readonly years: readonly number[];
  /** Year of the largest-shortfall-and-surplus table and the chart; must be a year of the school forecast. */
  readonly year: number;
  /** Schools per list (short, surplus) in that table. */
  readonly listed: number;
  /** The area assessment, for the area view of class sizes (classes at or above a band under an even spread). */
  readonly assessment?: readonly Assessment[];
  /** Makes a chart id unique in the report. */
  readonly chartId: (raw: string) => string;
}

const MAX_LARGE = 10;
const MAX_NOTES = 10;

const percent = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const share = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const whole = (x: number): string => formatCount(Math.round(x) || 0);
const signed = (x: number): string => (Math.round(x) > 0 ? `+${whole(x)}` : whole(x));

/**
 * The year the schools section's school table and chart show by default: base + 5 when the
 * school forecast reaches it, else its last year.
 *
 * @example
 * ```ts
 * defaultSchoolYear([2020, 2021, 2022]) // 2022
 * ```
 */
export function defaultSchoolYear(years: readonly number[]): number {
  const base = years[0]!;
  return years.includes(base + 5) ? base + 5 : years[years.length - 1]!;
}

/**
 * The blocks of the schools section.
 *
 * Per area of the school forecast, in its order: a table per year (schools, schools short and the
 * places they lack, schools under the utilisation floor and their spare places, the net surplus of
 * the schools with places — what the area total shows —, classes at or above each band from the
 * system's `chartBand` up, counted per school from its own classes, beside the area view under an
 * even spread when the area assessment is given, and the share of pupils in classes over the
 * standard); the `schools.mismatch` and `schools.large-classes` notes of those years; the schools
 * with classes in the first such band (top 10 by the count in `year`); and in `year` the schools
 * with the largest shortfall and the largest surplus, with the interval of their pupils and the
 * surplus it implies (places − upper to places − lower), and a utilisation chart.
 *
 * @param c - the report's context
 * @param sf - the school forecast
 * @param sa - its assessment (`assessSchools(sf, ds)`)
 * @param o - the section's choices
 * @throws RangeError when `o.year` is not a year of the school forecast
 * @example
 * ```ts
 * const blocks = schoolSectionBlocks(c, sf, assessSchools(sf, ds), { heading: "3. Schools", years: [2020, 2025], year: 2025, listed: 5, chartId: (id) => id });
 * ```
 */
export function schoolSectionBlocks(c: SchoolSectionContext, sf: SchoolForecast, sa: SchoolAssessmentResult, o: SchoolSectionOptions): ReportBlock[] {
  const { L, lang, ds } = c;
  const S = L.schools;
  if (!sf.years.includes(o.year)) throw new RangeError(`buildReport: schoolYear ${o.year} is not a year of the school forecast (${sf.years[0]}–${sf.years[sf.years.length - 1]})`);
  const years = o.years.filter((y) => sf.years.includes(y));
  const base = sf.years[0]!;
  const level = sf.level === null ? null : share(sf.level);
  const floor = share(sa.utilisationFloor.value);
  const ids = new Set(sf.panel.schools);
  const schoolRecs = (ds.schools ?? []).filter((r) => ids.has(r.id));
  const names = new Map(schoolRecs.map((r) => [r.id, (lang === "zh-CN" ? r.name?.zh ?? r.name?.en : r.name?.en ?? r.name?.zh) ?? r.id]));
  const schoolName = (id: string): string => names.get(id) ?? id;
  const estimated: readonly { readonly provenance?: string | undefined; readonly note?: string | undefined }[] = [
    ...schoolRecs,
    ...(ds.schoolEnrolment ?? []).filter((r) => ids.has(r.school)),
    ...(ds.schoolPlaces ?? []).filter((r) => ids.has(r.school)),
  ].filter((r) => r.provenance === "estimate");

  const out: ReportBlock[] = [{ kind: "heading", level: 2, text: `${o.heading}${estimated.length ? L.estimateSuffix : ""}` }];
  out.push({ kind: "paragraph", text: fillLabel(S.intro, { floor, level: level ?? "–" }) });
  if (estimated.length) {
    const noteTexts = [...new Set(estimated.map((r) => r.note?.trim() ?? "").filter((t) => t !== ""))];
    out.push({ kind: "paragraph", text: S.estimateIntro });
    if (noteTexts.length) out.push({ kind: "list", items: noteTexts.slice(0, MAX_NOTES) });
  }

  // Class-size bands from the system's chart band up (China: large 56+, super-large 66+), ascending.
  const bandIds = ds.system.classSizeBands.map((b) => b.id);
  const start = chartBand(ds.system);
  const shownBands = start === undefined ? [] : bandIds.slice(bandIds.indexOf(start));
  const atOrAbove = (r: SchoolAssessment, band: string): number => {
    let n = 0;
    for (const id of bandIds.slice(bandIds.indexOf(band))) n += r.bands[id] ?? 0;
    return n;
  };
  const ix = indexSystem(ds.system);
  const stageOfGrade = new Map(ix.grades.map((g) => [g.id, g.stage.id]));
  const pupilRecs = schoolPupilRecords(sf);
  const totals = new Map(schoolTotalRecords(sf).map((r) => [`${r.school}\u0000${r.year}`, r]));

  sf.panel.areas.forEach((area) => {
    const rows = sa.rows.filter((r) => r.area === area);
    const schoolsHere = [...new Set(rows.map((r) => r.school))];
    const stages = ix.stageIds.filter((st) => pupilRecs.some((r) => r.area === area && stageOfGrade.get(r.grade) === st));
    const mins = new Map(shownBands.map((b) => [b, bandMinText(ds.system, b, stages, lang)]));
    const areaRows = o.assessment?.filter((r) => r.area === area && stages.includes(r.stage));
    const areaView = areaRows?.length ? shownBands[0] : undefined;
    out.push({ kind: "heading", level: 3, text: c.areaName(area) });
    out.push({ kind: "paragraph", text: fillLabel(S.reconciled, { n: schoolsHere.length, from: base, to: sf.years[sf.years.length - 1]! }) });

    // Per year, never netted.
    const header = [S.year, S.schools, S.schoolsShort, S.shortBy, fillLabel(S.underUsed, { floor }), S.spare, S.netSurplus];
    for (const b of shownBands) {
      header.push(fillLabel(S.classesAtLeast, { min: mins.get(b)! }));
      if (b === areaView) header.push(fillLabel(S.areaViewClasses, { min: mins.get(b)! }));
    }
    header.push(S.overStandard);
    const body: string[][] = [];
    const items: string[] = [];
    for (const y of years) {
      const f = sa.areas.find((x) => x.area === area && x.year === y);
      if (!f) continue;
      const yr = rows.filter((r) => r.year === y);
      const row = [y === base ? fillLabel(L.yearActual, { year: y }) : String(y), whole(f.schools), whole(f.schoolsShort), whole(f.shortBy), whole(f.schoolsUnderUsed), whole(f.spareInUnderUsed), signed(f.netSurplus)];
      let viewCount: number | undefined;
      for (const b of shownBands) {
        row.push(whole(yr.reduce((s, r) => s + atOrAbove(r, b), 0)));
        if (b === areaView) {
          viewCount = areaRows!.filter((r) => r.year === y).reduce((s, r) => s + (r.atOrAbove[b] ?? 0), 0);
          row.push(whole(viewCount));
        }
      }
      row.push(percent(f.shareOverStandard));
      body.push(row);
      const mismatch = sa.notes.find((n) => n.code === "schools.mismatch" && n.params.area === area && n.params.year === y);
      if (mismatch) items.push(renderNote(note(mismatch.code, { ...mismatch.params, area: c.areaName(area) }), lang));
      const first = shownBands[0];
      if (first !== undefined) {
        const withLarge = yr.filter((r) => atOrAbove(r, first) > 0);
        if (withLarge.length) {
          // The band's smallest minimum over the area's stages (resolved per stage: China's 56+ is the same in all).
          const min = Math.min(...stages.flatMap((st) => bandsForStage(ds.system, st).filter((b) => b.id === first).map((b) => b.min)));
          items.push(
            renderNote(
              note("schools.large-classes", {
                area: c.areaName(area),
                year: y,
                min,
                classes: withLarge.reduce((s, r) => s + atOrAbove(r, first), 0),
                schools: withLarge.length,
                ...(viewCount !== undefined ? { areaView: viewCount } : {}),
              }),
              lang,
            ),
          );
        }
      }
    }
    out.push({ kind: "table", caption: `${S.flagsCaption}${estimated.length ? L.estimateSuffix : ""}`, header, rows: body, align: ["left"] });
    if (items.length) out.push({ kind: "list", items });

    // Schools with classes in the first band shown, per year.
    const first = shownBands[0];
    if (first !== undefined) {
      const second = shownBands[1];
      const large = schoolsHere
        .map((id) => {
          const by = new Map(rows.filter((r) => r.school === id).map((r) => [r.year, r]));
          return { id, by, focus: by.get(o.year) ? atOrAbove(by.get(o.year)!, first) : 0, max: Math.max(0, ...years.map((y) => (by.get(y) ? atOrAbove(by.get(y)!, first) : 0))) };
        })
        .filter((x) => x.max > 0)
        .sort((a, b) => b.focus - a.focus || b.max - a.max || schoolsHere.indexOf(a.id) - schoolsHere.indexOf(b.id));
      if (large.length === 0) {
        out.push({ kind: "paragraph", text: fillLabel(S.noLargeClasses, { min: mins.get(first)! }) });
      } else {
        out.push({
          kind: "table",
          caption: fillLabel(S.largeCaption, { min: mins.get(first)!, year: o.year }),
          header: [S.school, ...years.map((y) => (y === base ? fillLabel(L.yearActual, { year: y }) : String(y)))],
          rows: large.slice(0, MAX_LARGE).map((x) => [
            schoolName(x.id),
            ...years.map((y) => {
              const r = x.by.get(y);
              if (!r) return "";
              const n = atOrAbove(r, first);
              const m = second === undefined ? 0 : atOrAbove(r, second);
              return m > 0 ? `${whole(n)} (${whole(m)})` : whole(n);
            }),
          ]),
          align: ["left"],
        });
        if (large.length > MAX_LARGE) out.push({ kind: "paragraph", text: fillLabel(S.moreSchools, { n: large.length - MAX_LARGE }) });
      }
    }

    // The largest shortfalls and surpluses in the focus year, with intervals.
    const inYear = rows.filter((r) => r.year === o.year && r.places !== null);
    if (inYear.length === 0) {
      out.push({ kind: "paragraph", text: S.noPlaces });
      return;
    }
    const short = inYear.filter((r) => r.surplus! < 0).sort((a, b) => a.surplus! - b.surplus!).slice(0, o.listed);
    const spare = inYear.filter((r) => r.surplus! > 0).sort((a, b) => b.surplus! - a.surplus!).slice(0, o.listed);
    const floorValue = sa.utilisationFloor.value;
    const status = (r: SchoolAssessment): "short" | "under-used" | "surplus" | "ok" =>
      r.surplus! < 0 ? "short" : r.utilisation !== null && r.utilisation < floorValue ? "under-used" : r.surplus! > 0 ? "surplus" : "ok";
    const statusText = { short: S.statusShort, "under-used": S.statusUnderUsed, surplus: S.statusSurplus, ok: S.statusOk } as const;
    const table = [...short, ...spare].map((r) => {
      const t = totals.get(`${r.school}\u0000${r.year}`);
      const lo = t?.lower ?? null;
      const hi = t?.upper ?? null;
      const places = r.places!;
      return [
        schoolName(r.school),
        statusText[status(r)],
        whole(r.pupils),
        lo !== null && hi !== null ? `${whole(lo)}–${whole(hi)}` : "–",
        whole(places),
        signed(r.surplus!),
        lo !== null && hi !== null ? `${signed(places - hi)} to ${signed(places - lo)}`.replace(" to ", lang === "zh-CN" ? " 至 " : " to ") : "–",
        r.utilisation === null ? "–" : percent(r.utilisation),
      ];
    });
    if (table.length) {
      out.push({
        kind: "table",
        caption: `${fillLabel(S.extremesCaption, { year: o.year, level: level ?? "–" })}${estimated.length ? L.estimateSuffix : ""}`,
        header: [S.school, S.status, L.pupils, fillLabel(S.intervalColumn, { level: level ?? "–" }), L.places, L.surplus, S.surplusInterval, S.utilisation],
        rows: table,
        align: ["left", "left"],
      });
    }
    const points: SchoolUtilisationPoint[] = inYear
      .filter((r) => r.places! > 0)
      .map((r) => {
        const t = totals.get(`${r.school}\u0000${r.year}`);
        return { school: r.school, label: schoolName(r.school), pupils: r.pupils, places: r.places!, lower: t?.lower ?? null, upper: t?.upper ?? null, status: status(r) };
      });
    if (points.length) {
      const title = fillLabel(S.chartTitle, { area: c.areaName(area), year: o.year });
      out.push({
        kind: "chart",
        id: o.chartId(`schools-utilisation-${area}`),
        title,
        spec: schoolUtilisationChart(points, { ...c.chart, title, floor: floorValue, level: sf.level, estimate: estimated.length > 0 }),
      });
    }
  });

  // What the school model and the assessment noted (other than the mismatches shown above). Pupils
  // of grades that no school of the area teaches in any year are one note per area, not one per
  // grade and year.
  const untaught = untaughtGrades(sf);
  const summary: Note[] = [...untaught].map(([area, grades]) => note("schools.grades-not-taught", { area: c.areaName(area), grades }));
  const other: Note[] = [
    ...summary,
    ...sf.notes.filter((n) => !(n.code === "schools.unallocated" && untaught.get(String(n.params.area))?.includes(String(n.params.grade)))),
    // A school without places that teaches no pupil in the forecast years (closed) is no gap in the data.
    ...sa.notes.filter((n) => n.code !== "schools.mismatch" && !(n.code === "schools.no-places" && !sa.rows.some((r) => r.school === n.params.school && r.year > base && r.pupils > 0))),
  ];
  if (other.length) {
    const items = other.map((n) => renderNote(n, lang));
    out.push({ kind: "paragraph", text: `${L.fitNotes}:` });
    out.push({ kind: "list", items: items.length > MAX_NOTES ? [...items.slice(0, MAX_NOTES), fillLabel(L.moreNotes, { n: items.length - MAX_NOTES })] : items });
  }
  return out;
}

/** Per area of the panel, the grades none of its schools teaches in any year (history or forecast). */
function untaughtGrades(sf: SchoolForecast): Map<string, string[]> {
  const { panel } = sf;
  const G = panel.grades.length;
  const T = panel.baseYear - panel.firstYear + 1 + sf.years.length - 1;
  const taught = new Uint8Array(panel.areas.length * G);
  for (let s = 0; s < panel.schools.length; s++) {
    const a = panel.areaOf[s]!;
    for (let g = 0; g < G; g++) {
      for (let t = 0; t < T; t++) {
        if (panel.offered[(s * G + g) * T + t]) {
          taught[a * G + g] = 1;
          break;
        }
      }
    }
  }
  const out = new Map<string, string[]>();
  panel.areas.forEach((area, a) => {
    const grades = panel.grades.filter((_, g) => !taught[a * G + g]);
    if (grades.length) out.set(area, grades);
  });
  return out;
}
