/**
 * The planning page (examples/web/) in headless Chromium: built with `scripts/build-web.ts` into a
 * temporary folder, opened from file:// with `chromium --headless --dump-dom`, and its key figures
 * (the `<pre id="key-figures">` JSON) compared with the main job's (examples/yangjiang.ts, `npm
 * start`), computed here with the library the same way: fitModel on the seed, forecastWithHousing to
 * 2035, the "total" component, assessCapacity. The page's `#selftest` also writes the seed as the
 * zh CSV files and as an .xlsx workbook with the library's writer and reads them back with its
 * reader in the browser. Skips (with the reason) when no Chromium binary is on the PATH; CI
 * installs Debian's `chromium` (.ci/run).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assessCapacity, componentStageTotals, fitModel, forecastWithHousing } from "../src/index.js";
import { yangjiangDataset } from "../src/seeds.js";

const root = resolve(import.meta.dirname, "..");
const chromium = ["chromium", "chromium-browser", "google-chrome"].find((b) => spawnSync("sh", ["-c", `command -v ${b}`]).status === 0);
if (!chromium) console.warn("test/web.test.ts skipped: no chromium binary on the PATH (Debian: apt-get install --no-install-recommends chromium)");

/** The text of the element with this id in a dumped DOM (text content: only &, <, > and no-break spaces are escaped). */
function textOf(dom: string, id: string): string {
  const m = new RegExp(`<pre id="${id}"[^>]*>([^<]*)</pre>`).exec(dom);
  if (!m) throw new Error(`no <pre id="${id}"> in the page`);
  return m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;/g, "\u00a0").replace(/&amp;/g, "&");
}

describe.skipIf(!chromium)("the planning page in headless Chromium", () => {
  it("shows the main job's Yangjiang figures, draws its charts, and reads back the seed's CSV and .xlsx files", () => {
    const out = mkdtempSync(join(tmpdir(), "placecast-web-"));
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build-web.ts"), out], { cwd: root, encoding: "utf8" });
    const url = `${pathToFileURL(join(out, "index.html")).href}#selftest`;
    // --no-sandbox: CI runs as root; the virtual time budget lets the page's async work (charts, self-test) finish before the dump.
    const r = spawnSync(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=120000", "--dump-dom", url], { encoding: "utf8", timeout: 150_000, maxBuffer: 64 * 2 ** 20 });
    expect(r.status, r.stderr).toBe(0);
    const dom = r.stdout;
    expect(textOf(dom, "issues")).toBe("");
    expect(dom).toContain('data-state="done"');
    // The two charts (forecast of one area, surplus heat map) drawn as SVG by renderSvg.
    expect(dom.match(/<svg[^>]*class="marks"/g)?.length).toBe(2);

    const page = JSON.parse(textOf(dom, "key-figures")) as { baseYear: number; to: number; pupils: Record<string, number>; firstFlag: Record<string, number> };

    // The main job's computation (examples/yangjiang.ts).
    const ds = yangjiangDataset();
    const total = componentStageTotals(forecastWithHousing(fitModel(ds), { to: 2035 })).filter((x) => x.component === "total");
    const assessment = assessCapacity(total, ds);
    const years = [2020, 2025, 2030, 2035];
    const counties = new Set(total.map((x) => x.area));
    expect(counties.size).toBe(6);
    for (const x of total.filter((x) => years.includes(x.year))) expect(page.pupils[`${x.area}/${x.stage}/${x.year}`], `${x.area}/${x.stage}/${x.year}`).toBeCloseTo(x.pupils, 6);
    // The city row is the sum of the counties, as the main job's city table.
    for (const stage of ds.system.stages.map((s) => s.id)) {
      for (const year of years) {
        const sum = total.filter((x) => x.stage === stage && x.year === year).reduce((a, x) => a + x.pupils, 0);
        expect(page.pupils[`yangjiang/${stage}/${year}`], `yangjiang/${stage}/${year}`).toBeCloseTo(sum, 6);
      }
    }
    expect(Object.keys(page.pupils).length).toBe((6 + 1) * 4 * years.length);
    // Printed by `npm start` (and the report): 江城区 primary 2035 23,063; city primary 2035 115,936, 2025 220,128.
    expect(Math.round(page.pupils["jiangcheng/primary/2035"]!)).toBe(23_063);
    expect(Math.round(page.pupils["yangjiang/primary/2035"]!)).toBe(115_936);
    expect(Math.round(page.pupils["yangjiang/primary/2025"]!)).toBe(220_128);

    const firstFlag: Record<string, number> = {};
    for (const a of [...assessment].sort((p, q) => p.year - q.year)) for (const f of a.flags) if ((f.code === "shortfall" || f.code === "large") && !(`${a.area}/${a.stage}/${f.code}` in firstFlag)) firstFlag[`${a.area}/${a.stage}/${f.code}`] = a.year;
    expect(Object.keys(firstFlag).length).toBeGreaterThan(0);
    expect(page.firstFlag).toEqual(firstFlag);
    expect({ baseYear: page.baseYear, to: page.to }).toEqual({ baseYear: ds.baseYear, to: 2035 });

    // The browser read the seed back through the library's reader: 6 zh CSV files and one en workbook.
    expect(JSON.parse(textOf(dom, "selftest"))).toEqual({ csv: "same figures (6 files)", xlsx: "same figures (1 files)" });
    // The built page is static: one HTML file and one classic script.
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain('<script src="app.js"></script>');
  }, 240_000);
});
