/**
 * Pins the simulation's numbers bit for bit: speed work on the kernel, the draws and the
 * summaries must not change them. The golden file (golden/simulate-national-sample.json) holds
 * the output of `simulate` at commit 33e78d8 (the calibrated walk errors, before the speed work of that round; the speed work was checked against a2533c5 and the one-step rows are the same at both) for the
 * configurations below, on the benchmark's synthetic national data (bench/synthetic.ts, 30
 * areas, seed 2844): a SHA-256 of every row (and kept path), written with every number's exact
 * bits, and every 25th row in full so that a difference can be read.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chinaSchoolSystem, fitModel, forecastWithHousing, parseDataset, simulate, type SimulateOptions } from "../helpers/internal.js";
import { MODEL_OPTIONS, SEED, TO } from "../../bench/config.js";
import { syntheticNational } from "../../bench/synthetic.js";

const ds = parseDataset(syntheticNational({ areas: 30, years: 10, baseYear: 2020, seed: SEED }), chinaSchoolSystem);
const model = fitModel(ds, MODEL_OPTIONS);
const housing = forecastWithHousing(model, { to: TO });

const configs: Record<string, SimulateOptions> = {
  // The national benchmark's options (walk errors, every source on), 1,000 draws: 7 full blocks and a partial one.
  walk: { draws: 1000, seed: SEED, to: TO, supply: ds, housing, housingProjects: "area" },
  "one-step": { draws: 1000, seed: SEED, to: TO, supply: ds, housing, housingProjects: "area", ratioErrors: "one-step" },
  // Developments slipping one by one, totals per path and kept paths, draws not a multiple of the block.
  totals: { draws: 301, seed: 7, to: 2030, supply: ds, housing, quantiles: [0.05, 0.25, 0.5, 0.75, 0.95], paths: true, totals: { allGrades: true, groups: { compulsory: ["primary", "junior"] }, containingAreas: true } },
  // Some areas only.
  areas: { draws: 500, seed: 11, to: TO, supply: ds, housing, housingProjects: "area", areas: [model.cube.areas[3]!, model.cube.areas[17]!] },
};

/** Numbers as their exact bits (−0, NaN and infinities included), so that equal text means equal numbers. */
function exact(_k: string, v: unknown): unknown {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isFinite(v) ? v : String(v);
  if (v instanceof Float64Array) return Array.from(v, (x) => exact("", x));
  return v;
}

function digest(sim: ReturnType<typeof simulate>): { sha256: string; rows: number; sample: unknown[] } {
  const text = JSON.stringify({ rows: sim.rows, paths: sim.paths, notes: sim.notes }, exact);
  return {
    sha256: createHash("sha256").update(text).digest("hex"),
    rows: sim.rows.length,
    sample: JSON.parse(JSON.stringify(sim.rows.filter((_, i) => i % 25 === 0), exact)) as unknown[],
  };
}

const goldenUrl = new URL("./golden/simulate-national-sample.json", import.meta.url);

describe("simulate: numbers pinned before the speed work", () => {
  const got = Object.fromEntries(Object.entries(configs).map(([k, o]) => [k, digest(simulate(model, o))]));
  if (process.env.WRITE_GOLDEN === "1") writeFileSync(goldenUrl, JSON.stringify(got, null, 1) + "\n");
  const golden = JSON.parse(readFileSync(goldenUrl, "utf8")) as typeof got;
  for (const k of Object.keys(configs)) {
    it(`${k}: the same rows, bit for bit`, () => {
      expect(got[k]!.rows).toBe(golden[k]!.rows);
      expect(got[k]!.sample).toEqual(golden[k]!.sample);
      expect(got[k]!.sha256).toBe(golden[k]!.sha256);
    });
  }
});
