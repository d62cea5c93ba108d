/**
 * Every school system end to end (issue 13): for `chinaSchoolSystem`, `usK12SchoolSystem` and
 * `englandSchoolSystem`, a dataset with capacity, planned places and housing rows goes through
 * `forecastWithHousing`, `assessCapacity`, `simulate`, `buildReport` (en and zh-CN, Markdown
 * and HTML) and the command line (`forecast`, with `--yields` where the system has no default).
 *
 * The datasets are synthetic (`systemInput` in test/helpers/systems.ts: two districts of a city, smooth made-up
 * enrolment, births and dwellings), so the checks are laws that hold for any input, not figures:
 * surplus = places − pupils, every flag is one of the system's bands or place flags, class-size
 * counts follow the system's bands per stage, the elimination figures exist exactly when the
 * system names an `eliminateBand`, and the report's band and labels come from the system.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, HELP, main } from "../src/cli/main.js";
import {
  assessCapacity,
  bandsForStage,
  buildReport,
  chinaSchoolSystem,
  componentStageTotals,
  DatasetError,
  englandSchoolSystem,
  fitModel,
  forecastWithHousing,
  parseDataset,
  reportCharts,
  reportHtml,
  reportMarkdown,
  simulate,
  sumAssessments,
  usK12SchoolSystem,
  type CohortModel,
  type Dataset,
  type SchoolSystem,
  type Simulation,
  type StageRecord,
  type HousingForecast,
} from "../src/index.js";
import { writeDatasetFiles } from "../src/node.js";
import { systemInput, testYields } from "./helpers/systems.js";
import { runCli, sink } from "./helpers/cli.js";

const TO = 2028;

/**
 * The one place this test calls `simulate`: the dataset's places and planned projects (the same
 * supply the assessment reads, containing area included) and the housing forecast.
 */
function simulateRun(hf: HousingForecast, ds: Dataset): Simulation {
  return simulate(hf.baseline.model, { draws: 40, seed: 7, to: TO, supply: ds, housing: hf });
}

const cli = runCli;

const cases: readonly [string, SchoolSystem][] = [
  ["china", chinaSchoolSystem],
  ["us-k12", usK12SchoolSystem],
  ["england", englandSchoolSystem],
];

describe.each(cases)("the %s system end to end", (cliId, system) => {
  const input = systemInput(system);
  const ds = parseDataset(input, system);
  const model = fitModel(ds);
  const yields = testYields[system.id];
  const bandIds = system.classSizeBands.map((b) => b.id);

  it("forecastWithHousing: the system's default yields, or a clear data error naming what to give", () => {
    if (system.defaultYields) {
      expect(forecastWithHousing(model, { to: TO }).yields.id).toBe(system.defaultYields.id);
      return;
    }
    let err: unknown;
    try {
      forecastWithHousing(model, { to: TO });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetError);
    const issue = (err as DatasetError).issues[0]!;
    expect(issue.path).toEqual(["yields"]);
    expect(issue.message).toMatch(new RegExp(`the ${system.id} system has no default pupil yield table.*--yields`));
  });

  it("assessCapacity, simulate and buildReport run with capacity and housing rows", () => {
    const hf = forecastWithHousing(model, { to: TO, ...(yields ? { yields: yields as NonNullable<Parameters<typeof forecastWithHousing>[1]["yields"]> } : {}) });
    const comp = componentStageTotals(hf);
    const pupils: StageRecord[] = comp.filter((r) => r.component === "total").map(({ component: _c, ...r }) => r);
    const housing = comp.filter((r) => r.component === "housing" && r.year > ds.baseYear && r.pupils > 0).map(({ component: _c, ...r }) => r);
    expect(housing.length).toBeGreaterThan(0);

    const rows = assessCapacity(pupils, ds);
    expect(rows.length).toBe(2 * system.stages.length * (TO - ds.baseYear + 1));
    for (const r of rows) {
      expect(r.surplus).toBeCloseTo(r.places - r.pupils, 9);
      const stageBands = bandsForStage(system, r.stage).map((b) => b.id);
      for (const f of r.flags) expect(["shortfall", "low-headroom", "surplus-risk", ...stageBands]).toContain(f.code);
      expect(Object.keys(r.bandCounts)).toEqual(stageBands);
      // The elimination figures exist exactly when the system names a band to eliminate.
      expect(r.eliminateFrom).toBe(system.eliminateBand ? 56 : null);
      expect(r.classesToEliminate === null).toBe(system.eliminateBand === undefined);
    }
    // North is built 30% above the standard class size: its first band is flagged in 2020.
    const north = rows.find((r) => r.area === "north" && r.year === ds.baseYear)!;
    expect(north.flags.map((f) => f.code)).toContain(bandIds[0]);
    const city = sumAssessments(rows, "city");
    expect(city.length).toBe(system.stages.length * (TO - ds.baseYear + 1));

    const sim = simulateRun(hf, ds);
    // Two counties, and the city (which has places of its own) as the sum of its parts.
    expect(sim.rows.filter((r) => r.area !== "city").length).toBe(2 * system.stages.length * (TO - ds.baseYear));
    for (const r of sim.rows) {
      expect(r.places).toBeDefined();
      expect(r.pShortfall).toBeGreaterThanOrEqual(0);
      expect(r.pShortfall).toBeLessThanOrEqual(1);
    }

    for (const lang of ["en", "zh-CN"] as const) {
      const doc = buildReport({ dataset: ds, forecast: hf.baseline, pupils, assessment: rows, simulation: sim }, { lang });
      const md = reportMarkdown(doc);
      const html = reportHtml(doc);
      expect(md.length).toBeGreaterThan(1000);
      expect(html).toContain("<table");
      // The class-size chart shows the system's own band: its eliminate band, else its first.
      const chart = reportCharts(doc).find((c) => c.id === "class-sizes")!;
      expect(chart).toBeDefined();
      const counted = chart.spec.data.values.map((v) => v.count);
      const band = system.eliminateBand?.value ?? bandIds[0]!;
      expect(counted).toEqual(rows.filter((r) => r.area !== "city").map((r) => r.atOrAbove[band] ?? 0));
      // No China wording in another system's report.
      if (system.id !== "china") for (const s of ["大班额", "56+", "56 or more"]) expect(md).not.toContain(s);
    }
  });

  it("the command line forecasts it (--system, --yields where needed) and says what to give without yields", async () => {
    const dir = mkdtempSync(join(tmpdir(), `placecast-e2e-${system.id}-`));
    await writeDatasetFiles(input, dir, "csv");
    const out = mkdtempSync(join(tmpdir(), `placecast-e2e-out-`));
    const args = ["forecast", "--data", dir, "--out", out, "--system", cliId, "--to", String(TO), "--draws", "20", "--format", "csv", "--quiet"];
    if (yields) {
      const bare = await cli(...args);
      expect(bare.code, bare.stderr).toBe(EXIT.data);
      expect(bare.stderr).toMatch(/no default pupil yield table.*--yields <file\.json\|file\.csv>/);
      // England's table as CSV (one row per figure), the US's as JSON: both forms of --yields.
      const t = yields as { perDwelling: Record<string, number>; phasing: { weights: number[] } };
      const file = join(dir, system.id === "england" ? "yields.csv" : "yields.json");
      const csv = [
        "kind,key,dwellingType,value,source",
        ...Object.entries(t.perDwelling).map(([st, v]) => `yield,${st},,${v},invented for the end-to-end test`),
        ...t.phasing.weights.map((w, k) => `phasing,${k},,${w},invented for the end-to-end test`),
      ].join("\n");
      writeFileSync(file, system.id === "england" ? csv : JSON.stringify(yields));
      args.push("--yields", file);
      if (system.id === "england") {
        // A CSV row without a source, and a gap in the phasing years: located data errors.
        const badCsv = join(dir, "bad-yields.csv");
        writeFileSync(badCsv, csv.replace("phasing,1,,0.3,invented for the end-to-end test", "phasing,3,,0.3,").replace(/^(yield,primary,,0\.25),invented for the end-to-end test$/m, "$1,"));
        const r = await cli(...args.slice(0, -1), badCsv);
        expect(r.code).toBe(EXIT.data);
        expect(r.stderr).toContain(`${badCsv}: row 2: every row needs a source`);
        expect(r.stderr).toContain(`${badCsv}: phasing years must run 0, 1, 2, … with none missing, got 0, 2, 3`);
      }
      // A malformed yield file is a data error naming the file.
      const badFile = join(dir, "bad.json");
      writeFileSync(badFile, JSON.stringify({ ...(yields as object), perDwelling: { nursery: 1 } }));
      const bad = await cli(...args.slice(0, -1), badFile);
      expect(bad.code).toBe(EXIT.data);
      expect(bad.stderr).toContain(`${badFile}: yield table test-`);
    }
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    const assessment = readFileSync(join(out, "assessment.csv"), "utf8");
    for (const b of bandIds) expect(assessment).toContain(b);
    expect(readFileSync(join(out, "housing.csv"), "utf8").split("\n").length).toBeGreaterThan(10);
    expect(readFileSync(join(out, "simulation.csv"), "utf8").split("\n").length).toBeGreaterThan(10);
  });
});

describe("--yields in the command line's help", () => {
  it("is documented with the file's shape and when it is needed", () => {
    expect(HELP).toMatch(/--yields <file>\s+Pupil yield table for the housing records \(forecast, report, demo\): a JSON file/);
    expect(HELP).toMatch(/england and us-k12 have none, so housing records need --yields/);
  });
});

describe("the demo command (the Yangjiang seed, China)", () => {
  it("runs with housing, capacity and a simulation", async () => {
    const out = mkdtempSync(join(tmpdir(), "placecast-e2e-demo-"));
    const r = await cli("demo", "--out", out, "--to", "2026", "--draws", "20", "--format", "csv", "--quiet");
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(readFileSync(join(out, "assessment.csv"), "utf8")).toContain("large");
  });
});
