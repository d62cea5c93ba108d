import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, HELP, main } from "../../src/cli/main.js";
import { Progress } from "../../src/cli/progress.js";
import { combineBacktests, runForecast } from "../../src/cli/run.js";
import { backtest, chinaSchoolSystem, parseDataset } from "../../src/index.js";
import { writeDatasetFiles } from "../../src/node.js";
import { smallInput } from "../io/small.js";
import { yangjiangDataset } from "../../src/seeds.js";
import { runCli, sink } from "../helpers/cli.js";

const run = runCli;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "placecast-cli-"));
}

describe("placecast command line: exit codes and messages", () => {
  it("--help documents every option of every command and the exit codes", async () => {
    const r = await run("--help");
    expect(r.code).toBe(EXIT.ok);
    for (const o of ["--data", "--out", "--to", "--draws", "--seed", "--origins", "--horizon", "--level", "--lang", "--system", "--format", "--no-housing", "--quiet"]) expect(HELP).toContain(o);
    for (const c of ["forecast", "backtest", "templates", "demo"]) expect(HELP).toContain(`placecast ${c}`);
    expect(HELP).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 {2}the input data has errors/);
    expect((await run("forecast", "--help")).code).toBe(EXIT.ok);
  });

  it("usage errors exit 2 with a one-line reason on stderr", async () => {
    for (const argv of [[], ["frobnicate"], ["forecast", "--dta", "x"], ["forecast", "--out", "o"], ["templates"], ["forecast", "--data", "d", "--out", "o", "--seed", "3"], ["forecast", "--data", "d", "--out", "o", "--draws", "-1"], ["templates", "--out", "o", "--lang", "fr"], ["backtest", "--data", "d", "--origins", "20x"]]) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(EXIT.usage);
      if (argv.length) expect(r.stderr, argv.join(" ")).toMatch(/^placecast: error: .+\nRun placecast --help/);
    }
  });

  it("a missing data path exits 3", async () => {
    const r = await run("forecast", "--data", join(tmp(), "nope"), "--out", tmp());
    expect(r.code).toBe(EXIT.io);
    expect(r.stderr).toMatch(/^placecast: error: no such file or folder: .*nope/);
  });

  it("data errors exit 1 and list each problem with its file, row and column", async () => {
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    const text = readFileSync(join(dir, "enrolment.csv"), "utf8").replace("county,2019,P2,1010", "county,2019,P2,-3");
    writeFileSync(join(dir, "enrolment.csv"), text);
    const r = await run("forecast", "--data", dir, "--out", tmp());
    expect(r.code).toBe(EXIT.data);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("placecast: 1 problem in the data:\n✗ enrolment.csv, row 3, column D (pupils): area county, grade P2, year 2019: pupils must be a non-negative integer, or null when the figure is missing, got -3\n");
  });

  it("forecast writes every table as CSV, one workbook and JSON, and prints their paths", async () => {
    const data = join(tmp(), "data.xlsx");
    await writeDatasetFiles(smallInput, data, "xlsx", { lang: "zh-CN" });
    const out = tmp();
    const r = await run("forecast", "--data", data, "--out", out, "--to", "2026", "--draws", "40", "--seed", "9", "--lang", "zh-CN");
    expect(r.stderr).toMatch(/^placecast：预测 2020→2026 学年，1 个县区；.*模拟 40 次，随机种子 9\n$/);
    expect(r.code).toBe(EXIT.ok);
    // In Chinese the files are named in Chinese: years across, pupils, stages, housing, assessment, simulation, notes, parameters.
    const names = ["分学段在校生（按年）", "分年级在校生", "分学段在校生", "住房学生", "学位评估", "模拟区间", "说明", "参数"];
    expect(r.stdout.trim().split("\n")).toEqual([...names.map((n) => join(out, `${n}.csv`)), join(out, "placecast.xlsx"), join(out, "placecast.json")]);
    const json = JSON.parse(readFileSync(join(out, "placecast.json"), "utf8")) as { meta: { to: number; seed: number }; tables: Record<string, Record<string, unknown>[]> };
    expect(json.meta).toMatchObject({ to: 2026, seed: 9, draws: 40, baseYear: 2020 });
    expect(Object.keys(json.tables)).toEqual(names);
    const city = json.tables["分学段在校生"]!.filter((r) => r["县区代码"] === "city" && r["学年"] === 2026);
    expect(city.map((r) => r["层级"])).toEqual(["合计"]);
    expect(readFileSync(join(out, "学位评估.csv"), "utf8")).toMatch(/^\uFEFF县区代码,县区名称,学年,学段,在校生（人）,/);
  });

  it("templates writes both languages by default", async () => {
    const out = tmp();
    const r = await run("templates", "--out", out);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout.split("\n")).toContain(join(out, "zh-CN", "在校生.csv"));
    expect(readFileSync(join(out, "en", "enrolment.csv"), "utf8")).toBe("area,year,grade,pupils,provenance,note\n");
    expect(existsSync(join(out, "zh-CN", "placecast-template.xlsx"))).toBe(true);
  });

  it("backtest prints a summary table without --out", async () => {
    const dir = tmp();
    await writeDatasetFiles(yangjiangDataset(), dir, "csv");
    const r = await run("backtest", "--data", dir, "--origins", "2016-2018", "--horizon", "2");
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout.split("\n")[0]).toBe("horizon\tcells\tMAPE %\tMdAPE %\tbias %\tWAPE %");
    expect(r.stderr).toMatch(/^placecast: backtest of 3 origins \(2016–2018\), horizon 2: \d+ cells/);
  });
});

describe("backtest one origin at a time", () => {
  it("combines to exactly what backtest gives for all origins at once", () => {
    const ds = yangjiangDataset();
    const plan = { origins: [2016, 2017, 2018, 2019], horizon: 3 };
    const parts = plan.origins.map((o) => backtest(ds, {}, { ...plan, origins: [o] }));
    expect(combineBacktests(parts, ds, plan)).toEqual(backtest(ds, {}, plan));
  });
});

describe("forecast with draws and places of a parent area", () => {
  it("simulates the parent from the sum of its parts against its own places (issue 20 item 4)", () => {
    const input = { ...smallInput, capacity: [...smallInput.capacity!, { area: "city", stage: "primary", year: 2020, places: 9000 }] };
    const ds = parseDataset(input, chinaSchoolSystem);
    const r = runForecast(ds, { to: 2026, draws: 40, seed: 9, lang: "en", housing: true }, new Progress(sink()));
    expect(r.simulation!.rows.filter((row) => row.area === "county" && row.stage === "primary").every((row) => row.places! > 0)).toBe(true);
    const city = r.simulation!.rows.filter((row) => row.area === "city" && row.stage === "primary");
    expect(city.length).toBe(6);
    for (const row of city) {
      expect(row.places).toBe(9000);
      // The city's deterministic forecast is the sum of its forecast parts'.
      const parts = r.simulation!.rows.filter((x) => x.area !== "city" && x.stage === "primary" && x.year === row.year);
      expect(row.forecast).toBeCloseTo(parts.reduce((s, x) => s + x.forecast, 0), 6);
    }
  });

  it("writes the places schedule's notes into the notes (issue 20 item 2)", () => {
    const input = {
      ...smallInput,
      // The three cases of issue 20: planned places with no capacity record (the city has none),
      // a closure far beyond the stock, a project before the capacity year.
      plannedPlaces: [
        { area: "city", stage: "primary", year: 2022, places: 500 },
        { area: "county", stage: "primary", year: 2023, places: -1_000_000, sector: "public", kind: "closure" },
        { area: "county", stage: "primary", year: 2019, places: 45, sector: "public" },
      ],
    } satisfies typeof smallInput;
    const ds = parseDataset(input, chinaSchoolSystem);
    const r = runForecast(ds, { to: 2026, lang: "en", housing: false }, new Progress(sink()));
    const topics = r.notes.map((n) => n.topic);
    expect(topics).toEqual(expect.arrayContaining(["schedule.planned-without-capacity", "schedule.removals-exceed-places", "schedule.planned-already-counted"]));
    expect(r.notes.find((n) => n.topic === "schedule.removals-exceed-places")!.message).toBe("area county, stage primary, sector public, 2023–2026: planned removals (-1,000,000) exceed the 4,500 places; places held at 0");
    // notes.csv and placecast.json are written from this notes table.
    const notesTable = r.tables.find((t) => t.name === "notes")!;
    expect(notesTable.rows.map((row) => row[1])).toContain("schedule.planned-without-capacity");
    const zh = runForecast(ds, { to: 2026, lang: "zh-CN", housing: false }, new Progress(sink()));
    expect(zh.notes.find((n) => n.topic === "schedule.removals-exceed-places")!.message).toMatch(/学位按 0 计/);
  });
});

describe("progress bar", () => {
  it("draws on a terminal and stays silent otherwise", () => {
    const tty = sink(true);
    const p = new Progress(tty);
    p.start(2, "a");
    p.tick("b");
    p.end();
    expect(tty.text()).toContain("[############------------] 1/2 b");
    const pipe = sink(false);
    const q = new Progress(pipe);
    q.start(2, "a");
    q.tick("b");
    q.end();
    expect(pipe.text()).toBe("");
  });
});

describe("the executable", () => {
  it("runs as a process: exit code 2 and the message on stderr for an unknown command", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "nope"], { encoding: "utf8", cwd: join(import.meta.dirname, "..", "..") });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('placecast: error: unknown command "nope"');
  });
});
