/**
 * The report's schools section (issue 16), on the report fixture with five primary schools in
 * North District (test/report/schoolsFixture.ts). Expected figures are computed here from the
 * fixture's places and the forecasts (school totals, the area's forecast), not copied from a run.
 */
import fcheck from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessCapacity,
  buildReport,
  chinaSchoolSystem,
  fitModel,
  forecast,
  forecastSchools,
  parseDataset,
  reportCharts,
  reportHtml,
  reportLabels,
  reportMarkdown,
  schoolPupilRecords,
  schoolTotalRecords,
  stageTotals,
  type ReportBlock,
  type ReportDocument,
} from "../../src/index.js";
import { formatCount } from "../../src/report/textTable.js";
import { FIXTURE_SCHOOLS, schoolReportFixture, schoolReportFixtureInput } from "./schoolsFixture.js";

const ds = schoolReportFixture();
const fc = forecast(fitModel(ds), { to: 2030 });
const assessment = assessCapacity(stageTotals(fc), ds);
const YEARS = [2020, 2023, 2025, 2030];
const en = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "en", years: YEARS });
const zh = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "zh-CN", years: YEARS });
const sf = forecastSchools(ds, fc);
const totals = schoolTotalRecords(sf);
const places = new Map<string, number>(FIXTURE_SCHOOLS.map((s) => [s.id, s.places]));
const names = new Map<string, string>(FIXTURE_SCHOOLS.map((s) => [s.id, s.en]));

type Table = Extract<ReportBlock, { kind: "table" }>;
/** The blocks of the schools section (from its level-2 heading to the next). */
function section(doc: ReportDocument): ReportBlock[] {
  const i = doc.blocks.findIndex((b) => b.kind === "heading" && b.level === 2 && b.text.startsWith("3. "));
  const j = doc.blocks.findIndex((b, k) => k > i && b.kind === "heading" && b.level === 2);
  return doc.blocks.slice(i, j);
}
function table(doc: ReportDocument, caption: string): Table {
  const t = section(doc).find((b): b is Table => b.kind === "table" && (b.caption ?? "").startsWith(caption));
  if (!t) throw new Error(`no table "${caption}"`);
  return t;
}
const cell = (t: Table, row: number, header: string): string => t.rows[row]![t.header.indexOf(header)]!;
const signed = (x: number): string => (Math.round(x) > 0 ? `+${formatCount(x)}` : formatCount(x));
const total = (school: string, year: number) => totals.find((r) => r.school === school && r.year === year)!;

/** Classes of `min` or more when n pupils are spread as evenly as c classes allow (n mod c classes of ⌈n/c⌉, the rest ⌊n/c⌋). */
function classesAtLeast(n: number, c: number, min: number): number {
  const small = Math.floor(n / c);
  const big = n % c;
  return (small + 1 >= min ? big : 0) + (small >= min ? c - big : 0);
}

describe("report: the schools section", () => {
  it("comes after the areas and before the method, marked as resting on estimates; none without schools or with schools: null", () => {
    const h2 = en.blocks.flatMap((b) => (b.kind === "heading" && b.level === 2 ? [b.text] : []));
    expect(h2).toEqual(["1. Summary of flags", "2. By area", "3. Schools: where places run short or stand empty, school by school (estimate)", "4. Method and data provenance"]);
    const none = buildReport({ dataset: ds, forecast: fc, assessment, schools: null }, { lang: "en" });
    expect(none.blocks.some((b) => b.kind === "heading" && b.text.includes("Schools:"))).toBe(false);
    // The village school's places are an estimate: its note is listed.
    expect(section(en).some((b) => b.kind === "list" && b.items.includes("S9: test estimate of the village school's places"))).toBe(true);
  });

  it("counts schools short and under-used per year from the schools' own places, and the net surplus is the district's places less its primary pupils", () => {
    const t = table(en, "Schools short and under-used");
    YEARS.forEach((y, i) => {
      const rows = FIXTURE_SCHOOLS.map((s) => ({ id: s.id, surplus: s.places - total(s.id, y).pupils, util: total(s.id, y).pupils / s.places }));
      const short = rows.filter((r) => r.surplus < 0);
      const under = rows.filter((r) => r.surplus >= 0 && r.util < 0.8);
      expect(cell(t, i, "Schools short")).toBe(String(short.length));
      expect(cell(t, i, "Places short")).toBe(formatCount(-short.reduce((s, r) => s + r.surplus, 0)));
      expect(cell(t, i, "Under 80% used")).toBe(String(under.length));
      expect(cell(t, i, "Their spare places")).toBe(formatCount(under.reduce((s, r) => s + r.surplus, 0)));
      // The schools reconcile to the district: net surplus = 8,700 places − the district's forecast primary pupils.
      const districtPrimary = stageTotals(fc).find((r) => r.area === "north" && r.stage === "primary" && r.year === y)!.pupils;
      expect(cell(t, i, "Net surplus (area total)")).toBe(signed(8700 - districtPrimary));
    });
    // The fixture is built so that both kinds of school stand in the district in the base year while its total has places to spare.
    expect(cell(t, 0, "Schools short")).toBe("2");
    expect(cell(t, 0, "Under 80% used")).toBe("1");
    expect(cell(t, 0, "Net surplus (area total)")).toMatch(/^\+/);
  });

  it("counts classes of 56+ and 66+ per school from its reported classes, beside the area view under an even spread (none)", () => {
    const t = table(en, "Schools short and under-used");
    const pupils = schoolPupilRecords(sf);
    YEARS.forEach((y, i) => {
      let at56 = 0;
      let at66 = 0;
      for (const s of FIXTURE_SCHOOLS) {
        if (s.classes === undefined) continue; // the others use classes of the standard 45: none over it
        for (const r of pupils.filter((p) => p.school === s.id && p.year === y)) {
          at56 += classesAtLeast(Math.round(r.pupils), s.classes, 56);
          at66 += classesAtLeast(Math.round(r.pupils), s.classes, 66);
        }
      }
      expect(cell(t, i, "Classes ≥ 56")).toBe(String(at56));
      expect(cell(t, i, "Classes ≥ 66")).toBe(String(at66));
      const view = assessment.filter((r) => r.area === "north" && r.stage === "primary" && r.year === y).reduce((s, r) => s + (r.atOrAbove.large ?? 0), 0);
      expect(cell(t, i, "Classes ≥ 56, area view")).toBe(String(view));
    });
    expect(Number(cell(t, 0, "Classes ≥ 56"))).toBeGreaterThan(0);
    expect(cell(t, 0, "Classes ≥ 56, area view")).toBe("0");
    const items = section(en).flatMap((b) => (b.kind === "list" ? b.items : []));
    expect(items).toContain(`area North District, 2025: ${cell(t, 2, "Classes ≥ 56")} classes of 56 or more in 2 schools; spread evenly over the area's classes, the area total shows 0`);
    expect(items.filter((x) => x.startsWith("area North District, 2020: 2 schools short by"))).toHaveLength(1);
    const large = table(en, "Schools with classes of 56 or more");
    expect(large.rows.map((r) => r[0])).toEqual(["Town Primary", "Centre Primary"]);
  });

  it("lists the schools with the largest shortfall and surplus in the base year + 5 with their intervals", () => {
    const t = table(en, "The largest shortfalls and surpluses of places by school, 2025");
    const ranked = FIXTURE_SCHOOLS.map((s) => ({ id: s.id, surplus: s.places - total(s.id, 2025).pupils }));
    const short = ranked.filter((r) => r.surplus < 0).sort((a, b) => a.surplus - b.surplus);
    const spare = ranked.filter((r) => r.surplus > 0).sort((a, b) => b.surplus - a.surplus);
    expect(t.rows.map((r) => r[0])).toEqual([...short, ...spare].map((r) => names.get(r.id)));
    t.rows.forEach((row, i) => {
      const id = [...short, ...spare][i]!.id;
      const r = total(id, 2025);
      expect(row[t.header.indexOf("Pupils")]).toBe(formatCount(r.pupils));
      expect(row[t.header.indexOf("Pupils, 80% interval")]).toBe(`${formatCount(r.lower!)}–${formatCount(r.upper!)}`);
      expect(row[t.header.indexOf("Places")]).toBe(formatCount(places.get(id)!));
      expect(row[t.header.indexOf("Surplus, interval")]).toBe(`${signed(places.get(id)! - r.upper!)} to ${signed(places.get(id)! - r.lower!)}`);
    });
    expect(t.rows.find((r) => r[0] === "Village Primary")![1]).toBe("under-used");
    const two = buildReport({ dataset: ds, forecast: fc, assessment }, { lang: "en", years: YEARS, schoolYear: 2030, schoolsListed: 1 });
    expect(table(two, "The largest shortfalls and surpluses of places by school, 2030").rows).toHaveLength(2);
    expect(() => buildReport({ dataset: ds, forecast: fc }, { schoolYear: 2040 })).toThrow(/schoolYear 2040 is not a year of the school forecast/);
    expect(() => buildReport({ dataset: ds, forecast: fc }, { schoolsListed: 0 })).toThrow(/schoolsListed/);
  });

  it("draws utilisation per school (most used first, with the floor and 100% as rules), a Vega-Lite spec that compiles", async () => {
    const chart = reportCharts(en).find((c) => c.id === "schools-utilisation-north")!;
    const values = chart.spec.data.values;
    expect(values.map((v) => v.school)).toEqual(FIXTURE_SCHOOLS.map((s) => ({ id: s.id, u: total(s.id, 2025).pupils / s.places })).sort((a, b) => b.u - a.u).map((x) => x.id));
    for (const v of values) expect(v.utilisation).toBeCloseTo(total(String(v.school), 2025).pupils / places.get(String(v.school))!, 12);
    const vl = await import("vega-lite");
    const out = vl.compile(structuredClone(chart.spec) as unknown as Parameters<typeof vl.compile>[0]);
    expect(out.spec.marks).toBeDefined();
    expect(reportHtml(en)).toContain('<figure id="schools-utilisation-north">');
  });

  it("reads in Chinese: every label of the section translated, area and school names in Chinese", () => {
    const md = reportMarkdown({ ...zh, blocks: section(zh) });
    expect(md).toContain("## 3\\. 分校视角：哪些学校缺学位、哪些学校学位闲置（估算）");
    expect(md).toContain("| 城区小学");
    expect(md).toContain("片区 北区，2020 年：2 所学校缺学位");
    expect(md).toContain("按片区合计均匀分班，只显示 0 个");
    for (const [k, v] of Object.entries(reportLabels.en.schools)) {
      const text = v.replace(/\{\w+\}.*$/s, "").trim();
      if (text.length > 3) expect(md, k).not.toContain(text);
    }
    expect(md).not.toMatch(/\{\w+\}|undefined|NaN/);
    expect(reportMarkdown({ ...en, blocks: section(en) })).not.toMatch(/\{\w+\}|undefined|NaN/);
    expect(Object.keys(reportLabels["zh-CN"].schools).sort()).toEqual(Object.keys(reportLabels.en.schools).sort());
  });

  it("says so, with no section of figures, when the schools stand in areas the forecast leaves out", () => {
    const south = forecast(fitModel(ds), { to: 2030, areas: ["south"] });
    const doc = buildReport({ dataset: ds, forecast: south }, { lang: "en" });
    const i = doc.blocks.findIndex((b) => b.kind === "heading" && b.text.startsWith("3. Schools"));
    expect(doc.blocks[i + 1]).toEqual({ kind: "paragraph", text: "the dataset's schools stand in areas the forecast does not cover (north), so the report has no schools section; forecast those areas, or give the school forecast" });
  });

  it("takes a school forecast given, e.g. reconciled to other totals, without refitting", () => {
    const given = forecastSchools(ds, fc, { level: null });
    const doc = buildReport({ dataset: ds, forecast: fc, schools: given }, { lang: "en", years: YEARS });
    const t = table(doc, "The largest shortfalls and surpluses");
    expect(t.rows.every((r) => r[t.header.indexOf("Pupils, – interval")] === "–")).toBe(true);
  });

  it("law: for any places per school, the counts are never netted and the net surplus is the places less the district's pupils", () => {
    const input = schoolReportFixtureInput();
    const given = forecastSchools(ds, fc, { level: null });
    const district = (y: number) => stageTotals(fc).find((r) => r.area === "north" && r.stage === "primary" && r.year === y)!.pupils;
    fcheck.assert(
      fcheck.property(fcheck.array(fcheck.integer({ min: 1, max: 6000 }), { minLength: FIXTURE_SCHOOLS.length, maxLength: FIXTURE_SCHOOLS.length }), (pl) => {
        const dsp = parseDataset({ ...input, schoolPlaces: FIXTURE_SCHOOLS.map((x, i) => ({ school: x.id, year: 2016, places: pl[i]! })) }, chinaSchoolSystem);
        const doc = buildReport({ dataset: dsp, forecast: fc, schools: given }, { lang: "en", years: YEARS });
        const t = table(doc, "Schools short and under-used");
        const sum = pl.reduce((a, b) => a + b, 0);
        YEARS.forEach((y, i) => {
          const short = Number(cell(t, i, "Schools short"));
          const under = Number(cell(t, i, "Under 80% used"));
          expect(short + under).toBeLessThanOrEqual(FIXTURE_SCHOOLS.length);
          expect(cell(t, i, "Net surplus (area total)")).toBe(signed(sum - district(y)));
          // Not netted: the places short never fall below what the net total shows as missing.
          const net = sum - district(y);
          if (net < 0) expect(Number(cell(t, i, "Places short").replace(/,/g, ""))).toBeGreaterThanOrEqual(Math.round(-net) - 1);
          const expectedShort = FIXTURE_SCHOOLS.filter((x, k) => pl[k]! < total(x.id, y).pupils).length;
          expect(short).toBe(expectedShort);
        });
      }),
      { numRuns: 25 },
    );
  });
});
