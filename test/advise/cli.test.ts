import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("placecast advise", () => {
  it("advises on the Yangjiang seed: the comparison per stage on stdout, the tables with --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "placecast-advise-"));
    try {
      const r = await runCli("advise", "--demo", "--draws", "20", "--seed", "3", "--to", "2024", "--risk", "0.1", "--out", dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/P\(shortfall\) ≤ 0.1 per area-stage-year, 20 paths \(seed 3\)/);
      for (const stage of ["preschool", "primary", "junior", "senior"]) expect(r.stdout).toMatch(new RegExp(`^${stage} `, "m"));
      const advice = readFileSync(join(dir, "advice.csv"), "utf8").trim().split("\n");
      // 6 counties × 4 stages × 4 years (2021–2024)
      expect(advice).toHaveLength(1 + 6 * 4 * 4);
      expect(readFileSync(join(dir, "projects.csv"), "utf8")).toMatch(/,(keep|defer|cancel|committed),/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("refuses a bad risk and --data with --demo as usage errors", async () => {
    expect((await runCli("advise", "--demo", "--risk", "1.5")).code).toBe(2);
    expect((await runCli("advise", "--demo", "--risk", "ten")).stderr).toMatch(/--risk must be a share from 0 to 1/);
    expect((await runCli("advise", "--demo", "--data", "x")).code).toBe(2);
  });
});
