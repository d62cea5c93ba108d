import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Packs the built package and installs the tarball into two fresh consumer projects from the local
// npm cache: a core-only install (no optional peers) and a full one (with exceljs, vega, vega-lite
// and @resvg/resvg-js at the versions the tests use), and uses each with `import`, `require` and
// the `placecast` executable (about 20 s). It needs `npm run build` first: it runs when dist/
// exists, and always with PLACECAST_PACK_TEST=1 (set by .ci/run after its build step, so that a
// missing build fails instead of skipping).
const root = resolve(import.meta.dirname, "..");
const enabled = process.env.PLACECAST_PACK_TEST === "1" || existsSync(join(root, "dist", "index.js"));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

function npm(args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

let tarball: string | undefined;
function pack(): string {
  if (tarball) return tarball;
  expect(existsSync(join(root, "dist", "index.js")), "run npm run build first").toBe(true);
  const packDir = mkdtempSync(join(tmpdir(), "placecast-pack-"));
  execFileSync("npm", ["pack", "--pack-destination", packDir, "--loglevel=error"], { cwd: root, encoding: "utf8" });
  tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);
  return tarball;
}

/** A consumer project with the tarball (and `extra` packages) installed: offline first, the cache with the registry as fallback. */
function consumer(extra: string[]): string {
  const app = mkdtempSync(join(tmpdir(), "placecast-consumer-"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  let r = npm(["install", "--offline", pack(), ...extra], app);
  if (r.status !== 0) r = npm(["install", "--prefer-offline", pack(), ...extra], app);
  expect(r.status, r.out).toBe(0);
  return app;
}

/** The packages installed in a consumer's node_modules (scoped ones as @scope/name). */
function installed(app: string): string[] {
  const dir = join(app, "node_modules");
  return readdirSync(dir)
    .filter((f) => !f.startsWith("."))
    .flatMap((f) => (f.startsWith("@") ? readdirSync(join(dir, f)).map((g) => `${f}/${g}`) : [f]))
    .sort();
}

// The same program in both module systems: forecast the seed, write and read back a CSV folder,
// and try the Excel and rendering features (ok, or the error's message when a peer is missing).

function program(kind: "esm" | "cjs"): string {
  const head =
    kind === "esm"
      ? `import * as core from "placecast";
import * as node from "placecast/node";
import * as seeds from "placecast/seeds";
import * as examples from "placecast/examples-data";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";`
      : `const core = require("placecast");
const node = require("placecast/node");
const seeds = require("placecast/seeds");
const examples = require("placecast/examples-data");
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");`;
  return `${head}
const attempt = (p) => p.then(() => "ok", (e) => (e instanceof node.MissingPeerError ? "missing " + e.packageName + ": " + e.message : "error: " + String(e)));
(async () => {
  const ds = seeds.yangjiangDataset();
  const fc = core.forecast(core.fitModel(ds), { to: 2025 });
  const csv = node.csvText(node.datasetTables(ds)[0]);
  const dir = mkdtempSync(join(tmpdir(), "placecast-io-"));
  await node.writeDatasetFiles(ds, dir, "csv");
  const back = await node.readDataset(dir, ds.system);
  const back2 = core.forecast(core.fitModel(back), { to: 2025 });
  const same = JSON.stringify(core.stageTotals(back2)) === JSON.stringify(core.stageTotals(fc));
  const xlsx = await attempt(node.writeWorkbook(node.datasetTables(ds), join(dir, "d.xlsx")));
  const svg = await attempt(node.renderSvg({ mark: "point", data: { values: [{ a: 1 }] }, encoding: { x: { field: "a", type: "quantitative" } } }));
  const png = await attempt(node.renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'));
  const us = core.parseDataset(examples.usStatesExample().input, core.usK12SchoolSystem);
  console.log(JSON.stringify({ rows: core.stageTotals(fc).length, csv: csv.split("\\n")[0], readBack: same, us: us.enrolment.length, xlsx, svg, png }));
})();
`;
}

// 6 areas x 4 stages x 6 years (2020-2025): the seed's stage totals to 2025 (seeds/yangjiang/README.md).
// us: the shipped US example, 51 states and DC x 26 school years (1986-2011) x 13 grades (seeds/examples/us-states.json).
const expectedCore = { rows: 6 * 4 * 6, csv: "id,name_zh,name_en,parent,grades,provenance,note", readBack: true, us: 51 * 26 * 13 };

function run(app: string): Record<string, string | number | boolean>[] {
  writeFileSync(join(app, "esm.mjs"), program("esm"));
  writeFileSync(join(app, "cjs.cjs"), program("cjs"));
  return ["esm.mjs", "cjs.cjs"].map((file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8" })));
}

describe.runIf(enabled)("the packed package", () => {
  it("ships its LICENSE (MIT)", () => {
    const list = execFileSync("tar", ["-tzf", pack()], { encoding: "utf8" }).split("\n");
    expect(list).toContain("package/LICENSE");
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} placecast contributors\n/);
  }, 60_000);

  it("installs core-only (no optional peer): forecasts, reads and writes CSV, and names the package a feature needs", () => {
    const app = consumer([]);
    // Only the package and its runtime dependencies: none of the optional peers.
    expect(installed(app)).toEqual(["placecast", ...Object.keys(pkg.dependencies)].sort());
    for (const [i, out] of run(app).entries()) {
      const file = i === 0 ? "esm" : "cjs";
      expect(out, file).toMatchObject(expectedCore);
      expect(out.xlsx, file).toMatch(/^missing exceljs: .*\.xlsx workbooks.*npm install exceljs/);
      expect(out.svg, file).toMatch(/^missing vega: .*npm install vega/);
      expect(out.png, file).toMatch(/^missing @resvg\/resvg-js: .*npm install @resvg\/resvg-js/);
    }
    // The executable: a CSV-only command works; one that writes a workbook says what to install.
    const bin = join(app, "node_modules", ".bin", "placecast");
    const templates = spawnSync(bin, ["templates", "--out", join(app, "t"), "--lang", "en"], { encoding: "utf8" });
    expect(templates.status).not.toBe(0);
    expect(templates.stderr).toContain("npm install exceljs");
    // A forecast from CSV files: CSV and JSON outputs need no peer; the default outputs include a workbook.
    execFileSync(process.execPath, ["--input-type=module", "-e", 'import { writeDatasetFiles } from "placecast/node"; import { yangjiangDataset } from "placecast/seeds"; await writeDatasetFiles(yangjiangDataset(), "data", "csv");'], { cwd: app });
    const fc = spawnSync(bin, ["forecast", "--data", join(app, "data"), "--out", join(app, "res"), "--format", "csv,json"], { encoding: "utf8" });
    expect(fc.status, fc.stderr).toBe(0);
    expect(fc.stdout).toContain(join(app, "res", "stages.csv"));
    const withXlsx = spawnSync(bin, ["forecast", "--data", join(app, "data"), "--out", join(app, "res2")], { encoding: "utf8" });
    expect(withXlsx.status).not.toBe(0);
    expect(withXlsx.stderr).toContain("npm install exceljs");
  }, 180_000);

  it("installs with the optional peers and works with import, require and the bin", () => {
    const peers = Object.keys(pkg.peerDependencies).map((n) => `${n}@${pkg.devDependencies[n]}`);
    const app = consumer(peers);
    for (const [i, out] of run(app).entries()) expect(out, i === 0 ? "esm" : "cjs").toEqual({ ...expectedCore, xlsx: "ok", svg: "ok", png: "ok" });
    const bin = spawnSync(join(app, "node_modules", ".bin", "placecast"), ["templates", "--out", join(app, "t"), "--lang", "en"], { encoding: "utf8" });
    expect(bin.status, bin.stderr).toBe(0);
    expect(bin.stdout).toContain(join(app, "t", "enrolment.csv"));
    // The commands docs/cli.md gives for an installed tarball: `npx placecast …` in the project
    // that installed it, and `npx ./placecast-0.1.0.tgz …` with no project at all.
    const demo = spawnSync("npx", ["--no-install", "placecast", "demo", "--out", join(app, "demo"), "--lang", "zh-CN", "--to", "2023", "--format", "csv", "--quiet"], { cwd: app, encoding: "utf8" });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(join(app, "demo", "分学段在校生（按年）.csv"));
    expect(demo.stderr).toMatch(/^placecast：预测 2020→2023 学年/);
    const packed = pack();
    const npx = spawnSync("npx", ["--yes", "--prefer-offline", `./${basename(packed)}`, "--version"], { cwd: dirname(packed), encoding: "utf8" });
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  }, 300_000);

  it("runs from a clone with npm run cli (no build, no install of the package)", () => {
    const r = spawnSync("npm", ["run", "-s", "cli", "--", "--version"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  }, 60_000);
});
