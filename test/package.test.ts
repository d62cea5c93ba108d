import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Packs the built package, installs the tarball into a fresh consumer project from the local npm
// cache, and uses it with `import`, `require` and the `placecast` executable, through `npx` too
// (about 60 s). It
// needs `npm run build` first: it runs when dist/ exists, and always with PLACECAST_PACK_TEST=1
// (set by .ci/run after its build step, so that a missing build fails instead of skipping).
const root = resolve(import.meta.dirname, "..");
const enabled = process.env.PLACECAST_PACK_TEST === "1" || existsSync(join(root, "dist", "index.js"));

function npm(args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe.runIf(enabled)("the packed package", () => {
  it("installs from its tarball and works with import, require and the bin", () => {
    expect(existsSync(join(root, "dist", "index.js")), "run npm run build first").toBe(true);
    const packDir = mkdtempSync(join(tmpdir(), "placecast-pack-"));
    execFileSync("npm", ["pack", "--pack-destination", packDir, "--loglevel=error"], { cwd: root, encoding: "utf8" });
    const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);

    const app = mkdtempSync(join(tmpdir(), "placecast-consumer-"));
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    // Offline first (everything should be in the cache after `npm ci`); the cache with the registry as fallback.
    let r = npm(["install", "--offline", tarball], app);
    if (r.status !== 0) r = npm(["install", "--prefer-offline", tarball], app);
    expect(r.status, r.out).toBe(0);

    writeFileSync(
      join(app, "esm.mjs"),
      `import { fitModel, forecast, stageTotals } from "placecast";
import { datasetTables, csvText, safeReadDataset } from "placecast/node";
import { yangjiangDataset } from "placecast/seeds";
const ds = yangjiangDataset();
const fc = forecast(fitModel(ds), { to: 2025 });
const csv = csvText(datasetTables(ds)[0]);
console.log(JSON.stringify({ rows: stageTotals(fc).length, csv: csv.split("\\n")[0], read: typeof safeReadDataset }));
`,
    );
    writeFileSync(
      join(app, "cjs.cjs"),
      `const { fitModel, forecast, stageTotals } = require("placecast");
const { datasetTables, csvText, safeReadDataset } = require("placecast/node");
const { yangjiangDataset } = require("placecast/seeds");
const ds = yangjiangDataset();
const fc = forecast(fitModel(ds), { to: 2025 });
const csv = csvText(datasetTables(ds)[0]);
console.log(JSON.stringify({ rows: stageTotals(fc).length, csv: csv.split("\\n")[0], read: typeof safeReadDataset }));
`,
    );
    const expected = { rows: 6 * 4 * 6, csv: "id,name_zh,name_en,parent,grades,provenance,note", read: "function" };
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const out = execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8" });
      expect(JSON.parse(out), file).toEqual(expected);
    }
    const bin = spawnSync(join(app, "node_modules", ".bin", "placecast"), ["templates", "--out", join(app, "t"), "--lang", "en"], { encoding: "utf8" });
    expect(bin.status, bin.stderr).toBe(0);
    expect(bin.stdout).toContain(join(app, "t", "enrolment.csv"));
    // The commands docs/cli.md gives for an installed tarball: `npx placecast …` in the project
    // that installed it, and `npx ./placecast-0.1.0.tgz …` with no project at all.
    const demo = spawnSync("npx", ["--no-install", "placecast", "demo", "--out", join(app, "demo"), "--lang", "zh-CN", "--to", "2023", "--format", "csv", "--quiet"], { cwd: app, encoding: "utf8" });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(join(app, "demo", "分学段在校生（按年）.csv"));
    expect(demo.stderr).toMatch(/^placecast：预测 2020→2023 学年/);
    const npx = spawnSync("npx", ["--yes", "--prefer-offline", `./${basename(tarball)}`, "--version"], { cwd: packDir, encoding: "utf8" });
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  }, 300_000);

  it("runs from a clone with npm run cli (no build, no install of the package)", () => {
    const r = spawnSync("npm", ["run", "-s", "cli", "--", "--version"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  }, 60_000);
});
