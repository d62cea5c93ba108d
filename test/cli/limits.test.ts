import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateRunBytes, EXIT, HELP, LIMITS, main } from "../../src/cli/main.js";
import { chinaSchoolSystem } from "../../src/index.js";
import { safeReadDataset, writeDatasetFiles } from "../../src/node.js";
import { smallInput } from "../io/small.js";
import { runCli, sink } from "../helpers/cli.js";

// Issue 20 item 3: bounds on draws, horizon and input size as usage errors (exit 2), a stated
// memory budget checked before the run, and a documented exit code for every way a command ends.

const run = runCli;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "placecast-limits-"));
}

/** Sets the uncompressed size of every central-directory entry of a zip (an .xlsx) to `size`. */
function claimUnpacked(bytes: Buffer, size: number): Buffer {
  const b = Buffer.from(bytes);
  for (let i = 0; i + 46 <= b.length; i++) if (b.readUInt32LE(i) === 0x02014b50) b.writeUInt32LE(size, i + 24);
  return b;
}

const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at /);

describe("limits and exit codes (issue 20 item 3)", () => {
  it("--help states the limits, the memory budget and every exit code", () => {
    expect(HELP).toContain(`at most ${LIMITS.draws}`);
    expect(HELP).toContain(`at most ${LIMITS.horizon} years`);
    expect(HELP).toContain("2 GiB");
    expect(HELP).toContain(`${LIMITS.inputBytes / 2 ** 20} MiB`);
    for (const code of Object.values(EXIT)) expect(HELP).toMatch(new RegExp(`\\n  ${code}  \\S`));
  });

  it("--draws beyond the limit (9999999999, 20000000) is a usage error, exit 2, no stack trace", async () => {
    for (const n of ["9999999999", "20000000", String(LIMITS.draws + 1)]) {
      const r = await run("demo", "--out", tmp(), "--draws", n, "--quiet");
      expect(r.code, n).toBe(EXIT.usage);
      expect(r.stderr).toContain(`--draws must be an integer from 1 to ${LIMITS.draws}`);
      noStack(r.stderr);
    }
  });

  it("--to beyond the horizon limit (99999) and --horizon 999 are usage errors", async () => {
    const r = await run("demo", "--out", tmp(), "--to", "99999", "--quiet");
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`at most ${LIMITS.horizon} years after the base year`);
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    const b = await run("backtest", "--data", dir, "--horizon", "999", "--quiet");
    expect(b.code).toBe(EXIT.usage);
    expect(b.stderr).toContain(`--horizon must be an integer from 1 to ${LIMITS.horizon}`);
  });

  it("a run whose estimated memory exceeds the 2 GiB budget is refused before it starts (exit 2)", async () => {
    // 300 areas × 15 grades to 100 years ahead: 459,000 output rows, a run measured at 4.96 GB.
    const grades = ["K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2", "J3", "S1", "S2", "S3"];
    const dir = tmp();
    writeFileSync(join(dir, "areas.csv"), `id\n${Array.from({ length: 300 }, (_, i) => `a${i}`).join("\n")}\n`);
    writeFileSync(join(dir, "enrolment.csv"), `area,year,grade,pupils\n${Array.from({ length: 300 }, (_, i) => grades.map((g) => `a${i},2020,${g},100`).join("\n")).join("\n")}\n`);
    const r = await run("forecast", "--data", dir, "--out", tmp(), "--to", "2120", "--quiet");
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^placecast: error: this run \(300 areas, 101 years\) needs about 5\.2 GiB of memory, over the budget of 2 GiB; use fewer --draws or an earlier --to\n/);
    expect(estimateRunBytes({ areas: 300, grades: 15, stages: 4, years: 101 })).toBeGreaterThan(LIMITS.memoryBytes);
    // The demo at the draw limit stays within the budget (measured: 306 MB at 100,000 draws).
    expect(estimateRunBytes({ areas: 7, grades: 15, stages: 4, years: 16, draws: LIMITS.draws })).toBeLessThan(LIMITS.memoryBytes);
  });

  it("a workbook that unpacks beyond the input limit is refused before its rows are read (exit 2)", async () => {
    const file = join(tmp(), "data.xlsx");
    await writeDatasetFiles(smallInput, file, "xlsx");
    const bomb = join(tmp(), "bomb.xlsx");
    writeFileSync(bomb, claimUnpacked(readFileSync(file), 400 * 2 ** 20));
    const r = await run("forecast", "--data", bomb, "--out", tmp(), "--quiet");
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("unpacks to more than");
    noStack(r.stderr);
    const small = await safeReadDataset(file, chinaSchoolSystem, { maxBytes: 1000 });
    expect(small.success).toBe(false);
    if (!small.success) expect(small.issues.map((i) => i.code)).toEqual(["too_large"]);
    const rows = await safeReadDataset(file, chinaSchoolSystem, { maxRows: 5 });
    expect(!rows.success && rows.issues.some((i) => i.code === "too_large" && /more than 5 rows/.test(i.message))).toBe(true);
  });

  it("a CSV folder beyond the input limit is refused (exit 2)", async () => {
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    const r = await safeReadDataset(dir, chinaSchoolSystem, { maxBytes: 200 });
    expect(!r.success && r.issues[0]!.code).toBe("too_large");
  });

  it("an unexpected failure exits 4 with one internal-error message", async () => {
    const stderr = sink();
    const code = await main(["templates", "--out", tmp()], { stdout: { write: () => { throw new Error("boom"); } }, stderr });
    expect(code).toBe(EXIT.internal);
    expect(stderr.text()).toMatch(/^placecast: internal error: Error: boom/);
  });

  it("each documented exit code is reached: 0 ok, 1 data, 2 usage, 3 files", async () => {
    const dir = tmp();
    await writeDatasetFiles(smallInput, dir, "csv");
    expect((await run("forecast", "--data", dir, "--out", tmp(), "--quiet", "--format", "json")).code).toBe(EXIT.ok);
    writeFileSync(join(dir, "enrolment.csv"), "area,year,grade,pupils\ncounty,2020,P1,-1\n");
    expect((await run("forecast", "--data", dir, "--out", tmp(), "--quiet")).code).toBe(EXIT.data);
    expect((await run("forecast", "--data", dir)).code).toBe(EXIT.usage);
    expect((await run("forecast", "--data", join(dir, "missing"), "--out", tmp())).code).toBe(EXIT.io);
  });
});
