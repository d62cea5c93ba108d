import { describe, expect, it } from "vitest";
import {
  assessCapacity,
  bandsForStage,
  birthsChart,
  chinaSchoolSystem,
  classSizeChart,
  fillLabel,
  fitModel,
  forecast,
  forecastChart,
  historyStageTotals,
  pupilRecords,
  reportLabels,
  simulate,
  stageTotals,
  surplusHeatmap,
  tracedBirths,
  VEGA_LITE_SCHEMA,
  type ChartSpec,
  type JsonObject,
} from "../helpers/internal.js";
import { reportFixture } from "./fixture.js";
import { renderSvg } from "../../src/render/svg.js";

const ds = reportFixture();
const model = fitModel(ds);
const fc = forecast(model, { to: 2025 });
const byStage = stageTotals(fc);
const history = historyStageTotals(ds);
const assessment = assessCapacity(byStage, ds);
const options = { system: ds.system, areas: ds.areas } as const;

/** A deep-frozen copy: builders must not write to their inputs. */
function frozen<T>(x: T): T {
  const c = structuredClone(x);
  const freeze = (o: unknown): void => {
    if (o && typeof o === "object" && !Object.isFrozen(o)) {
      Object.freeze(o);
      for (const v of Object.values(o)) freeze(v);
    }
  };
  freeze(c);
  return c;
}

const obj = (v: unknown): JsonObject => v as JsonObject;
const rowsOf = (spec: ChartSpec, key: string, value: string) => spec.data.values.filter((r) => r[key] === value);

/** Compiles with vega-lite: the spec is valid Vega-Lite 6 (compile throws on invalid specs). */
async function compiles(spec: ChartSpec): Promise<void> {
  const vl = await import("vega-lite");
  const out = vl.compile(structuredClone(spec) as unknown as Parameters<typeof vl.compile>[0]);
  expect(out.spec.marks ?? out.spec.data).toBeDefined();
}

describe("forecastChart", () => {
  const sim = simulate(model, { draws: 40, seed: 7, to: 2025 });
  const spec = forecastChart(
    frozen({ area: "north", pupils: byStage, history, places: assessment, simulation: { quantiles: sim.quantiles, draws: sim.draws, seed: sim.seed, rows: sim.rows } }),
    { ...options, lang: "en" },
  );

  it("is plain JSON with the schema, a title marked as an estimate and facets by stage", async () => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(spec.title.text).toBe("North District: pupils against places (estimate)");
    expect(spec.title.subtitle).toContain(reportLabels.en.estimateNote);
    expect(obj(spec.facet).field).toBe("stageLabel");
    expect(obj(spec.facet).sort).toEqual(["Preschool", "Primary", "Junior secondary", "Senior secondary"]);
    expect(obj(obj(spec.resolve).scale).y).toBe("independent");
    await compiles(spec);
  });

  it("has one actual row per history year, the forecast joined at the base year, places and the band", () => {
    const primary = spec.data.values.filter((r) => r.stage === "primary");
    expect(primary.filter((r) => r.series === "actual").map((r) => r.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(primary.filter((r) => r.series === "forecast").map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    const base = primary.find((r) => r.series === "actual" && r.year === 2020)!;
    expect(primary.find((r) => r.series === "forecast" && r.year === 2020)!.value).toBe(base.value);
    // 2020 actual primary pupils of north = Σ over P1..P6 of (1200 + 10·i + 30·4), i = 3..8
    expect(base.value).toBe([3, 4, 5, 6, 7, 8].reduce((s, i) => s + 1200 + 10 * i + 120, 0));
    const places = primary.filter((r) => r.series === "places");
    expect(places.map((r) => r.value)).toEqual([8100, 8100, 8100, 9450, 9450, 9450]);
    const band = primary.filter((r) => r.series === "interval");
    expect(band.map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    for (const r of band) expect(Number(r.lower)).toBeLessThanOrEqual(Number(r.upper));
  });

  it("encodes year on x and the series by colour in fixed order", () => {
    const inner = obj(spec.spec);
    expect(obj(obj(inner.encoding).x)).toMatchObject({ field: "year", type: "quantitative" });
    const layers = inner.layer as readonly JsonObject[];
    expect(layers.map((l) => obj(l.mark).type)).toEqual(["area", "line", "line", "line"]);
    const colour = obj(obj(layers[1]!.encoding).color);
    expect(obj(colour.scale).domain).toEqual(["Pupils (actual)", "Pupils (forecast)", "Places", "Simulated 10–90% range"]);
  });

  it("draws one stage without facets, and drops places and band when not given", async () => {
    const one = forecastChart({ area: "south", pupils: byStage, stages: ["junior"] }, { ...options, lang: "zh-CN" });
    expect(one.facet).toBeUndefined();
    expect(one.title.text).toBe("南县：在校生");
    expect(new Set(one.data.values.map((r) => r.series))).toEqual(new Set(["actual", "forecast"]));
    await compiles(one);
  });
});

describe("surplusHeatmap", () => {
  const spec = surplusHeatmap(frozen(assessment), { ...options, lang: "zh-CN" });
  it("has one row per area, stage and year with the surplus, coloured by surplus per place on a diverging scale centred on 0", async () => {
    expect(spec.data.values).toHaveLength(assessment.length);
    const r = spec.data.values.find((v) => v.area === "north" && v.stage === "primary" && v.year === 2023)!;
    const a = assessment.find((v) => v.area === "north" && v.stage === "primary" && v.year === 2023)!;
    expect(r.surplus).toBe(a.surplus);
    expect(r.share).toBeCloseTo(Math.max(-0.3, Math.min(0.3, a.surplus / a.places)), 12);
    expect(r.areaLabel).toBe("北区");
    const rect = (obj(spec.spec).layer as readonly JsonObject[])[0]!;
    expect(obj(obj(rect.encoding).color).field).toBe("share");
    expect(obj(obj(obj(rect.encoding).color).scale)).toEqual({ scheme: "redblue", domain: [-0.3, 0, 0.3] });
    expect(spec.title.text).toBe(`${reportLabels["zh-CN"].heatmapTitle}（估算）`);
    await compiles(spec);
  });

  it("colours a small area's shortfall as strongly as a large area's of the same share (issue 17)", () => {
    // 50 short of 500 places and 500 short of 5,000: both 10% short.
    const rows = [
      { area: "north", stage: "primary", year: 2030, surplus: -50, places: 500 },
      { area: "south", stage: "primary", year: 2030, surplus: -500, places: 5000 },
    ];
    const v = surplusHeatmap(rows, { ...options, lang: "en" }).data.values;
    expect(v.map((x) => x.share)).toEqual([-0.1, -0.1]);
  });

  it("writes large numbers with 万 in Chinese and never with k (issue 17)", async () => {
    const rows = [{ area: "north", stage: "primary", year: 2030, surplus: -23456, places: 100000 }];
    const zh = surplusHeatmap(rows, { ...options, lang: "zh-CN" });
    const svg = await renderSvg(zh);
    expect(svg).toContain("−2.3万"); // d3-format writes the minus sign U+2212
    expect(svg).not.toMatch(/\d(\.\d+)?k\b/);
    const en = await renderSvg(surplusHeatmap(rows, { ...options, lang: "en" }));
    expect(en).toContain("−23k");
  });
});

describe("classSizeChart", () => {
  const spec = classSizeChart(frozen(assessment), { ...options, lang: "en" });
  it("counts classes of 56+ per cell and colours the largest class at the band minimums", async () => {
    const a = assessment.find((v) => (v.atOrAbove.large ?? 0) > 0)!;
    const r = spec.data.values.find((v) => v.area === a.area && v.stage === a.stage && v.year === a.year)!;
    expect(r.count).toBe(a.atOrAbove.large);
    expect(r.largest).toBe(a.largestClassSize);
    const rect = (obj(spec.spec).layer as readonly JsonObject[])[0]!;
    // Colour: the highest band the largest class reaches in its own stage (bandsForStage).
    expect(obj(obj(obj(rect.encoding).color).scale).domain).toEqual(["within the standard", "oversized class", "large class", "super-large class"]);
    for (const v of spec.data.values) {
      const bands = bandsForStage(chinaSchoolSystem, String(v.stage));
      const reached = bands.filter((b) => typeof v.largest === "number" && v.largest >= b.min);
      expect(v.level).toBe(v.largest === null ? null : reached.length ? `${reached[reached.length - 1]!.label.en}` : "within the standard");
    }
    expect(spec.title.text).toBe("Where classes of 56 or more appear (estimate)");
    await compiles(spec);
  });
  it("refuses a band the system does not have", () => {
    expect(() => classSizeChart(assessment, { ...options, band: "huge" })).toThrow(/band "huge" is not a class-size band of the china system/);
  });
});

describe("birthsChart", () => {
  const pupils = pupilRecords(fc);
  const spec = birthsChart(frozen({ area: "south", births: [...ds.births, ...tracedBirths(pupils)], entrants: [...ds.enrolment, ...pupils].filter((r) => r.area === "south") }), { ...options, lang: "en" });
  it("gives each series one colour in every births chart, whichever series a chart has (issue 17)", () => {
    const colourOf = (sp: ChartSpec, layer: number): Map<string, string> => {
      const sc = obj(obj(obj((sp.layer as readonly JsonObject[])[layer]!.encoding).color).scale);
      const d = sc.domain as string[];
      return new Map(d.map((l, i) => [l, (sc.range as string[])[i]!]));
    };
    const p1 = fillLabel(reportLabels.en.entrants, { grade: "Primary 1", age: 6 });
    const all = colourOf(spec, 1);
    // The same area with its preschool entrants left out: primary keeps its colour.
    const onlyPrimary = birthsChart(
      { area: "south", births: [...ds.births], entrants: [...ds.enrolment, ...pupils].filter((r) => r.area === "south" && r.grade === "P1") },
      { ...options, lang: "en" },
    );
    expect(colourOf(onlyPrimary, 1).get(p1)).toBe(all.get(p1));
    // No entrant colour is the forecast chart's forecast or places colour.
    for (const c of all.values()) expect(["#4e79a7", "#1f4e79", "#e15759"]).not.toContain(c);
    // Births by status: reported is the same grey with or without projected births.
    expect(colourOf(onlyPrimary, 0).get(reportLabels.en.birthsReported)).toBe(colourOf(spec, 0).get(reportLabels.en.birthsReported));
  });

  it("plots births by year and entrants at their birth year, counting the base year once", async () => {
    const births = rowsOf(spec, "layer", "births");
    expect(births.find((r) => r.birthYear === 2010)!.value).toBe(1000 - 30 * 10);
    const p1 = spec.data.values.filter((r) => r.layer === "entrants" && r.seriesLabel === fillLabel(reportLabels.en.entrants, { grade: "Primary 1", age: 6 }));
    // South P1 (grade index 3) in 2020: 900 − 5·3 − 40·4 = 725, plotted at birth year 2014.
    const base = p1.filter((r) => r.birthYear === 2014);
    expect(base.map((r) => r.value)).toEqual([725, 725]);
    expect(base.map((r) => r.kind).sort()).toEqual(["actual", "forecast"]);
    await compiles(spec);
  });
  it("marks births beyond the known years as projected", () => {
    const later = fc.to - 3; // K1 entrants of `to` were born in to − 3 > 2020
    expect(rowsOf(spec, "layer", "births").find((r) => r.birthYear === later)?.seriesLabel).toBe(reportLabels.en.birthsProjected);
  });
});

describe("labels", () => {
  it("have the same keys and slots in every language", () => {
    const slots = (v: unknown): string => [...new Set(JSON.stringify(v).match(/\{\w+\}/g) ?? [])].sort().join();
    const en = reportLabels.en as unknown as Record<string, unknown>;
    const zh = reportLabels["zh-CN"] as unknown as Record<string, unknown>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect(slots(zh[k]), k).toBe(slots(en[k]));
  });
  it("fill their slots and leave unknown ones", () => {
    expect(fillLabel("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
  it("are used with the China system's stage names", () => {
    const spec = forecastChart({ area: "north", pupils: byStage }, { system: chinaSchoolSystem, areas: ds.areas, lang: "zh-CN" });
    expect(obj(spec.facet).sort).toEqual(["学前教育", "小学", "初中", "高中"]);
  });
});
