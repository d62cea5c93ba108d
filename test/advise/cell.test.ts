import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { solveCell } from "../../src/advise/cell.js";
import { evaluatePlaces } from "../../src/advise/evaluate.js";
import { newsvendorPlaces, riskQuantile } from "../../src/advise/newsvendor.js";
import { loadHighsSolver, type Solver } from "../../src/advise/solver.js";
import { expectClose } from "../helpers/expect.js";
import { cellProblem } from "./helpers.js";

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver({ mipRelGap: 1e-9 }); // tight: the properties compare optima
});

/** perPlace · C + E[ws (D − C)⁺ + we (C − D)⁺] over the draws. */
function cost(demands: readonly number[], c: number, ws: number, we: number, perPlace: number): number {
  const r = evaluatePlaces(Float64Array.from(demands), [0], [c])[0]!;
  return perPlace * c + ws * r.expectedShortfall + we * r.expectedEmpty;
}

describe("one cell, one year: solved by hand", () => {
  // Five equally likely demands 80, 90, 100, 110, 120; shortfall weight 3, empty weight 1.
  const pupils = Float64Array.of(80, 90, 100, 110, 120);
  it("no cost per place: critical ratio 3 / (3 + 1) = 0.75, the 4th of 5 sorted draws (4/5 ≥ 0.75) = 110; cost (3·10 + 30 + 20 + 10) / 5 = 18", () => {
    const plan = solveCell(cellProblem({ years: [2025], draws: 5, pupils }), solver, "hand");
    expect(plan.places[0]).toBe(110);
    expectClose(plan.objective, 18, { abs: 1e-6 });
    expect(newsvendorPlaces(pupils, { shortfall: 3, empty: 1 })).toBe(110);
  });
  it("1 per place: ratio (3 − 1) / 4 = 0.5, the 3rd draw (3/5 ≥ 0.5) = 100; cost 100 + (3·(10 + 20) + 20 + 10) / 5 = 124", () => {
    const plan = solveCell(cellProblem({ years: [2025], draws: 5, pupils, permanentCost: 1 }), solver, "hand");
    expect(plan.places[0]).toBe(100);
    expectClose(plan.objective, 124, { abs: 1e-6 });
    expect(newsvendorPlaces(pupils, { shortfall: 3, empty: 1, perPlace: 1 })).toBe(100);
  });
  it("risk 10 %: ⌊0.1 · 5⌋ = 0 draws may be short, so 120 places; cost (40 + 30 + 20 + 10) / 5 = 20", () => {
    const plan = solveCell(cellProblem({ years: [2025], draws: 5, pupils, risk: 0.1 }), solver, "hand");
    expect(plan.places[0]).toBe(120);
    expect(plan.quantile[0]).toBe(120);
    expectClose(plan.objective, 20, { abs: 1e-6 });
    expect(riskQuantile(pupils, 0.1)).toBe(120);
  });
  it("blocks of 45 (a primary class): 110 needs 3 blocks = 135 or 2 = 90; cost of 90: 3·(0+10+20+30)/5 = 36, of 135: (55+45+35+25+15)/5 = 35 → 135", () => {
    const plan = solveCell(cellProblem({ years: [2025], draws: 5, pupils, block: 45 }), solver, "hand");
    expect(plan.places[0]).toBe(135);
    expect(plan.blocks[0]).toBe(3);
    expectClose(plan.objective, 35, { abs: 1e-6 });
  });
});

describe("one cell, one year: the solver agrees with the closed form", () => {
  it("newsvendor places (any weights, cost per place, risk target)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(1, 0.5, 0.2, 0.1, 0.05, 0),
        (demands, ws, we, perPlace, risk) => {
          const plan = solveCell(cellProblem({ years: [0], draws: demands.length, pupils: Float64Array.from(demands), shortfallWeight: ws, emptyWeight: we, permanentCost: perPlace, risk }), solver, "prop");
          const closed = newsvendorPlaces(demands, { shortfall: ws, empty: we, perPlace }, risk);
          // ties (critical ratio · n an integer) leave a range of optima: compare costs, and places off ties
          const ratio = (ws - perPlace) / (ws + we);
          expectClose(cost(demands, plan.places[0]!, ws, we, perPlace), cost(demands, closed, ws, we, perPlace), { abs: 1e-6, rel: 1e-9 });
          expectClose(plan.objective, cost(demands, closed, ws, we, perPlace), { abs: 1e-6, rel: 1e-9 });
          if (Math.abs(ratio * demands.length - Math.round(ratio * demands.length)) > 1e-9 && new Set(demands).size === demands.length) expect(plan.places[0]).toBe(closed);
        },
      ),
      { numRuns: 150 },
    );
  });
});
