import type { CellProblem } from "../../src/advise/cell.js";

/** A one-cell problem with every lever off but new permanent places from year 0 (block 1, cost 0), risk target off. */
export function cellProblem(over: Partial<CellProblem> & Pick<CellProblem, "years" | "draws" | "pupils">): CellProblem {
  const Y = over.years.length;
  return {
    base: new Float64Array(Y),
    projects: [],
    shortfallWeight: 3,
    emptyWeight: 1,
    permanentCost: 0,
    block: 1,
    permanentFrom: 0,
    temporaryCost: 0,
    temporaryFrom: Y,
    temporaryCapShare: 0,
    closureCost: 0,
    closureFrom: Y,
    risk: 1,
    riskPenalty: 1e4,
    maxBreakpoints: 2000,
    ...over,
  };
}
