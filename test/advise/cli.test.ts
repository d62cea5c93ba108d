import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  it("--moves: one county lends another (yunzhou fixture: 青山县 and 白水县 share the parent 云州市); without it no moves table", async () => {
    const fixture = join(__dirname, "..", "fixtures", "yunzhou");
    const withMoves = mkdtempSync(join(tmpdir(), "placecast-advise-"));
    const without = mkdtempSync(join(tmpdir(), "placecast-advise-"));
    const zh = mkdtempSync(join(tmpdir(), "placecast-advise-"));
    try {
      const r = await runCli("advise", "--data", fixture, "--draws", "20", "--moves", "--out", withMoves);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Places moved between areas of the same parent \(estimatedMoves: estimates\): [1-9]\d* lender-borrower pairs, [1-9]\d* place-years/m);
      const rows = readFileSync(join(withMoves, "moves.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
      expect(rows[0]).toEqual(["lender", "lender_name", "borrower", "borrower_name", "stage", "year", "places"]);
      expect(rows.length).toBeGreaterThan(1);
      for (const m of rows.slice(1)) {
        expect([["qingshan", "Qingshan County", "baishui", "Baishui County"], ["baishui", "Baishui County", "qingshan", "Qingshan County"]]).toContainEqual(m.slice(0, 4));
        expect(Number(m[6])).toBeGreaterThan(0);
      }
      expect(readFileSync(join(withMoves, "adviceNotes.csv"), "utf8")).toMatch(/^advise\.move,/m);

      const n = await runCli("advise", "--data", fixture, "--draws", "20", "--out", without);
      expect(n.code, n.stderr).toBe(0);
      expect(n.stdout).not.toMatch(/moved/);
      expect(existsSync(join(without, "moves.csv"))).toBe(false);
      expect(readFileSync(join(without, "adviceNotes.csv"), "utf8")).not.toMatch(/^advise\.move,/m);

      // A cap of 0 lends nothing: the table is there, with no row.
      const z = await runCli("advise", "--data", fixture, "--draws", "20", "--moves", "--move-cap", "0", "--lang", "zh-CN", "--out", zh);
      expect(z.code, z.stderr).toBe(0);
      expect(z.stdout).toMatch(/^同一上级的县区之间调配学位（估算成本见 estimatedMoves）：0 对县区，共 0 个学位年/m);
      expect(readFileSync(join(zh, "学位调配.csv"), "utf8").replace(/^\uFEFF/, "").trim()).toBe("借出县区代码,借出县区名称,借入县区代码,借入县区名称,学段,学年,学位（个）");
    } finally {
      for (const d of [withMoves, without, zh]) rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);
  it("refuses --move-cost or --move-cap without --moves, and a cap above 1", async () => {
    expect((await runCli("advise", "--demo", "--move-cost", "2")).stderr).toMatch(/--move-cost and --move-cap need --moves/);
    expect((await runCli("advise", "--demo", "--moves", "--move-cap", "1.5")).code).toBe(2);
  });
  it("refuses a bad risk and --data with --demo as usage errors", async () => {
    expect((await runCli("advise", "--demo", "--risk", "1.5")).code).toBe(2);
    expect((await runCli("advise", "--demo", "--risk", "ten")).stderr).toMatch(/--risk must be a share from 0 to 1/);
    expect((await runCli("advise", "--demo", "--data", "x")).code).toBe(2);
  });
});
