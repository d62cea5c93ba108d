import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/cli/main.js";
import { chinaSchoolSystem } from "../../src/index.js";
import { safeReadDataset, writeDatasetFiles } from "../../src/node.js";
import { smallInput } from "../io/small.js";
import { runCli, sink } from "../helpers/cli.js";

// Issue 20 item 15: a UTF-16 CSV was read as GB18030 without a hint; EISDIR named no path; the
// backtest summary said "MAPE NaN%" when every actual was under the floor.
function tmp(): string {
  return mkdtempSync(join(tmpdir(), "placecast-enc-"));
}

function utf16(text: string, endian: "le" | "be"): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe("encodings, folders and an empty MAPE (issue 20 item 15)", () => {
  for (const endian of ["le", "be"] as const) {
    it(`a UTF-16${endian.toUpperCase()} CSV (byte order mark) is read as UTF-16, with a hint`, async () => {
      const dir = tmp();
      await writeDatasetFiles(smallInput, dir, "csv", { lang: "zh-CN" });
      const areas = readFileSync(join(dir, "地区.csv"), "utf8").replace(/^\uFEFF/, "").replace(/,/g, "\t");
      writeFileSync(join(dir, "地区.csv"), utf16(areas, endian));
      const r = await safeReadDataset(dir, chinaSchoolSystem);
      if (!r.success) throw new Error(r.issues.map((i) => i.message).join("\n"));
      expect(r.data.areas.map((a) => a.name?.zh)).toEqual(["示例市", "示例县"]);
      expect(r.warnings.map((w) => w.message)).toContain(`地区.csv: is UTF-16 (${endian === "le" ? "little" : "big"}-endian, as Excel saves "Unicode Text"); read as UTF-16. Save as "CSV UTF-8" to avoid this warning`);
    });
  }

  it("UTF-16 without a byte order mark is refused with a hint, not read as GB18030", async () => {
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    writeFileSync(join(dir, "areas.csv"), Buffer.from(readFileSync(join(dir, "areas.csv"), "utf8"), "utf16le"));
    const r = await safeReadDataset(dir, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]!.message).toBe('areas.csv: looks like UTF-16 without a byte order mark (many NUL bytes); save it as "CSV UTF-8"');
  });

  it("a folder where a CSV file should be (EISDIR) names the path, exit 3", async () => {
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    const out = tmp();
    mkdirSync(join(out, "pupils.csv"));
    const stderr = sink();
    expect(await main(["forecast", "--data", dir, "--out", out, "--quiet"], { stdout: sink(), stderr })).toBe(EXIT.io);
    expect(stderr.text()).toBe(`placecast: error: a folder, not a file: ${join(out, "pupils.csv")}\n`);
    const bad = tmp();
    mkdirSync(join(bad, "areas.csv"));
    const e2 = sink();
    expect(await main(["forecast", "--data", bad, "--out", tmp(), "--quiet"], { stdout: sink(), stderr: e2 })).toBe(EXIT.io);
    expect(e2.text()).toBe(`placecast: error: a folder, not a file: ${join(bad, "areas.csv")}\n`);
  });

  it("the backtest summary says so when no actual is above the floor, never MAPE NaN%", async () => {
    const dir = tmp();
    const grades = ["P1", "P2", "P3", "P4", "P5", "P6"];
    await writeDatasetFiles(
      { areas: [{ id: "a", grades }], enrolment: [2014, 2015, 2016, 2017, 2018, 2019, 2020].flatMap((year) => grades.map((grade) => ({ area: "a", year, grade, pupils: 2 }))) },
      dir,
      "csv",
    );
    const stderr = sink();
    expect(await main(["backtest", "--data", dir, "--quiet"], { stdout: sink(), stderr })).toBe(EXIT.ok);
    expect(stderr.text()).not.toContain("NaN");
    expect(stderr.text()).toMatch(/cells, MAPE: no actual above the floor \(20 pupils\)\n$/);
  });
});
