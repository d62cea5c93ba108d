/**
 * Notes are coded data (`Note { code, params }`) rendered in English and Chinese by the report's
 * catalogue (`renderNote`, src/report/notes/). Two checks (issue 13):
 *
 * 1. Every code has both texts: every code of the catalogue, and every code emitted by a run over
 *    the Yangjiang seed and the China, US K-12 and England systems (fitting, housing, the capacity
 *    schedule, the assessment's flags and assumptions, area sums, simulation).
 * 2. The zh-CN report (Markdown, HTML and the charts' texts) has no English sentence.
 *
 * "English sentence", precisely (`englishRuns`): a run of three or more ASCII words (letters,
 * optionally with ' ’ . -) separated only by spaces or punctuation (, ; : ( ) / – -), after
 * removing what is not the report's own prose:
 * - code spans (`…`), link and image targets (`](charts/x.png)`), HTML tags and the page's CSS;
 * - ids: area, stage, grade and band ids, development ids (they are data, not words);
 * - text the user gave, quoted as given: the `note` of every input record and area names;
 * - citations: the `source` of the school system's standards and bands (they name the rule in
 *   its own language).
 * Two ASCII words in a row are allowed (a unit "P(shortfall)", "placecast" next to a number, a
 * standard's code "GB 50099").
 */
import { describe, expect, it } from "vitest";
import {
  assessCapacity,
  buildReport,
  capacitySchedule,
  chinaSchoolSystem,
  componentStageTotals,
  englandSchoolSystem,
  fitModel,
  forecastWithHousing,
  indexSystem,
  noteTexts,
  noteTextsByLayer,
  parseDataset,
  renderNote,
  reportCharts,
  reportHtml,
  reportMarkdown,
  simulate,
  sumAssessments,
  usK12SchoolSystem,
  yangjiangDataset,
  type Dataset,
  type Note,
  type SchoolSystem,
  type StageRecord,
} from "../helpers/internal.js";
import { notesInput, systemInput, testYields } from "../helpers/systems.js";

const ASCII_RUN = /[A-Za-z][A-Za-z'’.-]*(?:[\s,;:()/–-]+[A-Za-z][A-Za-z'’.-]*){2,}/g;

/** Runs of 3+ ASCII words left in `text` once the `exempt` strings are removed (see the file's comment). */
function englishRuns(text: string, exempt: readonly string[]): string[] {
  let t = text.replace(/`[^`]*`/g, " ").replace(/\]\([^)]*\)/g, "] ");
  // Longest first, so that a note containing a shorter exempt string is removed whole.
  for (const e of [...new Set(exempt)].filter((x) => x.trim() !== "").sort((a, b) => b.length - a.length)) t = t.split(e).join(" ");
  return [...t.matchAll(ASCII_RUN)].map((m) => m[0]);
}

/** Strings that are data, not the report's prose, for a dataset (see the file's comment). */
function exemptOf(ds: Dataset): string[] {
  const ix = indexSystem(ds.system);
  const recs = [...ds.enrolment, ...ds.births, ...(ds.capacity ?? []), ...(ds.plannedPlaces ?? []), ...(ds.housing ?? [])] as readonly { note?: string; development?: string; project?: string }[];
  return [
    ...recs.flatMap((r) => [r.note?.trim() ?? "", r.development ?? "", r.project ?? ""]),
    ...ds.areas.flatMap((a) => [a.id, a.name?.en ?? "", a.name?.zh ?? ""]),
    ...ix.stageIds,
    ...ix.gradeIds,
    ...ds.system.classSizeBands.flatMap((b) => [b.id, b.source]),
    ...ds.system.stages.flatMap((s) => [s.standardClassSize.source, ...s.grades.map((g) => g.standardClassSize?.source ?? "")]),
  ];
}

/** The zh-CN texts of a chart spec: titles, subtitles, axis and legend titles, and label fields of its data. */
function chartTexts(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === "string") {
      if (["title", "text", "subtitle"].includes(key) || key.endsWith("Label") || key === "level") out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k === "values" || k === "layer" || k === "encoding" ? key : k);
  };
  walk(spec, "");
  return out;
}

/** Every note a run over a dataset emits: fitting, housing, schedule, flags and assumptions, sums, simulation. */
function emittedNotes(ds: Dataset, yields?: unknown): Note[] {
  const model = fitModel(ds);
  const hf = forecastWithHousing(model, { to: ds.baseYear + 8, ...(yields ? { yields: yields as NonNullable<Parameters<typeof forecastWithHousing>[1]["yields"]> } : {}) });
  const pupils: StageRecord[] = componentStageTotals(hf).filter((r) => r.component === "total").map(({ component: _c, ...r }) => r);
  const rows = assessCapacity(pupils, ds, { missingPlaces: "skip" });
  const parents = new Map(ds.areas.map((a) => [a.id, a.parent]));
  const top = ds.areas.find((a) => a.parent === undefined)!.id;
  const sums = sumAssessments(rows.filter((r) => parents.get(r.area) === top), top);
  const sim = simulate(model, { draws: 10, seed: 3, to: ds.baseYear + 8 });
  const sched = capacitySchedule(ds, { from: ds.baseYear, to: ds.baseYear + 8 });
  const maybe = (xs: readonly unknown[]): Note[] => xs.filter((x): x is Note => typeof x === "object" && x !== null && "code" in x);
  return [
    ...model.notes,
    ...hf.notes,
    ...hf.baseline.model.notes,
    ...hf.counted.map((c) => c.reason),
    ...[...rows, ...sums].flatMap((r) => [r.assumption, ...r.flags.map((f) => f.reason)]),
    // Simulation and schedule notes are coded by their own layer (simulate.…, schedule.…); the
    // ones already coded are checked here too.
    ...maybe(sim.notes),
    ...maybe(sched.notes),
  ];
}

describe("the note catalogue", () => {
  it("has both texts for every code, each code in one layer under its own prefix", () => {
    const layers = Object.entries(noteTextsByLayer);
    const total = layers.reduce((n, [, t]) => n + Object.keys(t).length, 0);
    expect(Object.keys(noteTexts).length).toBe(total); // no code in two layers
    for (const [layer, texts] of layers) {
      for (const [code, t] of Object.entries(texts)) {
        expect(code.startsWith(`${layer}.`), code).toBe(true);
        // With no parameters the texts still render (absent values print as nothing).
        const en = t.en({});
        const zh = t.zh({});
        expect(en.length, code).toBeGreaterThan(5);
        expect(zh, code).toMatch(/\p{Script=Han}/u);
        expect(englishRuns(zh, ["placecast", "byType", "perDwelling"]), code).toEqual([]);
      }
    }
  });

  it("renders a code it does not know as the code and its parameters, losing nothing", () => {
    expect(renderNote({ code: "x.unknown", params: { a: 1 } }, "zh-CN")).toBe('x.unknown {"a":1}');
  });

  it("renders the flags' figures (worked example: 1,250 pupils for 1,000 places)", () => {
    const n = { code: "flags.shortfall", params: { short: 250, pupils: 1250, places: 1000 } };
    expect(renderNote(n, "en")).toBe("shortfall of 250 places: 1,250 pupils for 1,000 places");
    expect(renderNote(n, "zh-CN")).toBe("学位缺口 250 个：学生 1,250 人，学位 1,000 个");
  });
});

const runs: readonly [string, () => { ds: Dataset; yields?: unknown }][] = [
  ["the Yangjiang seed", () => ({ ds: yangjiangDataset() })],
  ...([chinaSchoolSystem, usK12SchoolSystem, englandSchoolSystem] as const).map((system: SchoolSystem): [string, () => { ds: Dataset; yields?: unknown }] => [
    `the ${system.id} system`,
    () => ({ ds: parseDataset(systemInput(system), system), yields: testYields[system.id] }),
  ]),
];

describe.each(runs)("notes emitted over %s", (_name, make) => {
  it("have a code of the catalogue and render in both languages with every parameter filled", () => {
    const { ds, yields } = make();
    const notes = emittedNotes(ds, yields);
    expect(notes.length).toBeGreaterThan(0);
    const exempt = [...exemptOf(ds), "placecast"];
    for (const n of notes) {
      expect(Object.prototype.hasOwnProperty.call(noteTexts, n.code), n.code).toBe(true);
      for (const lang of ["en", "zh-CN"] as const) {
        const text = renderNote(n, lang);
        expect(text, `${n.code} ${lang}`).not.toMatch(/undefined|NaN|\{\w+\}/);
      }
      // The Chinese text has no English beyond its parameters' ids.
      const ids = Object.values(n.params).flatMap((v) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []));
      expect(englishRuns(renderNote(n, "zh-CN"), [...exempt, ...ids]), n.code).toEqual([]);
    }
  });
});

describe("notes of a dataset built to set them off (test/helpers/systems.ts notesInput)", () => {
  it("fitting and housing notes under each remedy: codes of the catalogue, rendered with every parameter", () => {
    const ds = parseDataset(notesInput(), chinaSchoolSystem);
    const model = fitModel(ds);
    const notes: Note[] = [...model.notes];
    for (const remedy of ["above-trend", "subtract", "future"] as const) {
      const hf = forecastWithHousing(model, { to: 2028, remedy });
      notes.push(...hf.notes, ...hf.counted.map((c) => c.reason));
    }
    const codes = new Set(notes.map((n) => n.code));
    // What the input sets off (see notesInput): each of these is emitted.
    for (const c of ["fit.empty-grade-below", "fit.pooled-ratio", "fit.base-imputed", "housing.subtract-clamped", "housing.counted.by-base-year", "housing.counted.above-trend", "housing.counted.after-horizon", "housing.counted.subtract", "housing.counted.future"]) {
      expect(codes, c).toContain(c);
    }
    for (const n of notes) {
      expect(Object.prototype.hasOwnProperty.call(noteTexts, n.code), n.code).toBe(true);
      for (const lang of ["en", "zh-CN"] as const) expect(renderNote(n, lang), `${n.code} ${lang}`).not.toMatch(/undefined|NaN|\{\w+\}/);
      const ids = Object.values(n.params).flatMap((v) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []));
      expect(englishRuns(renderNote(n, "zh-CN"), ids), n.code).toEqual([]);
    }
    // Worked example (notesInput): the 2020 S3 figure of b is imputed from S2 of 2019 × the fitted ratio.
    const imputed = model.notes.find((n) => n.code === "fit.base-imputed")!;
    expect(imputed.params).toMatchObject({ area: "b", grade: "S3", year: 2020, method: "progression", from: "S2", fromYear: 2019 });
  });
});

describe("the zh-CN report has no English sentence", () => {
  it("Yangjiang seed with housing, places and a simulation: Markdown, HTML and chart texts", () => {
    const ds = yangjiangDataset();
    const to = 2030;
    const hf = forecastWithHousing(fitModel(ds), { to });
    const comp = componentStageTotals(hf);
    const pupils: StageRecord[] = comp.filter((r) => r.component === "total").map(({ component: _c, ...r }) => r);
    const housing = comp.filter((r) => r.component === "housing" && r.year > ds.baseYear);
    // Default slips: the simulation's own coded notes (simulate.default-slip) are rendered too.
    const sim = simulate(hf.baseline.model, {
      draws: 30,
      seed: 5,
      to,
      housing: hf,
      supply: ds,
    });
    const assessment = assessCapacity(pupils, ds, { missingPlaces: "skip" });
    const doc = buildReport({ dataset: ds, forecast: hf.baseline, pupils, assessment, simulation: sim }, { lang: "zh-CN" });
    const exempt = exemptOf(ds);
    const md = reportMarkdown(doc);
    expect(englishRuns(md, exempt)).toEqual([]);
    const html = reportHtml(doc)
      .replace(/<style>[\s\S]*?<\/style>/, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    expect(englishRuns(html, exempt)).toEqual([]);
    for (const c of reportCharts(doc)) expect(englishRuns(chartTexts(c.spec).join("\n"), exempt), c.id).toEqual([]);
    // The rule finds English where there is some: the same report in English fails it.
    const en = reportMarkdown(buildReport({ dataset: ds, forecast: hf.baseline, pupils, assessment, simulation: sim }, { lang: "en" }));
    expect(englishRuns(en, exempt).length).toBeGreaterThan(20);
  });
});
